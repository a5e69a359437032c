/**
 * A small on-sale driven from outside, as buyers would: joins at a steady pace, buyers near the
 * head of the line looking at their entry, offered buyers paying (or giving the offer back, or
 * letting it lapse). Every answer is tallied; every acknowledged join and every payment is kept
 * for the audit. Requests go to `base()`, so a restarted server (same port) is simply retried.
 */
import type { Buyer } from './buyers.js';
import { call, sleep, Tally, type Answer } from './http.js';
import { pay, type PaymentRecord } from './payer.js';

export interface JoinAck {
  userId: string;
  entryId: string;
  quantity: number;
  /** When this buyer's first join request was sent: their entry was made no earlier. */
  firstSentAt: number;
  ackAt: number;
  status: string;
  position?: number;
}

export interface SaleOptions {
  base: () => string;
  eventId: string;
  buyers: Buyer[];
  joinsPerSec: number;
  concurrency: number;
  /** Per buyer: 'pay' their offer, give it 'back', or let it 'lapse'. */
  choice: (buyer: Buyer) => 'pay' | 'back' | 'lapse';
  quantity: (buyer: Buyer) => number;
  /** Waiting buyers nearest the head that look at their entry each round. */
  watchHead?: number;
  watchEveryMs?: number;
}

export interface LateOfferView {
  count: number;
  maxMs: number;
}

export class Sale {
  readonly acks = new Map<string, JoinAck>();
  readonly payments = new Map<string, PaymentRecord>();
  readonly tallies = { join: new Tally(), me: new Tally(), pay: new Tally(), leave: new Tally() };
  /** Answers showing a live offer to a request sent after that offer's deadline. */
  readonly lateOfferViews: LateOfferView = { count: 0, maxMs: 0 };
  private readonly firstSent = new Map<string, number>();
  private readonly running: Array<Promise<void>> = [];
  private readonly paying = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly options: SaleOptions) {}

  start(): void {
    const started = Date.now();
    let next = 0;
    const retry: Buyer[] = [];
    const worker = async () => {
      while (!this.stopped) {
        const buyer = retry.shift() ?? this.options.buyers[next++];
        if (!buyer) {
          if (next >= this.options.buyers.length && retry.length === 0) return;
          await sleep(50);
          continue;
        }
        const due = started + (buyer.index / this.options.joinsPerSec) * 1000;
        if (due > Date.now()) await sleep(due - Date.now());
        if (!(await this.join(buyer))) {
          retry.push(buyer);
          await sleep(100);
        }
      }
    };
    for (let i = 0; i < this.options.concurrency; i++) this.running.push(worker());
    this.running.push(this.watchHead());
  }

  /** Stops starting new work and waits for what is in flight. Unfinished payments stay 'unsettled'. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
    await Promise.all(this.paying);
  }

  /** After the run, with a healthy server: finishes every payment whose outcome is unknown. */
  async settle(): Promise<void> {
    this.stopped = false;
    const buyers = new Map(this.options.buyers.map((b) => [b.userId, b]));
    const open = [...this.payments.values()].filter((p) => p.state === 'unsettled' || p.state === 'paying');
    await Promise.all(open.map((p) => this.payWith(buyers.get(p.userId)!, p)));
    this.stopped = true;
  }

  get joinsSent(): number {
    return this.tallies.join.total;
  }

  /** Returns false when the join must be retried (no answer, or the service was unavailable). */
  private async join(buyer: Buyer): Promise<boolean> {
    if (!this.firstSent.has(buyer.userId)) this.firstSent.set(buyer.userId, Date.now());
    const answer = await call(this.options.base(), 'POST', `/api/events/${this.options.eventId}/queue`, {
      token: buyer.token,
      body: { quantity: this.options.quantity(buyer) },
    });
    this.tallies.join.add(answer);
    if (answer.status !== 200 && answer.status !== 201) return !(answer.status === 0 || answer.status >= 500);
    if (!this.acks.has(buyer.userId)) {
      this.acks.set(buyer.userId, {
        userId: buyer.userId,
        entryId: answer.body.id,
        quantity: answer.body.quantity,
        firstSentAt: this.firstSent.get(buyer.userId)!,
        ackAt: answer.answeredAt,
        status: answer.body.status,
        position: answer.body.position,
      });
    }
    this.onEntry(buyer, answer);
    return true;
  }

  /** Buyers near the head look at their entry now and then, as an open event page would. */
  private async watchHead(): Promise<void> {
    const byUser = new Map(this.options.buyers.map((b) => [b.userId, b]));
    while (!this.stopped) {
      await sleep(this.options.watchEveryMs ?? 1_000);
      const live = [...this.acks.values()];
      const head = this.options.watchHead ?? 40;
      const looking = [...live.filter((a) => a.status === 'offered').slice(0, 4 * head), ...live.filter((a) => a.status === 'waiting').slice(0, head)];
      await Promise.all(
        looking.map(async (ack) => {
          const buyer = byUser.get(ack.userId)!;
          const answer = await call(this.options.base(), 'GET', `/api/events/${this.options.eventId}/queue/me`, { token: buyer.token });
          this.tallies.me.add(answer);
          if (answer.status === 200) this.onEntry(buyer, answer);
        }),
      );
    }
  }

  private onEntry(buyer: Buyer, answer: Answer): void {
    const entry = answer.body as { id: string; status: string; offerId?: string; offeredQuantity?: number; offerExpiresAt?: string };
    const ack = this.acks.get(buyer.userId);
    if (ack && ack.entryId === entry.id) ack.status = entry.status;
    if (entry.status !== 'offered' || !entry.offerExpiresAt) return;
    const deadline = Date.parse(entry.offerExpiresAt);
    if (answer.sentAt > deadline) {
      this.lateOfferViews.count += 1;
      this.lateOfferViews.maxMs = Math.max(this.lateOfferViews.maxMs, answer.sentAt - deadline);
    }
    if (this.payments.has(buyer.userId) || this.stopped) return;
    const choice = this.options.choice(buyer);
    if (choice === 'lapse') return;
    if (choice === 'back') {
      this.payments.set(buyer.userId, {
        userId: buyer.userId,
        entryId: entry.id,
        quantity: 0,
        offerExpiresAt: deadline,
        completesSent: 0,
        state: 'expired',
        tickets: [],
        attempts: 0,
      });
      void call(this.options.base(), 'DELETE', `/api/events/${this.options.eventId}/queue/me`, { token: buyer.token }).then((a) => this.tallies.leave.add(a));
      return;
    }
    const record: PaymentRecord = {
      userId: buyer.userId,
      entryId: entry.id,
      offerId: entry.offerId,
      quantity: entry.offeredQuantity ?? 0,
      offerExpiresAt: deadline,
      completesSent: 0,
      state: 'paying',
      tickets: [],
      attempts: 0,
    };
    this.payments.set(buyer.userId, record);
    void this.payWith(buyer, record);
  }

  private payWith(buyer: Buyer, record: PaymentRecord): Promise<void> {
    const running = pay(buyer.token, record, {
      base: this.options.base,
      eventId: this.options.eventId,
      tally: this.tallies.pay,
      stopped: () => this.stopped,
    }).finally(() => this.paying.delete(running));
    this.paying.add(running);
    return running;
  }
}

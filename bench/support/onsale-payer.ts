/**
 * The buyers who are offered pay at once through demo checkout (checkout, then complete), many at
 * a time, each retried through transient failures by the same payer the fault runs use.
 */
import { call, sleep, Tally } from '../../chaos/support/http.js';
import { pay, type PaymentRecord } from '../../chaos/support/payer.js';
import { buyerId } from './onsale-tokens.js';

export class Payers {
  readonly records: PaymentRecord[] = [];
  readonly tally = new Tally();
  /** [ms since epoch, tickets the buyers were given so far]. */
  readonly paidAt: Array<[number, number]> = [];
  private readonly queue: Array<() => Promise<void>> = [];
  private running = 0;
  private idleWaiters: Array<() => void> = [];
  private ticketsSoFar = 0;
  private readonly front = new Set<number>();
  private polling?: Promise<void>;
  private closed = false;

  constructor(
    private readonly base: string,
    private readonly eventId: string,
    private readonly tokens: string[],
    private readonly concurrency: number,
  ) {}

  /** A buyer's join answered "offered": pay now (or as soon as a payer is free). */
  offered(index: number, entry: { id: string; offerId: string; offeredQuantity: number; offerExpiresAt: string }): void {
    const record: PaymentRecord = {
      userId: buyerId(index),
      entryId: entry.id,
      offerId: entry.offerId,
      quantity: entry.offeredQuantity,
      offerExpiresAt: Date.parse(entry.offerExpiresAt),
      completesSent: 0,
      state: 'paying',
      tickets: [],
      attempts: 0,
    };
    this.records.push(record);
    this.queue.push(async () => {
      await pay(this.tokens[index]!, record, { base: () => this.base, eventId: this.eventId, tally: this.tally, stopped: () => false });
      if (record.state === 'paid') {
        this.ticketsSoFar += record.tickets.length;
        this.paidAt.push([Date.now(), this.ticketsSoFar]);
      }
    });
    this.pump();
  }

  /**
   * A buyer near the front who was told to wait. Offers are also made after a join — e.g. the last
   * few tickets go to the head of the line once no held ticket can come back — and a real buyer's
   * page learns of them by push; here the front of the line is polled until each is offered or gone.
   */
  waiting(index: number): void {
    this.front.add(index);
    this.polling ??= this.pollFront();
  }

  /** Stops polling the front of the line. */
  async close(): Promise<void> {
    this.closed = true;
    await this.polling;
  }

  private async pollFront(): Promise<void> {
    while (!this.closed) {
      for (const index of [...this.front]) {
        if (this.closed) break;
        const answer = await call(this.base, 'GET', `/api/events/${this.eventId}/queue/me`, { token: this.tokens[index]! });
        if (answer.status !== 200) continue;
        const entry = answer.body as { status: string; id: string; offerId: string; offeredQuantity: number; offerExpiresAt: string };
        if (entry.status === 'waiting') continue;
        this.front.delete(index);
        if (entry.status === 'offered') this.offered(index, entry);
      }
      await sleep(500);
    }
  }

  /** Resolves when every payment so far has settled. */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running += 1;
      void job().finally(() => {
        this.running -= 1;
        this.pump();
        if (this.running === 0 && this.queue.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    }
  }
}

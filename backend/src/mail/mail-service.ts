import type { Logger } from '../logger.js';
import type { EntryView, QueueState } from '../queue/core/index.js';
import { issuedPayments } from '../queue/core/issued.js';
import { mailId, type NewMail, type Outbox } from './outbox.js';

/** Only purchases this recent get a confirmation written after a crash (older ones predate the outbox, or were sent). */
const RECONCILE_RECENT_PAYMENTS = 500;
const RECONCILE_MAX_AGE_MS = 24 * 3600_000;

/**
 * What the other modules tell mail (app.mail): each call records a message in the outbox in the
 * same step as the fact it reports, before that fact is acknowledged, so a crash loses neither.
 */
export class MailService {
  constructor(
    private readonly outbox: Outbox,
    private readonly log: Logger,
    private readonly nudge: () => void,
    private readonly purchasedAt: (paymentId: string) => Promise<Date | undefined>,
  ) {}

  async queue(mails: NewMail[]): Promise<void> {
    await this.outbox.add(mails);
    this.nudge();
  }

  /**
   * The buyer asked to be emailed when their turn comes (armed until the offer is made). The offer
   * may have been made between the join's answer and this write: then it fires here.
   */
  async armYourTurn(eventId: string, userId: string, entryId: string, current: () => Promise<EntryView | undefined>): Promise<void> {
    await this.outbox.add([{ kind: 'your-turn', subject: entryId, eventId, userId, data: { entryId } }], 'armed');
    const entry = await current();
    if (entry?.id === entryId && entry.status === 'offered' && entry.offerExpiresAt) {
      await this.offerMade(entryId, entry.offeredQuantity ?? entry.quantity, entry.offerExpiresAt);
    }
  }

  /** An offer was made: an armed "your turn" for it becomes due. */
  async offerMade(entryId: string, quantity: number, expiresAt: number): Promise<void> {
    if (await this.outbox.fire(mailId('your-turn', entryId), { quantity, offerExpiresAt: expiresAt })) this.nudge();
  }

  /**
   * After a crash: confirmations of purchases whose outbox write was lost with it, and "your turn"
   * messages of live offers whose firing was lost. Both writes are idempotent.
   */
  async reconcile(eventId: string, state: QueueState): Promise<void> {
    const issued = issuedPayments(state);
    const recent = issued.slice(-RECONCILE_RECENT_PAYMENTS);
    if (recent.length > 0 && (await this.outbox.countOf(eventId, 'order-confirmation')) < issued.length) {
      const known = new Set(
        (
          await this.outbox.messages.find({ _id: { $in: recent.map((p) => mailId('order-confirmation', p.paymentId)) } }, { projection: { _id: 1 } }).toArray()
        ).map((d) => d._id),
      );
      const missing: NewMail[] = [];
      for (const p of recent) {
        if (known.has(mailId('order-confirmation', p.paymentId))) continue;
        const at = await this.purchasedAt(p.paymentId);
        if (!at || Date.now() - at.getTime() > RECONCILE_MAX_AGE_MS) continue;
        missing.push({ kind: 'order-confirmation', subject: p.paymentId, eventId, userId: p.userId, data: { paymentId: p.paymentId } });
      }
      if (missing.length) {
        this.log.warn({ eventId, count: missing.length }, 'order confirmations missing after a crash; queued');
        await this.queue(missing);
      }
    }
    const offered = new Map(state.entries.filter((e) => e.status === 'offered' && e.turnEmail !== false).map((e) => [mailId('your-turn', e.id), e]));
    if (offered.size === 0) return;
    const armed = await this.outbox.messages.find({ _id: { $in: [...offered.keys()] }, status: 'armed' }, { projection: { _id: 1 } }).toArray();
    for (const { _id } of armed) {
      const entry = offered.get(_id)!;
      await this.offerMade(entry.id, entry.offeredQuantity, entry.offerExpiresAt);
    }
  }
}

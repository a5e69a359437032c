import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Logger } from '../logger.js';
import { compose, type MailSources } from './messages/compose.js';
import type { MailDoc, Outbox } from './outbox.js';

export interface OutboxWorkerOptions {
  outbox: Outbox;
  sources: MailSources;
  transport: Transporter;
  from: string;
  log: Logger;
  pollMs: number;
  maxAttempts: number;
  /** Messages sent at once (the SMTP pool's size). */
  concurrency?: number;
  /** Longer than an SMTP attempt can take (the transport's timeouts are below it), so a claim never outlives its worker's try. */
  claimMs: number;
}
const BATCH = 20;
const MAX_BACKOFF_MS = 5 * 60_000;

/** 1 s, 2 s, 4 s … 5 min, with ±20% jitter so instances retrying one outage do not move in step. */
export function backoffMs(attempts: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Sends what the outbox holds: claims each due message (insert-only claims, so one instance sends
 * it), composes it from the stored documents, hands it to SMTP, records it sent. A failure is
 * retried with backoff; after `maxAttempts` the message is marked failed and logged for the operator.
 * A crash mid-send leaves the claim to expire and another attempt sends it; the Message-ID is fixed
 * per outbox entry, so mail systems can recognise the one case this cannot rule out (a crash after
 * the SMTP server accepted the message and before it was recorded as sent).
 */
export class OutboxWorker {
  readonly id = `mail-${randomUUID()}`;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: OutboxWorkerOptions) {}

  start(): void {
    this.schedule(0);
  }

  /** Looks for due messages now instead of at the next poll (a message was just queued). */
  nudge(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.options.transport.close();
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .catch((err: unknown) => this.options.log.warn({ err }, 'mail outbox: looking for due messages failed'))
        .finally(() => {
          this.running = undefined;
          this.schedule(this.options.pollMs);
        });
    }, delay);
    this.timer.unref();
  }

  /** Sends due messages batch by batch until none is left. */
  private async drain(): Promise<void> {
    const { outbox, concurrency = 4 } = this.options;
    while (!this.stopped) {
      const due = await outbox.due(new Date(), BATCH);
      if (due.length === 0) return;
      let sentAny = false;
      for (let i = 0; i < due.length; i += concurrency) {
        const results = await Promise.all(due.slice(i, i + concurrency).map((doc) => this.sendOne(doc)));
        sentAny ||= results.some(Boolean);
      }
      // Everything due was claimed by other instances or failed: wait for the next poll.
      if (!sentAny || due.length < BATCH) return;
    }
  }

  /** True when this worker took the message (sent, skipped or failed an attempt). */
  private async sendOne(candidate: MailDoc): Promise<boolean> {
    const { outbox, log, maxAttempts } = this.options;
    const claim = await outbox.claim(candidate._id, this.id, new Date(), this.options.claimMs);
    if (claim === null) return false;
    // Re-read under the claim: another worker may have sent it between our look-up and the claim.
    const doc = await outbox.get(candidate._id);
    if (!doc || doc.status !== 'pending') return false;
    try {
      const composition = await compose(doc, this.options.sources);
      if ('skip' in composition) {
        await outbox.markSkipped(doc._id, composition.skip);
        log.info({ mail: doc._id, why: composition.skip }, 'mail outbox: message not sent');
        return true;
      }
      const { mail } = composition;
      await this.options.transport.sendMail({
        from: this.options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        attachments: mail.attachments,
        messageId: `<${doc._id.replace(/[^A-Za-z0-9_.:-]/g, '_')}@queuetix>`,
        headers: { 'X-Queuetix-Mail': doc._id },
      });
      await outbox.markSent(doc._id, mail.to, new Date());
      log.info({ mail: doc._id, kind: doc.kind }, 'mail sent');
    } catch (err) {
      const attempts = doc.attempts + 1;
      const next = attempts >= maxAttempts ? null : new Date(Date.now() + backoffMs(attempts));
      await outbox.markAttemptFailed(doc._id, attempts, err instanceof Error ? err.message : String(err), next);
      if (next) log.warn({ mail: doc._id, attempts, err }, 'mail not sent; retrying later');
      else log.error({ mail: doc._id, attempts, err }, 'MAIL FAILED FOR GOOD: marked failed in mail_outbox; an operator must look at it');
      await outbox
        .release(doc._id, claim)
        .catch((releaseErr: unknown) => log.warn({ mail: doc._id, err: releaseErr }, 'mail outbox: releasing a claim failed'));
    }
    return true;
  }
}

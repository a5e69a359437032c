import type { BackendModule } from '../app-context.js';
import { retryInBackground } from '../events/retry.js';
import { entryView } from '../queue/core/index.js';
import { MailService } from './mail-service.js';
import { mailRoutes } from './mail-routes.js';
import type { MailSources } from './messages/compose.js';
import { Outbox } from './outbox.js';
import { OutboxWorker } from './outbox-worker.js';
import { smtpTransport } from './transport.js';

/**
 * Mail (issue 16): order confirmations with PDF tickets and the event's .ics, "it's your turn" for
 * buyers who asked, refund notices, and the seller's "cancelled and refunded". Facts are written
 * to a durable outbox in the step that makes them true; a worker sends them through SMTP.
 * Without SMTP_URL messages wait in the outbox (logged at start-up).
 */
export const mailModule: BackendModule = {
  name: 'mail',
  install(app) {
    const log = app.log.child({ module: 'mail' });
    const outbox = new Outbox(app.db.db);
    const sources: MailSources = {
      publicUrl: app.config.PUBLIC_URL.replace(/\/$/, ''),
      user: (id) => app.users.get(id),
      async event(eventId) {
        const doc = await app.events.find(eventId);
        return doc && { id: doc._id, ownerId: doc.ownerId, name: doc.name, location: doc.location, eventDate: doc.eventDate, timeZone: doc.timeZone };
      },
      ticketsOfPayment: (paymentId) => app.tickets.ofPayment(paymentId),
      async buyerOfPayment(paymentId) {
        const [ticket] = await app.tickets.ofPayment(paymentId);
        if (ticket) return ticket.userId;
        const session = await app.db.db.collection<{ userId: string }>('checkout_sessions').findOne({ paymentId }, { projection: { userId: 1 } });
        return session?.userId;
      },
    };
    const worker = app.config.SMTP_URL
      ? new OutboxWorker({
          outbox,
          sources,
          transport: smtpTransport(app.config.SMTP_URL, app.config.MAIL_CLAIM_MS),
          from: app.config.MAIL_FROM,
          log,
          pollMs: app.config.MAIL_POLL_MS,
          maxAttempts: app.config.MAIL_MAX_ATTEMPTS,
          claimMs: app.config.MAIL_CLAIM_MS,
        })
      : undefined;
    const purchasedAt = async (paymentId: string) => {
      const [ticket] = await app.tickets.ofPayment(paymentId);
      return ticket ? new Date(ticket.purchasedAt) : undefined;
    };
    const mail = new MailService(outbox, log, () => worker?.nudge(), purchasedAt);
    app.mail = mail;

    // Confirmations are recorded before the purchase is acknowledged, after its tickets (tickets is installed first).
    app.queues.beforeAck(async (eventId, effects) => {
      const issued = effects.flatMap((e) => (e.type === 'ticketsIssued' ? [e] : []));
      if (issued.length === 0) return;
      await mail.queue(issued.map((e) => ({ kind: 'order-confirmation', subject: e.paymentId, eventId, userId: e.userId, data: { paymentId: e.paymentId } })));
    });
    // An offer is journaled before this runs; a crash in between is caught up by reconcile at recovery.
    app.queues.onEffects((eventId, effects, state) => {
      for (const effect of effects) {
        // Only a buyer who asked (or might have: joined before joins recorded it) has a message to fire.
        if (effect.type !== 'offerMade' || effect.turnEmail === false) continue;
        if (!entryView(state, effect.entryId)) continue;
        mail
          .offerMade(effect.entryId, effect.quantity, effect.expiresAt)
          .catch((err: unknown) => log.warn({ eventId, entryId: effect.entryId, err }, 'arming "your turn" mail failed'));
      }
    });
    // Not fatal to the actor's recovery: mail must not keep an on-sale down; a failure is logged loudly.
    app.queues.onRecovered((eventId, state) =>
      mail.reconcile(eventId, state).catch((err: unknown) => log.error({ eventId, err }, 'mail reconciliation after recovery failed')),
    );

    return {
      routes: mailRoutes(app),
      async start() {
        retryInBackground(log, 'mail outbox indexes', () => outbox.ensureIndexes());
        if (worker) worker.start();
        else log.warn('SMTP_URL is not set: mail is kept in the outbox (mail_outbox) and not sent');
      },
      async close() {
        await worker?.close();
      },
    };
  },
};

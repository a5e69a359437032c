import { EventEmitter } from 'node:events';

/** Notifications between modules of one process; add a line per new message. */
export interface DomainMessages {
  /** Refund progress of a cancelled event, for its seller. */
  refundsProgress: [{ eventId: string; ownerId: string; done: number; total: number }];
  /** A ticket's status changed outside the actor (check-in, refund), for its buyer. */
  ticketChanged: [{ ticketId: string; userId: string; eventId: string }];
}

export class DomainBus extends EventEmitter<DomainMessages> {}

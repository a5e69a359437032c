import type { Availability, CheckCodeResponse, CodeKind, Entry, Event, PublicConfig, Ticket } from '@queuetix/contracts';
import type { WidgetErrorCode } from '../api/errors.js';
import type { ConnectionState } from '../api/live-channel.js';
import type { Buyer } from '../auth/buyer-session.js';
import type { TypesUi } from './types/types-ui.js';

/** Short-lived messages under the buyer panel; the view turns the code into words. */
export type NoticeCode = WidgetErrorCode | 'checkout_cancelled';

export interface Notice {
  tone: 'info' | 'error';
  code: NoticeCode;
  /** The server's own words, shown when we have no sentence of our own for the code. */
  detail?: string;
}

export interface CheckoutState {
  sessionId: string;
  url: string;
  /** `paying`: the checkout window is open; `confirming`: it reported success, the push is on its way. */
  stage: 'paying' | 'confirming';
  /** The window was blocked: the view offers a link instead. */
  blocked: boolean;
}

export interface WidgetState {
  phase: 'loading' | 'ready' | 'failed';
  failure: { code: WidgetErrorCode; message: string } | null;
  config: PublicConfig | null;
  event: Event | null;
  availability: Availability | null;
  connection: ConnectionState;
  buyer: Buyer | null;
  entry: Entry | null;
  tickets: Ticket[];
  busy: 'joining' | 'leaving' | 'checkout' | 'code' | 'changing' | null;
  /** Codes checked by the server, sent with the join (one access, one discount). */
  codes: Partial<Record<CodeKind, CheckCodeResponse>>;
  /** The ticket-type picker, code field and order lines, loaded on demand (they are not in widget.js). */
  typesUi: TypesUi | null;
  /** Share of the proof-of-work done while getting the buyer's place ready (null when none is running). */
  powProgress: number | null;
  checkout: CheckoutState | null;
  notice: Notice | null;
  /** What the screen-reader live regions say (polite: position and status; assertive: the offer). */
  spoken: { polite: string; assertive: string };
}

export function initialState(): WidgetState {
  return {
    phase: 'loading',
    failure: null,
    config: null,
    event: null,
    availability: null,
    connection: 'connecting',
    buyer: null,
    entry: null,
    tickets: [],
    busy: null,
    codes: {},
    typesUi: null,
    powProgress: null,
    checkout: null,
    notice: null,
    spoken: { polite: '', assertive: '' },
  };
}

const statusRank: Record<Entry['status'], number> = { waiting: 0, offered: 1, purchased: 2, expired: 2, left: 2 };

/**
 * Whether `next` may replace `current`. HTTP replies and pushes race, and both carry full state,
 * so an older picture of the same entry (a lower status) must not overwrite a newer one.
 */
export function isNewer(current: Entry | null, next: Entry): boolean {
  if (!current) return true;
  if (current.id !== next.id) return next.joinedAt >= current.joinedAt;
  return statusRank[next.status] >= statusRank[current.status];
}

export const isLive = (entry: Entry | null): boolean => entry?.status === 'waiting' || entry?.status === 'offered';

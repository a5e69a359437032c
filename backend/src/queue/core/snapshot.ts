import { QueueEntry } from './entry.js';
import { Fenwick } from './fenwick.js';
import { outcomeCodes } from './outcomes.js';
import { parseSnapshot, refundReasonCodes, statusCodes, type SnapshotV1 } from './snapshot-format.js';
import { createState, type PaymentRecord, type QueueState } from './state.js';

/** The state as compact, versioned, JSON-able data. */
export function encodeSnapshot(state: QueueState): SnapshotV1 {
  const n = state.entries.length;
  const entries: SnapshotV1['entries'] = {
    id: new Array<string>(n),
    user: new Array<string>(n),
    quantity: new Array<number>(n),
    status: new Array<number>(n),
    joinedAtDelta: new Array<number>(n),
    slot: new Array<number>(n),
  };
  const offers: number[] = [];
  const outcomes: number[] = [];
  let previousJoinedAt = 0;
  for (let seq = 0; seq < n; seq++) {
    const entry = state.entries[seq]!;
    entries.id[seq] = entry.id;
    entries.user[seq] = entry.userId;
    entries.quantity[seq] = entry.quantity;
    entries.status[seq] = statusCodes.indexOf(entry.status);
    entries.joinedAtDelta[seq] = entry.joinedAt - previousJoinedAt;
    entries.slot[seq] = entry.slot;
    previousJoinedAt = entry.joinedAt;
    if (entry.offeredQuantity > 0) offers.push(seq, entry.offeredQuantity, entry.offerExpiresAt);
    if (entry.outcome) outcomes.push(seq, outcomeCodes.indexOf(entry.outcome));
  }
  const payments: SnapshotV1['payments'] = { id: [], entryId: [], quantity: [], amountPaid: [], currency: [], refundReason: [] };
  for (const record of state.payments.values()) {
    payments.id.push(record.paymentId);
    payments.entryId.push(record.entryId);
    payments.quantity.push(record.quantity);
    payments.amountPaid.push(record.amountPaid);
    payments.currency.push(record.currency);
    payments.refundReason.push(record.reason ? refundReasonCodes.indexOf(record.reason) + 1 : 0);
  }
  const lottery = state.lottery && {
    ...state.lottery,
    participants: state.lottery.participants.map((id) => state.byId.get(id)!.seq),
  };
  const commitment = state.commitment && { ...state.commitment };
  return {
    v: 1,
    created: state.created,
    eventId: state.eventId,
    config: { ...state.config },
    opened: state.opened,
    lottery,
    commitment,
    entries,
    offers,
    outcomes,
    payments,
  };
}

/** Rebuilds a state, with all its indexes, from encodeSnapshot's output. Throws on malformed data. */
export function decodeSnapshot(data: unknown): QueueState {
  const snapshot = parseSnapshot(data);
  const state = createState();
  Object.assign(state, { created: snapshot.created, eventId: snapshot.eventId, config: { ...snapshot.config }, opened: snapshot.opened });
  restoreEntries(state, snapshot);
  if (snapshot.lottery) {
    const { participants, ...record } = snapshot.lottery;
    const ids = participants.map((seq) => state.entries[seq]?.id ?? invalid('a lottery participant names no entry'));
    state.lottery = { ...record, participants: ids };
  }
  state.commitment = snapshot.commitment ? { ...snapshot.commitment } : null;
  restoreLine(state);
  restorePayments(state, snapshot.payments);
  return state;
}

function restoreEntries(state: QueueState, { entries: columns, offers, outcomes }: SnapshotV1): void {
  const n = columns.id.length;
  for (const column of Object.values(columns)) if (column.length !== n) invalid('entry columns differ in length');
  let joinedAt = 0;
  for (let seq = 0; seq < n; seq++) {
    joinedAt += columns.joinedAtDelta[seq]!;
    const entry = new QueueEntry(seq, columns.id[seq]!, columns.user[seq]!, columns.quantity[seq]!, joinedAt);
    entry.status = statusCodes[columns.status[seq]!] ?? invalid(`entry ${entry.id} has an unknown status`);
    entry.slot = columns.slot[seq]!;
    state.entries.push(entry);
    state.byId.set(entry.id, entry);
    state.latestByUser.set(entry.userId, entry);
  }
  for (let i = 0; i + 2 < offers.length; i += 3) {
    const entry = state.entries[offers[i]!] ?? invalid('an offer names no entry');
    entry.offeredQuantity = offers[i + 1]!;
    entry.offerExpiresAt = offers[i + 2]!;
  }
  for (let i = 0; i + 1 < outcomes.length; i += 2) {
    const entry = state.entries[outcomes[i]!] ?? invalid('an outcome names no entry');
    entry.outcome = outcomeCodes[outcomes[i + 1]!] ?? invalid('unknown outcome code');
  }
  for (const entry of state.entries) {
    if (entry.status === 'waiting') state.waiting++;
    else if (entry.status === 'offered') {
      if (entry.offeredQuantity <= 0) invalid(`offered entry ${entry.id} has no offer`);
      state.held += entry.offeredQuantity;
      state.offers.push(entry);
    } else if (entry.status === 'purchased') {
      state.sold += entry.offeredQuantity;
      state.purchasedByUser.set(entry.userId, (state.purchasedByUser.get(entry.userId) ?? 0) + entry.offeredQuantity);
    }
  }
  if (state.sold + state.held > state.config.totalTickets) invalid('more tickets sold and held than exist');
}

function restoreLine(state: QueueState): void {
  const line: QueueEntry[] = [];
  for (const entry of state.entries) {
    if (entry.slot < 0) {
      if (entry.status === 'waiting' && !state.opened) state.pending.push(entry);
      else if (entry.status === 'waiting' || entry.status === 'offered') invalid(`entry ${entry.id} is live but not in the line`);
      continue;
    }
    if (line[entry.slot]) invalid(`line slot ${entry.slot} is taken twice`);
    line[entry.slot] = entry;
  }
  const counts = new Uint8Array(line.length);
  for (let slot = 0; slot < line.length; slot++) {
    const entry = line[slot] ?? invalid(`line slot ${slot} is empty`);
    counts[slot] = entry.status === 'waiting' ? 1 : 0;
  }
  state.line = line;
  state.waitingInLine = Fenwick.from(counts);
}

function restorePayments(state: QueueState, payments: SnapshotV1['payments']): void {
  const n = payments.id.length;
  for (const column of Object.values(payments)) if (column.length !== n) invalid('payment columns differ in length');
  for (let i = 0; i < n; i++) {
    const code = payments.refundReason[i]!;
    const record: PaymentRecord = {
      paymentId: payments.id[i]!,
      entryId: payments.entryId[i]!,
      outcome: code === 0 ? 'issued' : 'refunded',
      quantity: payments.quantity[i]!,
      amountPaid: payments.amountPaid[i]!,
      currency: payments.currency[i]!,
    };
    if (code > 0) record.reason = refundReasonCodes[code - 1];
    state.payments.set(record.paymentId, record);
  }
}

function invalid(why: string): never {
  throw new Error(`invalid queue snapshot: ${why}`);
}

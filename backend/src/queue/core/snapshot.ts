import { QueueEntry } from './entry.js';
import { Fenwick } from './fenwick.js';
import { outcomeCodes } from './outcomes.js';
import { holdItems, sellItems } from './capacity.js';
import { offeredItemsOf } from './offers.js';
import { decodeItems, encodeItems, parseSnapshot, refundReasonCodes, statusCodes, type Snapshot, type SnapshotV2 } from './snapshot-format.js';
import { createState, type PaymentRecord, type QueueState } from './state.js';
import { firstVisible, withDerivedFields } from './ticket-types.js';

/** The state as compact, versioned, JSON-able data (always the latest version). */
export function encodeSnapshot(state: QueueState): SnapshotV2 {
  const n = state.entries.length;
  const entries: SnapshotV2['entries'] = {
    id: new Array<string>(n),
    user: new Array<string>(n),
    quantity: new Array<number>(n),
    status: new Array<number>(n),
    joinedAtDelta: new Array<number>(n),
    slot: new Array<number>(n),
    items: new Array<string>(n),
  };
  const offerLines: SnapshotV2['offerLines'] = [];
  const entryCodes: SnapshotV2['entryCodes'] = [];
  const offers: number[] = [];
  const outcomes: number[] = [];
  const turnEmail = { asked: [] as number[], unknown: [] as number[] };
  let previousJoinedAt = 0;
  for (let seq = 0; seq < n; seq++) {
    const entry = state.entries[seq]!;
    entries.id[seq] = entry.id;
    entries.user[seq] = entry.userId;
    entries.quantity[seq] = entry.quantity;
    entries.status[seq] = statusCodes.indexOf(entry.status);
    entries.joinedAtDelta[seq] = entry.joinedAt - previousJoinedAt;
    entries.slot[seq] = entry.slot;
    entries.items[seq] = encodeItems(entry.items);
    if (entry.offered) offerLines.push([seq, entry.offered.map((line) => ({ ...line }))]);
    if (entry.accessCodeId !== undefined || entry.discountCodeId !== undefined)
      entryCodes.push([seq, entry.accessCodeId ?? null, entry.discountCodeId ?? null]);
    previousJoinedAt = entry.joinedAt;
    if (entry.offeredQuantity > 0) offers.push(seq, entry.offeredQuantity, entry.offerExpiresAt);
    if (entry.outcome) outcomes.push(seq, outcomeCodes.indexOf(entry.outcome));
    if (entry.turnEmail) turnEmail.asked.push(seq);
    else if (entry.turnEmail === undefined) addToRanges(turnEmail.unknown, seq);
  }
  const payments: SnapshotV2['payments'] = { id: [], entryId: [], quantity: [], amountPaid: [], currency: [], refundReason: [] };
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
  const codes = [...state.codes.values()].map(({ used: _used, held: _held, ...code }) => ({ ...code, typeIds: code.typeIds.slice() }));
  return {
    v: 2,
    created: state.created,
    eventId: state.eventId,
    config: structuredClone(state.config),
    opened: state.opened,
    lottery,
    commitment,
    entries,
    offers,
    outcomes,
    payments,
    offerLines,
    codes,
    entryCodes,
    lastNow: state.lastNow,
    turnEmail,
  };
}

/** Adds `seq` to flat [from, to) ranges built in ascending order. */
function addToRanges(ranges: number[], seq: number): void {
  if (ranges.length > 0 && ranges[ranges.length - 1] === seq) ranges[ranges.length - 1] = seq + 1;
  else ranges.push(seq, seq + 1);
}

/** Rebuilds a state, with all its indexes, from encodeSnapshot's output. Throws on malformed data. */
export function decodeSnapshot(data: unknown): QueueState {
  const snapshot = parseSnapshot(data);
  const state = createState();
  // A v1 config has no types: it reads as one type made of price and totalTickets.
  const config = snapshot.created ? withDerivedFields(structuredClone(snapshot.config)) : { ...state.config, ...snapshot.config, types: [], capacity: null };
  Object.assign(state, { created: snapshot.created, eventId: snapshot.eventId, config, opened: snapshot.opened });
  if (snapshot.v === 2) {
    state.lastNow = snapshot.lastNow;
    for (const code of snapshot.codes) {
      const view = { ...code, typeIds: code.typeIds.slice(), used: 0, held: 0 };
      state.codes.set(view.id, view);
      state.codeByText.set(view.code, view);
    }
  }
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

function restoreEntries(state: QueueState, snapshot: Snapshot): void {
  const { entries: columns, offers, outcomes } = snapshot;
  const n = columns.id.length;
  for (const column of Object.values(columns)) if (column.length !== n) invalid('entry columns differ in length');
  const legacyTypeId = state.created ? firstVisible(state.config.types).id : '';
  const itemsColumn = snapshot.v === 2 ? snapshot.entries.items : undefined;
  let joinedAt = 0;
  for (let seq = 0; seq < n; seq++) {
    joinedAt += columns.joinedAtDelta[seq]!;
    const items = itemsColumn ? decodeItems(itemsColumn[seq]!) : [{ typeId: legacyTypeId, quantity: columns.quantity[seq]! }];
    const entry = new QueueEntry(seq, columns.id[seq]!, columns.user[seq]!, items, joinedAt);
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
  if (snapshot.v === 2) {
    for (const [seq, lines] of snapshot.offerLines) {
      const entry = state.entries[seq] ?? invalid('offer lines name no entry');
      entry.offered = lines.map((line) => ({ ...line }));
    }
    for (const [seq, access, discount] of snapshot.entryCodes) {
      const entry = state.entries[seq] ?? invalid('entry codes name no entry');
      if (access !== null) entry.accessCodeId = access;
      if (discount !== null) entry.discountCodeId = discount;
    }
    if (snapshot.turnEmail) restoreTurnEmail(state, snapshot.turnEmail);
  }
  for (const entry of state.entries) {
    if (entry.status === 'waiting') state.waiting++;
    else if (entry.status === 'offered') {
      if (entry.offeredQuantity <= 0) invalid(`offered entry ${entry.id} has no offer`);
      holdItems(state, offeredItemsOf(state, entry), 1);
      state.offers.push(entry);
    } else if (entry.status === 'purchased') {
      sellItems(state, entry.userId, offeredItemsOf(state, entry));
      state.purchasedByUser.set(entry.userId, (state.purchasedByUser.get(entry.userId) ?? 0) + entry.offeredQuantity);
    }
    countCodes(state, entry);
  }
  if (state.sold + state.held > state.config.totalTickets) invalid('more tickets sold and held than exist');
  for (const type of state.config.types) {
    if ((state.typeSold.get(type.id) ?? 0) + (state.typeHeld.get(type.id) ?? 0) > type.capacity) invalid(`more ${type.id} tickets sold and held than exist`);
  }
}

/** Every entry recorded as not asking, but those that asked and those of the unknown ranges (left undefined). */
function restoreTurnEmail(state: QueueState, { asked, unknown }: { asked: number[]; unknown: number[] }): void {
  if (unknown.length % 2 !== 0) invalid('"your turn" ranges come in pairs');
  for (const entry of state.entries) entry.turnEmail = false;
  for (let i = 0; i + 1 < unknown.length; i += 2) {
    const [from, to] = [unknown[i]!, unknown[i + 1]!];
    if (!(from >= 0 && from < to && to <= state.entries.length)) invalid('a "your turn" range names no entries');
    for (let seq = from; seq < to; seq++) state.entries[seq]!.turnEmail = undefined;
  }
  for (const seq of asked) (state.entries[seq] ?? invalid('a "your turn" ask names no entry')).turnEmail = true;
}

/** Code uses are not stored: they are the live entries holding them and the purchased ones that used them. */
function countCodes(state: QueueState, entry: QueueEntry): void {
  for (const codeId of [entry.accessCodeId, entry.discountCodeId]) {
    const code = codeId === undefined ? undefined : state.codes.get(codeId);
    if (!code) continue;
    if (entry.isLive) code.held++;
    else if (entry.status === 'purchased') code.used++;
  }
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

function restorePayments(state: QueueState, payments: Snapshot['payments']): void {
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

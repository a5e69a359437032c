/**
 * The pure rules of one event's waiting queue (docs/domain.md, "The waiting queue", "Purchase").
 * The nact actor around it feeds commands with the time and performs the effects; nothing here
 * touches the database, the network, timers, the clock or Math.random.
 */
export type {
  Availability,
  CodeConfig,
  CodeView,
  OfferedItem,
  OrderItem,
  ResolvedConfig,
  TypeAvailability,
  TypeConfig,
  Command,
  CommandType,
  ConfigPatch,
  CoreError,
  CoreErrorCode,
  DrawCommitment,
  DrawFacts,
  Effect,
  EntryStatus,
  EntryView,
  EventConfig,
  IssuedTicket,
  LotteryRecord,
  OfferEndReason,
  PaymentOutcome,
  PurchaseCommand,
  RefundReason,
  Reply,
  ReplyOf,
  Result,
} from './types.js';
export type { QueueState } from './state.js';
export type { SnapshotV1 } from './snapshot-format.js';
export { createState } from './state.js';
export { apply } from './apply.js';
export {
  entryView,
  entryOfUser,
  availability,
  nextDeadline,
  needsOpening,
  pendingOpeningAt,
  isCreated,
  needsCommitment,
  drawCommitmentOf,
  drawFacts,
  typeAvailability,
  codesOf,
} from './views.js';
export { withDerivedFields, legacyType, LEGACY_TYPE_ID, LEGACY_TYPE_NAME } from './ticket-types.js';
export { amountOf } from './codes.js';
export { paymentOf } from './payments.js';
export { encodeSnapshot, decodeSnapshot } from './snapshot.js';
export { lotteryOrder } from './lottery.js';
export { commitmentOf, committedDraw, DRAW_SCHEME, isDrawSeed, listHashOf, pseudonymOf } from './draw.js';
export { offerIdOf } from './entry.js';

import type { WatchReply } from '@queuetix/contracts';

export interface ClientMessage {
  message: unknown;
  reply: (answer: WatchReply) => void;
}

/**
 * Splits what a client emitted into its message and acknowledgement. Socket.IO always puts the ack
 * last, but a client may send any number of arguments before it (`emit('watch', a, b, ack)`) or
 * none at all, so `(message, ack)` positional parameters would miss the ack and leave the client
 * waiting. Without a function last there is no ack: the reply goes nowhere rather than throwing.
 */
export function clientMessage(args: unknown[]): ClientMessage {
  const last = args.at(-1);
  const reply = typeof last === 'function' ? (last as (answer: WatchReply) => void) : () => undefined;
  const data = typeof last === 'function' ? args.slice(0, -1) : args;
  // Only a single message is the contract's shape; anything else goes to zod as-is and is refused.
  return { message: data.length === 1 ? data[0] : data, reply };
}

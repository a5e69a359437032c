import { randomBytes } from 'node:crypto';
import { TICKET_CODE_ALPHABET, TICKET_CODE_LENGTH } from '@queuetix/contracts/ticket-code';

export const newTicketId = (): string => `tk_${randomBytes(12).toString('base64url')}`;

/**
 * 80 random bits in Crockford base32 (packages/contracts/src/ticket-code.ts): a code cannot be guessed, so
 * holding it is the proof of a ticket at the door, and door staff can type it without confusing O and 0.
 * 256 is a multiple of 32, so taking each byte modulo 32 keeps every symbol equally likely.
 */
export const newTicketCode = (): string =>
  Array.from(randomBytes(TICKET_CODE_LENGTH), (byte) => TICKET_CODE_ALPHABET[byte % TICKET_CODE_ALPHABET.length]).join('');

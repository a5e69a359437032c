import { randomBytes } from 'node:crypto';

export const newTicketId = (): string => `tk_${randomBytes(12).toString('base64url')}`;
/** 128 random bits: a code cannot be guessed, so holding it is the proof of a ticket at the door. */
export const newTicketCode = (): string => randomBytes(16).toString('base64url');

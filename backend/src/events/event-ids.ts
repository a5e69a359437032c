import { randomBytes } from 'node:crypto';

/** Event ids are random (96 bits), url-safe and match the contracts' Id, so they cannot be guessed or enumerated. */
export const newEventId = (): string => `ev_${randomBytes(12).toString('base64url')}`;

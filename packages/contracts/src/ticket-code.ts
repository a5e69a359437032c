/**
 * Door codes: 16 symbols of Crockford's base32 (80 random bits), no look-alikes (no I, L, O, U),
 * read case-insensitively and shown in groups of four (XXXX-XXXX-XXXX-XXXX). Shared by the server
 * (making and reading codes) and the site (showing them). Tickets issued before carry a 22-character
 * base64url code; those are matched exactly, as they were written.
 */
export const TICKET_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TICKET_CODE_LENGTH = 16;

const CANONICAL = new RegExp(`^[${TICKET_CODE_ALPHABET}]{${TICKET_CODE_LENGTH}}$`);

/**
 * The canonical form of what was typed or scanned, if it reads as a new-style code: dashes and
 * spaces dropped, upper-cased, and the look-alikes Crockford allows for read as what they resemble
 * (O → 0, I and L → 1). Undefined when it cannot be one (an old code, or noise).
 */
export function canonicalTicketCode(input: string): string | undefined {
  const folded = input
    .replace(/[\s-]+/g, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return CANONICAL.test(folded) ? folded : undefined;
}

/** XXXX-XXXX-XXXX-XXXX for a new-style code; an old code is shown as it is. */
export function formatTicketCode(code: string): string {
  return CANONICAL.test(code) ? (code.match(/.{4}/g) ?? [code]).join('-') : code;
}

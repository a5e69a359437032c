import type { FieldErrors } from './fieldErrors';

/**
 * The event editor's errors in words a seller understands. The shared schema and the server speak
 * to programs ("Too small: expected string to have >=1 characters", "Invalid ISO datetime"); each
 * field here says what to enter instead. Messages already written for people (a price hint, a
 * conflict from the server) pass through.
 */
const byField: Record<string, string> = {
  name: 'Give the event a name (up to 200 characters).',
  description: 'Keep the description under 5,000 characters.',
  location: 'Say where it takes place, such as the venue and city.',
  eventDate: 'Pick the date and time of the event.',
  price: 'Enter a price of 0 or more, such as 25 or 25.50.',
  currency: 'Pick a currency.',
  totalTickets: 'Enter how many tickets there are: a whole number, at least 1.',
  maxPerBuyer: 'Enter a whole number from 1 to 10.',
  offerWindowMin: 'Enter a whole number of minutes from 1 to 60.',
  timeZone: 'Pick the time zone of the venue.',
  salesStartAt: 'Pick a date and time, or leave it empty to start selling now.',
  allowedOrigins: 'List each site as an address such as https://example.com, one per line, without a path.',
};

/** A ticket type's fields (`ticketTypes.<n>.<field>`). */
const byTypeField: Record<string, string> = {
  name: 'Name this ticket type (up to 100 characters).',
  description: 'Keep the description under 1,000 characters.',
  price: 'Enter a price of 0 or more, such as 25 or 25.50 (0 makes this type free).',
  capacity: 'Enter how many tickets of this type: a whole number, at least 1.',
  maxPerBuyer: 'Leave empty for the event’s limit, or enter a whole number from 1 to 10.',
  salesStartAt: 'Pick a date and time, or leave it empty.',
  salesEndAt: 'Pick a date and time after the start, or leave it empty.',
};

/** Words of zod's and the server's machine messages: a message with any of them is rewritten. */
const MACHINE = /expected|received|invalid|too (small|big)|>=|<=|must be|nan\b|iso|regex|characters|number|string/i;

export function humanEventErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) out[field] = humanMessage(field, message);
  return out;
}

function humanMessage(field: string, message: string): string {
  if (!MACHINE.test(message)) return message;
  if (field === 'eventDate' && /future/i.test(message)) return 'Pick a date and time in the future.';
  if (field === 'salesStartAt' && /before/i.test(message)) return 'Sales must open before the event starts.';
  if (field === '_form') return 'Some details are not right yet: please check the fields above.';
  if (field.startsWith('ticketTypes.')) return byTypeField[field.split('.')[2] ?? ''] ?? message;
  if (field === 'capacity') return 'Leave empty, or enter a whole number no larger than the types’ tickets together.';
  return byField[field] ?? message;
}

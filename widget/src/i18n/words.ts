import { formattersFor, safeLocale, type Formatters } from './format.js';
import { messagesFor, type Messages } from './messages.js';

/** The sentences (`t`) and number/date formats (`f`) of one locale. */
export interface Words {
  t: Messages;
  f: Formatters;
}

export function wordsFor(requestedLocale: string | null | undefined): Words {
  const locale = safeLocale(requestedLocale);
  return { t: messagesFor(locale), f: formattersFor(locale) };
}

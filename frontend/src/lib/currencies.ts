/** Currencies sellers price in and buyers filter by (ISO 4217, lower case as the API stores them). */
export const CURRENCIES = ['usd', 'eur', 'gbp', 'cad', 'aud', 'chf', 'jpy', 'sek'];

/** The picker's, code field's and order lines' sentences, per language (shipped with the lazy module only). */
export interface TypeWords {
  choose: string;
  left: (n: number) => string;
  allHeld: string;
  soldOut: string;
  onSaleFrom: (when: string) => string;
  ended: string;
  fewer: (name: string) => string;
  more: (name: string) => string;
  chosen: (n: number, max: number) => string;
  code: string;
  apply: string;
  unlocks: (names: string) => string;
  off: (amount: string, names: string) => string;
  everyTicket: string;
  asked: (what: string) => string;
  gone: (names: string) => string;
  change: string;
  keep: string;
  discount: string;
  total: string;
}

const en: TypeWords = {
  choose: 'Choose tickets',
  left: (n) => `${n} left`,
  allHeld: 'All held: join the line',
  soldOut: 'Sold out',
  onSaleFrom: (when) => `On sale ${when}`,
  ended: 'Sales ended',
  fewer: (name) => `One fewer ${name}`,
  more: (name) => `One more ${name}`,
  chosen: (n, max) => `${n} chosen, up to ${max}`,
  code: 'Access or discount code',
  apply: 'Apply',
  unlocks: (names) => `Unlocks ${names}`,
  off: (amount, names) => `${amount} off ${names}`,
  everyTicket: 'every ticket',
  asked: (what) => `You asked for ${what}`,
  gone: (names) => `${names} sold out while you waited. Change your tickets and keep your place, or leave the line.`,
  change: 'Change my tickets',
  keep: 'Keep my place with these',
  discount: 'Discount',
  total: 'Total',
};

const fr: TypeWords = {
  choose: 'Choisissez vos billets',
  left: (n) => `${n} restant${n > 1 ? 's' : ''}`,
  allHeld: 'Tous réservés : rejoignez la file',
  soldOut: 'Complet',
  onSaleFrom: (when) => `En vente ${when}`,
  ended: 'Vente terminée',
  fewer: (name) => `Un ${name} de moins`,
  more: (name) => `Un ${name} de plus`,
  chosen: (n, max) => `${n} choisi${n > 1 ? 's' : ''}, jusqu'à ${max}`,
  code: "Code d'accès ou de réduction",
  apply: 'Appliquer',
  unlocks: (names) => `Débloque ${names}`,
  off: (amount, names) => `${amount} de réduction sur ${names}`,
  everyTicket: 'chaque billet',
  asked: (what) => `Vous avez demandé ${what}`,
  gone: (names) => `${names} : complet pendant votre attente. Changez vos billets en gardant votre place, ou quittez la file.`,
  change: 'Changer mes billets',
  keep: 'Garder ma place avec ceux-ci',
  discount: 'Réduction',
  total: 'Total',
};

const de: TypeWords = {
  choose: 'Tickets wählen',
  left: (n) => `noch ${n}`,
  allHeld: 'Alle reserviert: stellen Sie sich an',
  soldOut: 'Ausverkauft',
  onSaleFrom: (when) => `Im Verkauf ab ${when}`,
  ended: 'Verkauf beendet',
  fewer: (name) => `Ein ${name} weniger`,
  more: (name) => `Ein ${name} mehr`,
  chosen: (n, max) => `${n} gewählt, höchstens ${max}`,
  code: 'Zugangs- oder Rabattcode',
  apply: 'Einlösen',
  unlocks: (names) => `Schaltet ${names} frei`,
  off: (amount, names) => `${amount} Rabatt auf ${names}`,
  everyTicket: 'jedes Ticket',
  asked: (what) => `Ihre Anfrage: ${what}`,
  gone: (names) => `${names} ist während Ihrer Wartezeit ausverkauft. Ändern Sie Ihre Tickets und behalten Sie Ihren Platz, oder verlassen Sie die Schlange.`,
  change: 'Tickets ändern',
  keep: 'Platz mit diesen behalten',
  discount: 'Rabatt',
  total: 'Summe',
};

const byLanguage: Record<string, TypeWords> = { en, fr, de };

export function typeWordsFor(locale: string): TypeWords {
  return byLanguage[locale.toLowerCase().split('-')[0] ?? 'en'] ?? en;
}

/** Every sentence the widget shows, per language. Keep entries short: they ship to every buyer. */
export interface Messages {
  loading: string;
  notFound: string;
  refused: (site: string) => string;
  buyOnQueuetix: string;
  networkDown: string;
  unreachable: string;
  invalidAttribute: string;
  somethingWrong: string;
  retry: string;
  reconnecting: string;
  free: string;
  left: (free: number, total: number) => string;
  soldOut: string;
  inLine: (n: number) => string;
  salesOpen: (when: string) => string;
  cancelled: string;
  signIn: string;
  signedInAs: (name: string) => string;
  signOut: string;
  opensWindow: string;
  quantity: string;
  /** The join form's "email me when it's my turn" checkbox. */
  emailMe: string;
  /** Opens the access or discount code field. */
  haveCode: string;
  join: string;
  joinWaitlist: string;
  soldOutHint: string;
  /** Waiting while every ticket is sold: nothing is coming unless the organiser releases more. */
  soldOutWaiting: string;
  waitingTitle: string;
  position: (n: number) => string;
  ahead: (n: number) => string;
  lottery: string;
  /** Link to the public check of the early-arrival draw, whose seed is committed in advance. */
  drawCommitted: string;
  /** While the device solves the proof-of-work before joining (no puzzle, just a wait). */
  gettingReady: string;
  leave: string;
  offerTitle: string;
  offerHeld: (tickets: number, until: string) => string;
  timeLeft: string;
  buy: (amount: string) => string;
  /** The button of a free event's offer: nothing to pay, so no "Buy" and no amount. */
  getFree: (tickets: number) => string;
  giveBack: string;
  checkoutOpening: string;
  paying: string;
  reopenCheckout: string;
  confirming: string;
  checkoutCancelled: string;
  purchasedTitle: string;
  purchased: (tickets: number) => string;
  ticketCode: string;
  viewTickets: string;
  expired: string;
  youLeft: string;
  popupBlocked: string;
  sessionExpired: string;
  rateLimited: string;
  demoPayments: string;
  demoSite: string;
  poweredBy: string;
}

/**
 * `n` and the word form the language's plural rules pick for it (Intl.PluralRules: French says
 * "0 billet", English "0 tickets"). Languages with more forms than one/other add them here.
 */
function counter(language: string) {
  const rules = new Intl.PluralRules(language);
  return (n: number, one: string, other: string) => `${n} ${rules.select(n) === 'one' ? one : other}`;
}
const enCount = counter('en');
const frCount = counter('fr');
const deCount = counter('de');

const en: Messages = {
  loading: 'Loading event…',
  notFound: 'This event could not be found.',
  refused: (site) => `Tickets for this event can't be sold on ${site}.`,
  buyOnQueuetix: 'Buy them on Queuetix',
  networkDown: "Can't reach the ticket service. Retrying…",
  unreachable: "Can't reach the ticket service. Check your connection and try again.",
  invalidAttribute: 'This ticket widget has no valid event id.',
  somethingWrong: 'Something went wrong. Please try again.',
  retry: 'Try again',
  reconnecting: 'Connection lost. Reconnecting…',
  free: 'Free',
  left: (free, total) => `${free} of ${enCount(total, 'ticket', 'tickets')} left`,
  soldOut: 'Sold out',
  inLine: (n) => `${n} in line`,
  salesOpen: (when) => `Sales open ${when}`,
  cancelled: 'This event has been cancelled.',
  signIn: 'Sign in to join the line',
  signedInAs: (name) => `Signed in as ${name}`,
  signOut: 'Sign out',
  opensWindow: '(opens a window)',
  quantity: 'Tickets',
  emailMe: "Email me when it's my turn",
  haveCode: 'Have a code?',
  join: 'Join the line',
  joinWaitlist: 'Join the waiting list',
  soldOutHint: 'Sold out for now. Join the waiting list in case tickets come back.',
  soldOutWaiting: 'Sold out while you waited. Tickets come back only if the organiser releases more; keep your place or leave the line.',
  waitingTitle: "You're in line",
  position: (n) => `You are number ${n} in line`,
  ahead: (n) => (n === 0 ? "You're next" : `${enCount(n, 'person', 'people')} ahead of you`),
  lottery: "You're in. When sales open, everyone who joined early gets a place in random order.",
  drawCommitted: 'Fair draw, seed committed',
  gettingReady: 'Getting your place ready…',
  leave: 'Leave the line',
  offerTitle: "It's your turn!",
  offerHeld: (n, until) => `${enCount(n, 'ticket is', 'tickets are')} held for you until ${until}.`,
  timeLeft: 'Time left',
  buy: (amount) => `Buy for ${amount}`,
  getFree: (n) => (n === 1 ? 'Get ticket' : `Get ${enCount(n, 'ticket', 'tickets')}`),
  giveBack: 'Give the tickets back',
  checkoutOpening: 'Opening secure checkout…',
  paying: 'Finish paying in the checkout window.',
  reopenCheckout: 'Open checkout again',
  confirming: 'Payment received. Issuing your tickets…',
  checkoutCancelled: 'Checkout cancelled. Your tickets stay held until the timer runs out.',
  purchasedTitle: "You're going!",
  purchased: (n) => `${enCount(n, 'ticket', 'tickets')} bought.`,
  ticketCode: 'Ticket code',
  viewTickets: 'View your tickets on Queuetix',
  expired: 'Your offer expired and the tickets went to the next buyer.',
  youLeft: 'You left the line.',
  popupBlocked: 'Your browser blocked the Queuetix window. Allow pop-ups for this site and try again.',
  sessionExpired: 'Your sign-in expired. Please sign in again.',
  rateLimited: 'Too many attempts. Wait a minute and try again.',
  demoPayments: 'Demo payments: no card is charged.',
  demoSite: 'Demo site: not a real box office.',
  poweredBy: 'Tickets by Queuetix',
};

const fr: Messages = {
  loading: "Chargement de l'événement…",
  notFound: 'Événement introuvable.',
  refused: (site) => `Les billets de cet événement ne peuvent pas être vendus sur ${site}.`,
  buyOnQueuetix: 'Les acheter sur Queuetix',
  networkDown: 'Service de billetterie injoignable. Nouvelle tentative…',
  unreachable: 'Service de billetterie injoignable. Vérifiez votre connexion et réessayez.',
  invalidAttribute: "Ce widget n'a pas d'identifiant d'événement valide.",
  somethingWrong: 'Une erreur est survenue. Veuillez réessayer.',
  retry: 'Réessayer',
  reconnecting: 'Connexion perdue. Reconnexion…',
  free: 'Gratuit',
  left: (free, total) => `${frCount(free, 'billet restant', 'billets restants')} sur ${total}`,
  soldOut: 'Complet',
  inLine: (n) => `${n} dans la file`,
  salesOpen: (when) => `Ouverture des ventes ${when}`,
  cancelled: 'Cet événement a été annulé.',
  signIn: 'Se connecter pour rejoindre la file',
  signedInAs: (name) => `Connecté en tant que ${name}`,
  signOut: 'Se déconnecter',
  opensWindow: '(ouvre une fenêtre)',
  quantity: 'Billets',
  emailMe: "M'écrire quand c'est mon tour",
  haveCode: 'Vous avez un code ?',
  join: 'Rejoindre la file',
  joinWaitlist: "Rejoindre la liste d'attente",
  soldOutHint: "Complet pour l'instant. Rejoignez la liste d'attente si des billets se libèrent.",
  soldOutWaiting: "Complet pendant votre attente. Des billets ne reviennent que si l'organisateur en libère d'autres ; gardez votre place ou quittez la file.",
  waitingTitle: 'Vous êtes dans la file',
  position: (n) => `Vous êtes numéro ${n} dans la file`,
  ahead: (n) => (n === 0 ? 'Vous êtes le prochain' : `${frCount(n, 'personne', 'personnes')} devant vous`),
  lottery: "C'est noté. À l'ouverture des ventes, les premiers inscrits sont placés dans un ordre tiré au sort.",
  drawCommitted: 'Tirage vérifiable, graine engagée',
  gettingReady: 'Préparation de votre place…',
  leave: 'Quitter la file',
  offerTitle: "C'est votre tour !",
  offerHeld: (n, until) => `${frCount(n, 'billet vous est réservé', 'billets vous sont réservés')} jusqu'à ${until}.`,
  timeLeft: 'Temps restant',
  buy: (amount) => `Acheter pour ${amount}`,
  getFree: (n) => `Obtenir ${n === 1 ? 'mon billet' : frCount(n, 'billet', 'billets')}`,
  giveBack: 'Rendre les billets',
  checkoutOpening: 'Ouverture du paiement sécurisé…',
  paying: 'Terminez le paiement dans la fenêtre de paiement.',
  reopenCheckout: 'Rouvrir le paiement',
  confirming: 'Paiement reçu. Émission de vos billets…',
  checkoutCancelled: "Paiement annulé. Vos billets restent réservés jusqu'à la fin du décompte.",
  purchasedTitle: 'Vous y allez !',
  purchased: (n) => `${frCount(n, 'billet acheté', 'billets achetés')}.`,
  ticketCode: 'Code du billet',
  viewTickets: 'Voir vos billets sur Queuetix',
  expired: "Votre offre a expiré et les billets sont passés à l'acheteur suivant.",
  youLeft: 'Vous avez quitté la file.',
  popupBlocked: 'Votre navigateur a bloqué la fenêtre Queuetix. Autorisez les pop-ups pour ce site et réessayez.',
  sessionExpired: 'Votre connexion a expiré. Veuillez vous reconnecter.',
  rateLimited: 'Trop de tentatives. Attendez une minute et réessayez.',
  demoPayments: "Paiements de démonstration : aucune carte n'est débitée.",
  demoSite: 'Site de démonstration : pas une vraie billetterie.',
  poweredBy: 'Billetterie Queuetix',
};

const de: Messages = {
  loading: 'Veranstaltung wird geladen…',
  notFound: 'Diese Veranstaltung wurde nicht gefunden.',
  refused: (site) => `Tickets für diese Veranstaltung können nicht auf ${site} verkauft werden.`,
  buyOnQueuetix: 'Auf Queuetix kaufen',
  networkDown: 'Ticketdienst nicht erreichbar. Neuer Versuch…',
  unreachable: 'Ticketdienst nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  invalidAttribute: 'Diesem Ticket-Widget fehlt eine gültige Veranstaltungs-ID.',
  somethingWrong: 'Etwas ist schiefgelaufen. Bitte erneut versuchen.',
  retry: 'Erneut versuchen',
  reconnecting: 'Verbindung verloren. Verbinde neu…',
  free: 'Kostenlos',
  left: (free, total) => `Noch ${free} von ${deCount(total, 'Ticket', 'Tickets')}`,
  soldOut: 'Ausverkauft',
  inLine: (n) => `${n} in der Warteschlange`,
  salesOpen: (when) => `Verkaufsstart ${when}`,
  cancelled: 'Diese Veranstaltung wurde abgesagt.',
  signIn: 'Anmelden und anstellen',
  signedInAs: (name) => `Angemeldet als ${name}`,
  signOut: 'Abmelden',
  opensWindow: '(öffnet ein Fenster)',
  quantity: 'Tickets',
  emailMe: 'Per E-Mail benachrichtigen, wenn ich dran bin',
  haveCode: 'Haben Sie einen Code?',
  join: 'Anstellen',
  joinWaitlist: 'Auf die Warteliste',
  soldOutHint: 'Derzeit ausverkauft. Stellen Sie sich an, falls Tickets frei werden.',
  soldOutWaiting:
    'Während Sie warteten, ausverkauft. Tickets gibt es nur, wenn der Veranstalter weitere freigibt; behalten Sie Ihren Platz oder verlassen Sie die Schlange.',
  waitingTitle: 'Sie stehen in der Warteschlange',
  position: (n) => `Sie sind Nummer ${n} in der Warteschlange`,
  ahead: (n) => (n === 0 ? 'Sie sind als Nächstes dran' : `${deCount(n, 'Person', 'Personen')} vor Ihnen`),
  lottery: 'Sie sind dabei. Bei Verkaufsstart werden alle Frühankömmlinge in zufälliger Reihenfolge eingereiht.',
  drawCommitted: 'Prüfbare Auslosung, Seed festgelegt',
  gettingReady: 'Ihr Platz wird vorbereitet…',
  leave: 'Warteschlange verlassen',
  offerTitle: 'Sie sind dran!',
  offerHeld: (n, until) => `${deCount(n, 'Ticket ist', 'Tickets sind')} bis ${until} für Sie reserviert.`,
  timeLeft: 'Verbleibende Zeit',
  buy: (amount) => `Für ${amount} kaufen`,
  getFree: (n) => (n === 1 ? 'Ticket holen' : `${deCount(n, 'Ticket', 'Tickets')} holen`),
  giveBack: 'Tickets zurückgeben',
  checkoutOpening: 'Sichere Bezahlung wird geöffnet…',
  paying: 'Schließen Sie die Zahlung im Bezahlfenster ab.',
  reopenCheckout: 'Bezahlung erneut öffnen',
  confirming: 'Zahlung erhalten. Ihre Tickets werden ausgestellt…',
  checkoutCancelled: 'Bezahlung abgebrochen. Ihre Tickets bleiben bis zum Ablauf des Timers reserviert.',
  purchasedTitle: 'Sie sind dabei!',
  purchased: (n) => `${deCount(n, 'Ticket', 'Tickets')} gekauft.`,
  ticketCode: 'Ticketcode',
  viewTickets: 'Ihre Tickets auf Queuetix ansehen',
  expired: 'Ihr Angebot ist abgelaufen, die Tickets gingen an die nächste Person.',
  youLeft: 'Sie haben die Warteschlange verlassen.',
  popupBlocked: 'Ihr Browser hat das Queuetix-Fenster blockiert. Erlauben Sie Pop-ups für diese Seite und versuchen Sie es erneut.',
  sessionExpired: 'Ihre Anmeldung ist abgelaufen. Bitte erneut anmelden.',
  rateLimited: 'Zu viele Versuche. Bitte eine Minute warten.',
  demoPayments: 'Demo-Zahlungen: Es wird keine Karte belastet.',
  demoSite: 'Demo-Seite: keine echte Ticketkasse.',
  poweredBy: 'Tickets von Queuetix',
};

const byLanguage: Record<string, Messages> = { en, fr, de };

/** Sentences for a BCP 47 locale, by its language ('fr-CA' → French), English otherwise. */
export function messagesFor(locale: string): Messages {
  return byLanguage[locale.toLowerCase().split('-')[0] ?? 'en'] ?? en;
}

export const supportedLanguages = Object.keys(byLanguage);

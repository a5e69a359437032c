import { html, nothing } from 'lit';
import type { Entry, OrderItem, Ticket } from '@queuetix/contracts';
import { WidgetError, toWidgetError } from '../api/errors.js';
import { QueuetixApi } from '../api/http-client.js';
import { LiveChannel, type ConnectionState } from '../api/live-channel.js';
import { currentBuyer, dropToken, onBuyerChange, sessionKey, setBuyer, type Buyer } from '../auth/buyer-session.js';
import { signInWithPopup } from '../auth/sign-in.js';
import { CheckoutFlow } from '../checkout/checkout-flow.js';
import type { QueuetixEventDetail, QueuetixEventName } from './ticket-widget.events.js';
import { Announcer } from './announcer.js';
import type { Words } from '../i18n/words.js';
import { initialState, isNewer, type Notice, type WidgetState } from './widget-state.js';

const eventIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

export interface ControllerHost {
  /** Called after every state change: re-render. */
  changed(): void;
  emit<K extends QueuetixEventName>(name: K, detail: QueuetixEventDetail<K>): void;
  /** Sentences for the live regions and the checkout popup's waiting note, in the current locale. */
  words(): Words;
}

/**
 * Everything one widget knows and does for one event on one Queuetix host: loads the event,
 * keeps it live over Socket.IO, follows the buyer's entry and runs the sign-in and checkout
 * popups. It never throws: failures become state (shown) and `queuetix-error` (emitted).
 */
export class WidgetController {
  state: WidgetState = initialState();
  private readonly api: QueuetixApi;
  private readonly live: LiveChannel;
  private readonly announcer: Announcer;
  private stopBuyerWatch: () => void = () => {};
  private readonly checkout: CheckoutFlow;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private loadAttempts = 0;
  private stopped = false;
  private announcedOffer: string | null = null;
  private typesUiLoading = false;
  /** Back online: retry a load that failed for want of a network at once, not at the next backoff. */
  private readonly onOnline = () => this.state.failure?.code === 'network' && this.retry();

  constructor(
    apiOrigin: string,
    private readonly eventId: string,
    private readonly host: ControllerHost,
  ) {
    this.api = new QueuetixApi(apiOrigin);
    this.announcer = new Announcer(
      () => host.words(),
      (spoken) => this.update({ spoken }),
    );
    this.live = new LiveChannel(apiOrigin, eventId, {
      availability: (availability) => this.update({ availability }),
      entry: (entry) => this.takeEntry(entry),
      ticket: (ticket) => this.takeTickets([ticket]),
      connection: (connection, resumed) => this.connectionChanged(connection, resumed),
      tokenRejected: () => this.sessionExpired(),
    });
    this.checkout = new CheckoutFlow(this.api, eventId, {
      state: () => this.state,
      update: (patch) => this.update(patch),
      say: (notice) => this.say(notice),
      failed: (error, buyer) => this.actionFailed(error, buyer),
      waitingNote: () => host.words().t.checkoutOpening,
    });
  }

  start(): void {
    window.addEventListener('online', this.onOnline);
    if (!this.api.origin) {
      this.fail(new WidgetError('invalid_attribute', 'The api attribute is not an http(s) address'));
      return;
    }
    if (!eventIdPattern.test(this.eventId)) {
      this.fail(new WidgetError('invalid_attribute', `Not an event id: "${this.eventId}"`));
      return;
    }
    void this.load();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    this.live.close();
    this.stopBuyerWatch();
    this.checkout.end(false);
    this.announcer.dispose();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  retry(): void {
    if (this.state.phase !== 'failed') return;
    this.update({ phase: 'loading', failure: null });
    void this.load();
  }

  get apiOrigin(): string {
    return this.api.origin;
  }

  /** The buyer session this widget shares with the page's other widgets of the same event. */
  private get session(): string {
    return sessionKey(this.api.origin, this.eventId);
  }

  // ——— buyer actions (called from click handlers; never throw) ———

  signIn(): void {
    if (!signInWithPopup(this.api.origin, this.eventId)) this.say({ tone: 'error', code: 'popup_blocked' });
  }

  signOut(): void {
    setBuyer(this.session, null);
  }

  /** `want`: items per type (the picker), or a number of the event's first type. */
  join(want: number | OrderItem[], notifyByEmail = false): void {
    const buyer = this.state.buyer;
    if (!buyer || this.state.busy) return;
    this.update({ busy: 'joining', notice: null });
    const { access, discount } = this.state.codes;
    const body = { ...(typeof want === 'number' ? { quantity: want } : { items: want }), accessCode: access?.code, discountCode: discount?.code };
    this.proofFor(buyer.token)
      .then((pow) => this.api.join(this.eventId, body, buyer.token, { notifyByEmail, pow }))
      .then(({ entry, existing }) => {
        this.takeEntry(entry);
        // Joined comes first even when the offer came at once (in this reply or a push before it).
        this.host.emit('queuetix-joined', { eventId: this.eventId, entry, existing });
        if (this.state.entry) this.announceOffer(this.state.entry);
      })
      .catch((error) => this.actionFailed(error, buyer))
      .finally(() => this.update({ busy: null, powProgress: null }));
  }

  /** Checks a code and keeps it for the join; an access code's hidden types join the picker. */
  applyCode(code: string): void {
    const buyer = this.state.buyer;
    if (!buyer || this.state.busy || !code) return;
    this.update({ busy: 'code', notice: null });
    this.api
      .checkCode(this.eventId, code, buyer.token)
      .then((checked) => this.update({ codes: { ...this.state.codes, [checked.kind]: checked } }))
      .catch((error) => this.actionFailed(error, buyer))
      .finally(() => this.update({ busy: null }));
  }

  /** A waiting buyer asks for other tickets (a type they wanted sold out) and keeps the place. */
  changeItems(items: OrderItem[]): void {
    const buyer = this.state.buyer;
    if (!buyer || this.state.busy) return;
    this.update({ busy: 'changing', notice: null });
    this.api
      .change(this.eventId, items, buyer.token)
      .then((entry) => this.takeEntry(entry))
      .catch((error) => this.actionFailed(error, buyer))
      .finally(() => this.update({ busy: null }));
  }

  /**
   * The picker, code field and order lines are a separate module fetched from the Queuetix host
   * when an event sells several types, a code is used or an order has several lines: most events
   * sell one kind of ticket, and widget.js stays within its size budget.
   */
  loadTypesUi(): void {
    if (this.state.typesUi || this.typesUiLoading) return;
    this.typesUiLoading = true;
    import('./types/types-ui.js')
      .then(({ createTypesUi }) => this.update({ typesUi: createTypesUi(html, nothing) }))
      .catch(() => {
        // The simple form still works (one type, no code); a later need tries again.
        this.typesUiLoading = false;
      });
  }

  private wantsTypesUi(): boolean {
    const { event, entry } = this.state;
    return (event?.ticketTypes?.length ?? 0) > 1 || (entry?.items?.length ?? 0) > 1 || !!entry?.discountCode || !!entry?.unavailableTypeIds?.length;
  }

  /** A solved proof-of-work when the event asks for one now, solved in a worker with progress shown. */
  private async proofFor(token: string): Promise<string | undefined> {
    const mode = this.state.event?.powMode ?? 'off';
    if (mode === 'off') return undefined;
    const challenge = await this.api.challenge(this.eventId, token);
    if (!challenge.required) return undefined;
    this.update({ powProgress: 0 });
    const { solveProofOfWork } = await import('../api/proof-of-work.js');
    return solveProofOfWork(challenge, (fraction) => this.update({ powProgress: fraction }));
  }

  leave(): void {
    const buyer = this.state.buyer;
    if (!buyer || this.state.busy) return;
    this.update({ busy: 'leaving', notice: null });
    this.api
      .leave(this.eventId, buyer.token)
      .then((entry) => this.takeEntry(entry))
      .catch((error) => this.actionFailed(error, buyer))
      .finally(() => this.update({ busy: null }));
  }

  /** Must be called synchronously from the click: the popup is opened before the API answers. */
  buy(): void {
    const buyer = this.state.buyer;
    if (!buyer || this.state.busy || this.state.entry?.status !== 'offered') return;
    this.checkout.start(buyer);
  }

  reopenCheckout(): void {
    this.checkout.reopen();
  }

  // ——— loading and keeping in sync ———

  private async load(): Promise<void> {
    const [config, event] = await Promise.allSettled([this.api.config(), this.api.event(this.eventId)]);
    if (this.stopped) return;
    if (event.status === 'rejected') return this.loadFailed(toWidgetError(event.reason), config.status === 'fulfilled');
    this.loadAttempts = 0;
    this.update({
      phase: 'ready',
      failure: null,
      config: config.status === 'fulfilled' ? config.value : null,
      event: event.value,
      availability: event.value.availability,
    });
    this.stopBuyerWatch();
    this.stopBuyerWatch = onBuyerChange(this.session, (buyer) => this.buyerChanged(buyer));
    this.buyerChanged(currentBuyer(this.session));
  }

  private loadFailed(error: WidgetError, apiReachable: boolean): void {
    // The browser hides a CORS refusal as a network error; if the rest of the API answered us,
    // the event itself refused this origin.
    if ((error.code === 'network' && apiReachable) || error.code === 'forbidden') {
      return this.fail(new WidgetError('origin_refused', `This event does not allow ${location.origin}`));
    }
    if (error.code === 'not_found' || error.code === 'invalid_request') {
      return this.fail(new WidgetError('not_found', `No event "${this.eventId}"`));
    }
    this.fail(error);
    if (error.code === 'network' || error.code === 'unavailable') {
      const delay = Math.min(15_000, 1_000 * 2 ** this.loadAttempts++);
      this.later(delay, () => this.retry());
    }
  }

  private fail(error: WidgetError): void {
    this.update({ phase: 'failed', failure: { code: error.code, message: error.message } });
    this.host.emit('queuetix-error', { eventId: this.eventId || null, code: error.code, message: error.message });
  }

  private buyerChanged(buyer: Buyer | null): void {
    if (this.stopped) return;
    this.announcedOffer = null;
    this.checkout.end(false);
    this.update({ buyer, entry: null, tickets: [], checkout: null, notice: buyer ? null : this.state.notice });
    this.live.open(buyer?.token ?? null);
    if (buyer) void this.resyncBuyer(buyer);
    // An embed token lives 15 minutes: at its end the widget asks for a sign-in (the popup renews it
    // at once) instead of failing the buyer's next click.
    if (buyer?.expiresAtMs !== undefined) this.later(Math.max(0, buyer.expiresAtMs - Date.now()), () => dropToken(this.session, buyer.token));
  }

  private connectionChanged(connection: ConnectionState, resumed: boolean): void {
    this.update({ connection });
    if (!resumed) return;
    // Pushes sent while we were away are lost (at most once): read the current state again.
    this.api
      .event(this.eventId)
      .then((event) => this.update({ event, availability: event.availability }))
      .catch(() => {});
    if (this.state.buyer) void this.resyncBuyer(this.state.buyer);
  }

  private async resyncBuyer(buyer: Buyer): Promise<void> {
    try {
      const entry = await this.api.myEntry(this.eventId, buyer.token);
      if (entry && this.state.buyer === buyer) this.takeEntry(entry, false);
      if (entry?.status === 'purchased') await this.loadTickets(buyer);
    } catch (error) {
      this.actionFailed(error, buyer);
    }
  }

  private async loadTickets(buyer: Buyer): Promise<void> {
    try {
      this.takeTickets(await this.api.myTickets(this.eventId, buyer.token));
    } catch {
      // The `ticket` pushes still bring them; the list is a convenience.
    }
  }

  // ——— entries, offers, tickets ———

  /** `observed` = we saw this change happen (a push or our own action), so it is news to emit. */
  private takeEntry(entry: Entry, observed = true): void {
    const previous = this.state.entry;
    if (this.stopped || !isNewer(previous, entry)) return;
    const checkout = entry.status === 'offered' ? this.state.checkout : null;
    // A purchase lets the checkout window finish and close itself ("payment complete"); an offer
    // that ended (expired, given back) makes its payment page moot, so that window is closed.
    if (!checkout) this.checkout.end(entry.status === 'expired' || entry.status === 'left');
    this.update({ entry, checkout });
    this.announcer.entryChanged(entry);
    this.watchOfferDeadline(entry);

    // While our join is in flight, its reply announces the offer after `queuetix-joined`.
    if (this.state.busy !== 'joining') this.announceOffer(entry);
    if (entry.status === 'purchased' && previous?.status !== 'purchased' && observed) {
      const buyer = this.state.buyer;
      const tickets = buyer ? this.loadTickets(buyer) : Promise.resolve();
      void tickets.then(() => this.host.emit('queuetix-purchased', { eventId: this.eventId, entry, tickets: this.state.tickets }));
    }
  }

  /** `queuetix-offer`, once per offer. */
  private announceOffer(entry: Entry): void {
    if (entry.status !== 'offered' || (entry.offerId ?? entry.id) === this.announcedOffer) return;
    this.announcedOffer = entry.offerId ?? entry.id;
    this.host.emit('queuetix-offer', {
      eventId: this.eventId,
      entry,
      quantity: entry.offeredQuantity ?? entry.quantity,
      expiresAt: entry.offerExpiresAt ?? null,
    });
  }

  private takeTickets(tickets: Ticket[]): void {
    const known = new Map(this.state.tickets.map((t) => [t.id, t]));
    for (const ticket of tickets) known.set(ticket.id, ticket);
    this.update({ tickets: [...known.values()] });
  }

  /** If the expiry push is lost, ask again shortly after the deadline rather than show 0:00 forever. */
  private watchOfferDeadline(entry: Entry): void {
    if (entry.status !== 'offered' || !entry.offerExpiresAt) return;
    const wait = new Date(entry.offerExpiresAt).getTime() - Date.now() + 3_000;
    this.later(Math.max(1_000, Math.min(wait, 2 ** 31 - 1)), () => {
      const { buyer, entry: current } = this.state;
      if (buyer && current?.status === 'offered' && current.offerId === entry.offerId) void this.resyncBuyer(buyer);
    });
  }

  // ——— errors and plumbing ———

  private actionFailed(raw: unknown, buyer: Buyer): void {
    const error = toWidgetError(raw);
    if (error.code === 'unauthenticated') return this.sessionExpired(buyer.token);
    this.say({ tone: 'error', code: error.code, detail: error.message });
    if (error.code === 'offer_expired' && this.state.buyer) void this.resyncBuyer(this.state.buyer);
  }

  private sessionExpired(token = this.state.buyer?.token): void {
    if (token) dropToken(this.session, token);
    this.say({ tone: 'error', code: 'unauthenticated' });
  }

  private say(notice: Notice): void {
    this.update({ notice });
    if (notice.tone !== 'error' || notice.code === 'checkout_cancelled') return;
    this.host.emit('queuetix-error', { eventId: this.eventId, code: notice.code, message: notice.detail ?? notice.code });
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) run();
    }, ms);
    this.timers.add(timer);
  }

  private update(patch: Partial<WidgetState>): void {
    if (this.stopped) return;
    this.state = { ...this.state, ...patch };
    if (!this.state.typesUi && this.wantsTypesUi()) this.loadTypesUi();
    this.host.changed();
  }
}

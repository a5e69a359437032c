import { LitElement, html, type PropertyValues } from 'lit';
import { wordsFor, type Words } from '../i18n/words.js';
import { buyerPanel } from './render/buyer-panel.js';
import { eventSummary } from './render/event-summary.js';
import { footer, liveRegions, loadingOrFailure, noticeLine, reconnectingBanner } from './render/frame.js';
import type { Selection } from '@queuetix/contracts/ticket-selection';
import type { Actions, View } from './render/view.js';
import { emit } from './ticket-widget.events.js';
import { ticketWidgetStyles } from './ticket-widget.styles.js';
import { WidgetController } from './widget-controller.js';

/** Where this script was loaded from: the default Queuetix host (`api`). */
const scriptOrigin = (() => {
  try {
    return new URL(import.meta.url).origin;
  } catch {
    return '';
  }
})();

function originOf(api: string | undefined): string {
  try {
    const url = new URL(api || scriptOrigin);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : '';
  } catch {
    return '';
  }
}

/**
 * `<queuetix-ticket-widget>`: sells tickets of one Queuetix event on any page. Shows the event,
 * live availability, lets a buyer join the fair waiting line, watch their place, take their offer
 * and pay, with sign-in and checkout in popups on the Queuetix origin (the host page never
 * navigates away and no third-party cookies are needed).
 *
 * @tag queuetix-ticket-widget
 *
 * @attr event - Required. The Queuetix event id.
 * @attr api - Queuetix host, e.g. `https://tickets.example.com`. Defaults to the origin this script was loaded from.
 * @attr locale - BCP 47 locale for words, dates and money (`en`, `fr`, `de`; other languages fall back
 *   to English words with local formats). Defaults to the page's `lang`, then the browser's language.
 * @attr theme - `light` (default) or `dark`: the defaults of the colour custom properties.
 *
 * @fires queuetix-joined - `{ eventId, entry, existing }` the buyer joined the line.
 * @fires queuetix-offer - `{ eventId, entry, quantity, expiresAt }` it is the buyer's turn.
 * @fires queuetix-purchased - `{ eventId, entry, tickets }` payment verified, tickets issued.
 * @fires queuetix-error - `{ eventId, code, message }` an error state or message is shown
 *   (codes: `not_found`, `origin_refused`, `network`, `invalid_attribute`, `popup_blocked`, API codes…).
 *
 * @cssprop --queuetix-color-background - Widget background.
 * @cssprop --queuetix-color-text - Main text.
 * @cssprop --queuetix-color-muted - Secondary text.
 * @cssprop --queuetix-color-border - Borders.
 * @cssprop --queuetix-color-surface - Tinted boxes (tickets, notices).
 * @cssprop --queuetix-color-accent - Primary buttons, countdown, focus ring.
 * @cssprop --queuetix-color-accent-text - Text on accent.
 * @cssprop --queuetix-color-danger - Errors.
 * @cssprop --queuetix-color-success - Success.
 * @cssprop --queuetix-font-family - Font stack.
 * @cssprop --queuetix-radius - Corner radius.
 *
 * @csspart base - The widget's box.
 * @csspart header - Image and event summary.
 * @csspart image - The event image.
 * @csspart title - The event name.
 * @csspart meta - Date and place.
 * @csspart price - The ticket price.
 * @csspart availability - Tickets left, people in line, on-sale time.
 * @csspart draw - The early-arrival draw's commitment and the link to its public check (events with an on-sale time).
 * @csspart panel - The buyer's area.
 * @csspart button - Every button (also `sign-in`, `join`, `leave`, `buy`, `reopen`, `retry`).
 * @csspart join-form - Quantity and join button.
 * @csspart pow - "Getting your place ready" and its progress while the device solves an event's proof-of-work.
 * @csspart quantity - The quantity label and select.
 * @csspart notify - The "email me when it's my turn" checkbox and its label.
 * @csspart position - The buyer's number in line.
 * @csspart sold-out - Waiting while every ticket is sold (also `notice`).
 * @csspart offer - The offer box.
 * @csspart countdown - Time left on the offer.
 * @csspart tickets - The list of bought tickets; `ticket` - one ticket.
 * @csspart notice - Messages; `error` - the error state; `status` - loading; `banner` - reconnecting.
 * @csspart footer - Demo-payments note and Queuetix link.
 */
export class QueuetixTicketWidget extends LitElement {
  static override styles = ticketWidgetStyles;
  static override properties = {
    event: { type: String },
    api: { type: String },
    locale: { type: String },
    theme: { type: String, reflect: true },
    quantity: { state: true },
    notifyByEmail: { state: true },
    now: { state: true },
    selection: { state: true },
    codesOpen: { state: true },
    editing: { state: true },
  };

  declare event: string;
  declare api: string | undefined;
  declare locale: string | undefined;
  declare theme: 'light' | 'dark';
  declare private quantity: number;
  declare private notifyByEmail: boolean;
  declare private now: number;
  declare private selection: Selection;
  declare private codesOpen: boolean;
  declare private editing: boolean;

  private controller: WidgetController | null = null;
  private needsStart = true;
  private words: Words = wordsFor(undefined);
  private ticker: ReturnType<typeof setInterval> | null = null;
  /** The control the buyer just used, while we wait to see whether it disappears with its step. */
  private usedControl: { element: Element; until: number } | null = null;
  private readonly act: Actions;

  constructor() {
    super();
    this.event = '';
    this.theme = 'light';
    this.quantity = 1;
    this.notifyByEmail = false;
    this.now = Date.now();
    this.selection = {};
    this.codesOpen = false;
    this.editing = false;
    const safely = (run: (c: WidgetController) => void) => () => {
      try {
        const active = this.shadowRoot?.activeElement;
        this.usedControl = active ? { element: active, until: Date.now() + 120_000 } : null;
        if (this.controller) run(this.controller);
      } catch {
        // Never let a click handler throw into the host page.
      }
    };
    this.act = {
      signIn: safely((c) => c.signIn()),
      signOut: safely((c) => c.signOut()),
      join: safely((c) => {
        const ui = c.state.typesUi;
        const view = this.view(c);
        c.join(ui && ui.types(view).length > 1 ? ui.items(view) : this.quantity, this.notifyByEmail);
      }),
      leave: safely((c) => c.leave()),
      buy: safely((c) => c.buy()),
      reopenCheckout: safely((c) => c.reopenCheckout()),
      retry: safely((c) => c.retry()),
      chooseQuantity: (quantity) => {
        this.quantity = Number.isInteger(quantity) && quantity > 0 ? quantity : 1;
      },
      chooseNotifyByEmail: (on) => {
        this.notifyByEmail = on;
      },
      step: (typeId, by) => {
        this.selection = { ...this.selection, [typeId]: Math.max(0, (this.selection[typeId] ?? 0) + by) };
      },
      applyCode: (event) => {
        event.preventDefault();
        const form = event.target as HTMLFormElement;
        const code = (form.elements.namedItem('code') as HTMLInputElement | null)?.value.trim() ?? '';
        if (code) safely((c) => c.applyCode(code))();
        form.reset();
      },
      openCodes: () => {
        this.codesOpen = true;
        this.controller?.loadTypesUi();
      },
      editRequest: () => {
        const entry = this.controller?.state.entry;
        const soldOut = new Set((this.controller?.state.availability?.types ?? []).filter((a) => a.soldOut).map((a) => a.typeId));
        const gone = [...(entry?.unavailableTypeIds ?? []), ...soldOut];
        this.selection = Object.fromEntries((entry?.items ?? []).filter((i) => !gone.includes(i.typeId)).map((i) => [i.typeId, i.quantity]));
        this.editing = true;
      },
      saveRequest: safely((c) => {
        const items = c.state.typesUi?.items(this.view(c)) ?? [];
        if (!items.length) return;
        c.changeItems(items);
        this.editing = false;
      }),
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.needsStart = true;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller?.stop();
    this.controller = null;
    this.tick(false);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') || !this.words) this.words = wordsFor(this.locale);
    if (this.needsStart || changed.has('event') || changed.has('api')) {
      this.needsStart = false;
      this.startController();
    }
  }

  protected override updated(): void {
    this.tick(this.controller?.state.entry?.status === 'offered');
    this.keepFocus();
  }

  /**
   * A keyboard user's button often disappears with the step it completes (sign in → the join form,
   * join → the place in line), and focus falls to the page's body. Put it on the new step instead:
   * its heading, else its first control. Only when the control the buyer used is gone and focus
   * really was lost: the widget never pulls focus away from the rest of the host page.
   */
  private keepFocus(): void {
    const used = this.usedControl;
    if (!used || used.element.isConnected) {
      if (used && Date.now() > used.until) this.usedControl = null;
      return;
    }
    this.usedControl = null;
    const active = document.activeElement;
    if (active && active !== document.body && active !== this) return;
    // "Have a code?" opens the code field: its input is where the buyer goes next.
    const next = used.element.matches('[part~="have-code"]') ? this.renderRoot.querySelector<HTMLElement>('[part~="code-form"] input') : null;
    (next ?? this.renderRoot.querySelector<HTMLElement>('.panel h3[tabindex], .panel select, .panel button'))?.focus();
  }

  protected override render() {
    try {
      return this.renderWidget();
    } catch {
      return html`<div class="base" part="base"><p class="panel error" part="error" role="alert">${this.words.t.somethingWrong}</p></div>`;
    }
  }

  private renderWidget() {
    const controller = this.controller;
    if (!controller) return html`<div class="base" part="base"></div>`;
    const view = this.view(controller);
    return html`
      <div class="base" part="base" lang=${this.words.f.locale}>
        ${reconnectingBanner(view)}
        ${
          view.state.phase === 'ready'
            ? html`${eventSummary(view)}
                <div class="panel" part="panel">${noticeLine(view)}${buyerPanel(view)}</div>`
            : loadingOrFailure(view)
        }
        ${footer(view)} ${liveRegions(view)}
      </div>
    `;
  }

  private view(controller: WidgetController): View {
    return {
      state: controller.state,
      words: this.words,
      apiOrigin: controller.apiOrigin,
      eventId: this.event,
      quantity: Math.min(this.quantity, controller.state.event?.maxPerBuyer ?? this.quantity),
      notifyByEmail: this.notifyByEmail,
      now: this.now,
      selection: this.selection,
      codesOpen: this.codesOpen,
      editing: this.editing,
      act: this.act,
    };
  }

  private startController(): void {
    this.controller?.stop();
    const controller = new WidgetController(originOf(this.api), (this.event ?? '').trim(), {
      changed: () => this.requestUpdate(),
      emit: (name, detail) => emit(this, name, detail),
      words: () => this.words,
    });
    this.controller = controller;
    try {
      controller.start();
    } catch {
      // start() reports its own failures as state; this guards the host page against the unforeseen.
    }
  }

  /** A one-second clock for the offer countdown, running only while an offer is on screen. */
  private tick(running: boolean): void {
    if (running && !this.ticker) {
      this.ticker = setInterval(() => (this.now = Date.now()), 1_000);
      this.now = Date.now();
    } else if (!running && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }
}

const tagName = 'queuetix-ticket-widget';
if (!customElements.get(tagName)) customElements.define(tagName, QueuetixTicketWidget);

declare global {
  interface HTMLElementTagNameMap {
    'queuetix-ticket-widget': QueuetixTicketWidget;
  }
}

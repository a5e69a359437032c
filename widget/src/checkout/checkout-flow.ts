import type { QueuetixApi } from '../api/http-client.js';
import type { Buyer } from '../auth/buyer-session.js';
import type { Notice, WidgetState } from '../ticket-widget/widget-state.js';
import { CheckoutPopup, type CheckoutResult } from './checkout-popup.js';

/** What the checkout flow reads and changes of its widget. */
export interface CheckoutHost {
  state(): WidgetState;
  update(patch: Partial<WidgetState>): void;
  say(notice: Notice): void;
  failed(error: unknown, buyer: Buyer): void;
  waitingNote(): string;
}

/**
 * Paying for a live offer: the checkout window, the API call that gives its address, and what
 * the window reports back. The offer's outcome itself comes from the `entry` push, not from here.
 */
export class CheckoutFlow {
  private popup: CheckoutPopup | null = null;

  constructor(
    private readonly api: QueuetixApi,
    private readonly eventId: string,
    private readonly host: CheckoutHost,
  ) {}

  /** Must run synchronously in the click: the window is opened before the API answers. */
  start(buyer: Buyer): void {
    this.end(false);
    const popup = new CheckoutPopup(this.api.origin, (result) => this.reported(result));
    this.popup = popup;
    const opened = popup.openBlank(this.host.waitingNote());
    this.host.update({ busy: 'checkout', notice: null });
    this.api
      .checkout(this.eventId, buyer.token)
      .then(({ url, sessionId }) => {
        const absolute = new URL(url, this.api.origin).href;
        const shown = opened && popup.navigate(absolute);
        this.host.update({ checkout: { sessionId, url: absolute, stage: 'paying', blocked: !shown } });
        if (!shown) this.host.say({ tone: 'error', code: 'popup_blocked' });
      })
      .catch((error) => {
        this.end(true);
        this.host.failed(error, buyer);
      })
      .finally(() => this.host.update({ busy: null }));
  }

  /** Opens the checkout page again (the buyer closed its window); in a click handler. */
  reopen(): void {
    const checkout = this.host.state().checkout;
    if (!checkout || !this.popup) return;
    const shown = this.popup.reopen(checkout.url);
    this.host.update({ checkout: { ...checkout, blocked: !shown } });
  }

  /** Stops listening to the window, closing it too when its payment page has become moot. */
  end(closeWindow: boolean): void {
    this.popup?.dispose(closeWindow);
    this.popup = null;
  }

  private reported(result: CheckoutResult): void {
    const checkout = this.host.state().checkout;
    if (!checkout || (result.sessionId && result.sessionId !== checkout.sessionId)) return;
    if (result.status === 'success') {
      this.host.update({ checkout: { ...checkout, stage: 'confirming' } });
      return;
    }
    this.end(false);
    this.host.update({ checkout: null });
    this.host.say({ tone: 'info', code: 'checkout_cancelled' });
  }
}

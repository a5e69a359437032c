import type { EmbedCheckoutMessage } from '@queuetix/contracts';
import { isCheckoutMessage } from '../api/guards.js';
import { closePopup, openPopup, showWaitingNote } from '../auth/popup.js';

/** What /embed/checkout-done reports: its message without the type. */
export type CheckoutResult = Omit<EmbedCheckoutMessage, 'type'>;

const windowName = 'queuetix-checkout';

/**
 * The checkout window (Stripe Checkout or the demo page) for one offer. It is opened blank in the
 * click handler (popup blockers allow only that), pointed at the checkout URL once the API gives
 * it, and reports back from /embed/checkout-done. That message is a courtesy for a quicker UI:
 * the `entry`/`ticket` pushes stay the authority, since a payment page may cut the popup's link
 * to its opener (Cross-Origin-Opener-Policy) and the message never arrives.
 */
export class CheckoutPopup {
  private popup: Window | null = null;
  private readonly onMessage = (message: MessageEvent) => {
    if (message.origin !== this.apiOrigin || !isCheckoutMessage(message.data)) return;
    this.onResult({ status: message.data.status, sessionId: message.data.sessionId });
  };

  constructor(
    private readonly apiOrigin: string,
    private readonly onResult: (result: CheckoutResult) => void,
  ) {
    window.addEventListener('message', this.onMessage);
  }

  /** Synchronous, inside the click: returns false when the browser blocked the window. */
  openBlank(waitingNote: string): boolean {
    this.popup = openPopup('about:blank', windowName);
    if (this.popup) showWaitingNote(this.popup, waitingNote);
    return this.popup !== null;
  }

  /** Points the already open window at the checkout page; false when there is no window left. */
  navigate(url: string): boolean {
    if (!this.popup || this.popup.closed) return false;
    try {
      this.popup.location.href = url;
      return true;
    } catch {
      return false;
    }
  }

  /** Opens the checkout page again (the buyer closed the window); inside a click handler. */
  reopen(url: string): boolean {
    this.popup = openPopup(url, windowName);
    return this.popup !== null;
  }

  dispose(closeWindow: boolean): void {
    window.removeEventListener('message', this.onMessage);
    if (closeWindow) closePopup(this.popup);
    this.popup = null;
  }
}

import { html, nothing } from 'lit';
import type { Messages } from '../../i18n/messages.js';
import type { Notice } from '../widget-state.js';
import type { View } from './view.js';

/** Loading and failure states, shown instead of the event. */
export function loadingOrFailure(view: View) {
  const { phase, failure } = view.state;
  const { t } = view.words;
  if (phase === 'loading') return html`<p class="panel" part="status" aria-busy="true">${t.loading}</p>`;
  if (!failure) return nothing;
  const eventPage = `${view.apiOrigin}/events/${encodeURIComponent(view.eventId)}`;
  const text =
    failure.code === 'origin_refused'
      ? t.refused(location.host)
      : failure.code === 'not_found'
        ? t.notFound
        : failure.code === 'invalid_attribute'
          ? t.invalidAttribute
          : failure.code === 'network' || failure.code === 'unavailable'
            ? t.networkDown
            : t.somethingWrong;
  return html`
    <div class="panel error" part="error" role="alert" data-code=${failure.code}>
      <p>${text}</p>
      ${
        failure.code === 'origin_refused'
          ? html`<p><a href=${eventPage} target="_blank" rel="noopener">${t.buyOnQueuetix}</a></p>`
          : failure.code === 'not_found' || failure.code === 'invalid_attribute'
            ? nothing
            : html`<div class="row"><button class="button" part="button retry" @click=${view.act.retry}>${t.retry}</button></div>`
      }
    </div>
  `;
}

export function reconnectingBanner(view: View) {
  if (view.state.phase !== 'ready' || view.state.connection !== 'reconnecting') return nothing;
  return html`<p class="banner" part="banner" role="status">${view.words.t.reconnecting}</p>`;
}

export function noticeLine(view: View) {
  const notice = view.state.notice;
  if (!notice) return nothing;
  return html`<p class="notice ${notice.tone}" part="notice" role=${notice.tone === 'error' ? 'alert' : 'status'}>${noticeText(view.words.t, notice)}</p>`;
}

function noticeText(t: Messages, notice: Notice): string {
  switch (notice.code) {
    case 'popup_blocked':
      return t.popupBlocked;
    case 'unauthenticated':
      return t.sessionExpired;
    case 'rate_limited':
      return t.rateLimited;
    case 'checkout_cancelled':
      return t.checkoutCancelled;
    case 'offer_expired':
      return t.expired;
    case 'network':
      return t.unreachable;
    default:
      return notice.detail ?? t.somethingWrong;
  }
}

/** Whenever this deployment is a demo (dev sign-in, demo payments, QUEUETIX_DEMO), the widget says so. */
function demoNotice(view: View): string {
  const config = view.state.config;
  if (config?.paymentMode === 'demo') return view.words.t.demoPayments;
  return config?.demo || config?.authMode === 'dev' ? view.words.t.demoSite : '';
}

export function footer(view: View) {
  const { t } = view.words;
  return html`
    <p class="footer" part="footer">
      <span>${demoNotice(view)}</span>
      <a href=${view.apiOrigin} target="_blank" rel="noopener">${t.poweredBy}</a>
    </p>
  `;
}

/** Screen-reader live regions: always in the DOM, so that changing their text is announced. */
export function liveRegions(view: View) {
  const { polite, assertive } = view.state.spoken;
  return html`
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" part="live">${polite}</div>
    <div class="visually-hidden" aria-live="assertive" aria-atomic="true">${assertive}</div>
  `;
}

import { html, nothing } from 'lit';
import type { View } from './view.js';

/** Name, date, place, price, image and live availability of the event. */
export function eventSummary(view: View) {
  const event = view.state.event;
  if (!event) return nothing;
  const { t, f } = view.words;
  const image = event.imageUrl ? new URL(event.imageUrl, view.apiOrigin).href : null;
  return html`
    <div class="header" part="header">
      ${image ? html`<img class="image" part="image" src=${image} alt="" loading="lazy" />` : nothing}
      <div class="summary">
        <h2 class="title" part="title">${event.name}</h2>
        <p class="meta" part="meta">
          <time datetime=${event.eventDate}>${f.dateTime(event.eventDate, event.timeZone)}</time>${event.location ? ` · ${event.location}` : ''}
        </p>
        <p class="price" part="price">${event.price === 0 ? t.free : f.money(event.price, event.currency)}</p>
        ${availabilityLine(view)} ${drawLine(view)}
      </div>
    </div>
  `;
}

function availabilityLine(view: View) {
  const { event, availability } = view.state;
  if (!event || !availability) return nothing;
  const { t, f } = view.words;
  if (event.isCancelled) return html`<p class="availability" part="availability"><span class="badge bad">${t.cancelled}</span></p>`;
  const opensLater = !availability.salesOpen && event.salesStartAt;
  return html`
    <p class="availability" part="availability">
      ${availability.soldOut ? html`<span class="badge bad">${t.soldOut}</span>` : html`<span>${t.left(availability.free, availability.total)}</span>`}
      ${availability.waiting > 0 ? html`<span>${t.inLine(availability.waiting)}</span>` : nothing}
      ${opensLater ? html`<span>${t.salesOpen(f.dateTime(event.salesStartAt ?? '', event.timeZone))}</span>` : nothing}
    </p>
  `;
}

/** The early-arrival draw's commitment, published before the on-sale, with the public check of it. */
function drawLine(view: View) {
  const event = view.state.event;
  if (!event?.drawCommitment) return nothing;
  const check = new URL(`/events/${encodeURIComponent(event.id)}/draw`, view.apiOrigin).href;
  return html`
    <p class="meta" part="draw">
      <a href=${check} target="_blank" rel="noopener">${view.words.t.drawCommitted}</a>:
      <code title=${event.drawCommitment}>${event.drawCommitment.slice(0, 12)}…</code>
    </p>
  `;
}

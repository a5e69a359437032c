import { html, nothing } from 'lit';
import { countdown } from '../../i18n/format.js';
import type { View } from './view.js';

/** The buyer's side: sign in, join, place in line, the offer, the tickets. */
export function buyerPanel(view: View) {
  const { event, buyer, entry } = view.state;
  if (!event) return nothing;
  const { t } = view.words;
  if (event.isCancelled) return html`<p class="notice error" part="notice">${t.cancelled}</p>`;
  if (!buyer) {
    return html`
      <button class="button primary" part="button sign-in" @click=${view.act.signIn}>${t.signIn}<span class="visually-hidden"> ${t.opensWindow}</span></button>
    `;
  }
  const body =
    entry?.status === 'waiting' ? waiting(view) : entry?.status === 'offered' ? offer(view) : entry?.status === 'purchased' ? purchased(view) : joinForm(view);
  return html`
    ${body}
    <p class="row spread meta" part="account">
      <span>${t.signedInAs(buyer.user.name)}</span>
      <button class="button link" part="sign-out" @click=${view.act.signOut}>${t.signOut}</button>
    </p>
  `;
}

function joinForm(view: View) {
  const { event, availability, entry, busy, typesUi: ui } = view.state;
  const { t } = view.words;
  const max = Math.max(1, Math.min(event?.maxPerBuyer ?? 1, 10));
  // Several types (or a hidden one unlocked): the picker, once its module is here.
  const picking = ui ? ui.types(view).length > 1 : (event?.ticketTypes?.length ?? 0) > 1;
  const soldOut = availability?.soldOut ?? false;
  const previous = entry?.status === 'expired' ? (entry.outcome ?? t.expired) : entry?.status === 'left' ? (entry.outcome ?? t.youLeft) : null;
  const pow = view.state.powProgress;
  return html`
    ${previous ? html`<p class="notice" part="notice">${previous}</p>` : nothing} ${soldOut ? html`<p class="meta">${t.soldOutHint}</p>` : nothing}
    ${
      pow !== null
        ? html`<p class="meta" part="pow" role="status">
            ${t.gettingReady} <progress max="100" .value=${Math.round(pow * 100)} aria-label=${t.gettingReady}></progress>
          </p>`
        : nothing
    }
    <form class="row" part="join-form" @submit=${(e: Event) => (e.preventDefault(), view.act.join())}>
      ${
        !picking
          ? html`<label class="quantity" part="quantity">
              <span>${t.quantity}</span>
              <select .value=${String(view.quantity)} @change=${(e: Event) => view.act.chooseQuantity(Number((e.target as HTMLSelectElement).value))}>
                ${Array.from({ length: max }, (_, i) => html`<option value=${i + 1} ?selected=${i + 1 === view.quantity}>${i + 1}</option>`)}
              </select>
            </label>`
          : ui
            ? ui.picker(view)
            : html`<p class="meta" aria-busy="true">…</p>`
      }
      <label class="notify" part="notify">
        <input type="checkbox" .checked=${view.notifyByEmail} @change=${(e: Event) => view.act.chooseNotifyByEmail((e.target as HTMLInputElement).checked)} />
        <span>${t.emailMe}</span>
      </label>
      <button class="button primary" part="button join" type="submit" ?disabled=${busy !== null || (picking && !ui?.items(view).length)}>
        ${soldOut ? t.joinWaitlist : t.join}
      </button>
    </form>
    ${ui ? ui.codeField(view) : nothing}
    ${view.codesOpen && ui ? nothing : html`<button class="button link" part="have-code" @click=${view.act.openCodes}>${t.haveCode}</button>`}
  `;
}

function waiting(view: View) {
  const entry = view.state.entry;
  if (!entry) return nothing;
  const { t } = view.words;
  const placed = !entry.inLottery && entry.position !== undefined;
  // Every type asked for sold out, but others are left: the types part offers to change instead.
  const soldOut = view.state.availability?.soldOut || (entry.soldOut && !entry.unavailableTypeIds?.length);
  return html`
    <div part="position-panel">
      <h3 class="panel-title" tabindex="-1">${t.waitingTitle}</h3>
      ${view.state.typesUi?.asked(view) ?? nothing} ${entry.inLottery ? html`<p part="lottery">${t.lottery}</p>` : nothing}
      ${soldOut && !entry.inLottery ? html`<p class="notice" part="notice sold-out" role="status">${t.soldOutWaiting}</p>` : nothing}
      ${
        placed
          ? html`
              <p class="big" part="position" aria-hidden="true">#${entry.position}</p>
              <p class="visually-hidden">${t.position(entry.position ?? 0)}</p>
              <p class="meta" part="ahead">${t.ahead(entry.ahead ?? Math.max(0, (entry.position ?? 1) - 1))}</p>
            `
          : nothing
      }
    </div>
    <div class="row">
      <button class="button" part="button leave" @click=${view.act.leave} ?disabled=${view.state.busy !== null}>${t.leave}</button>
    </div>
  `;
}

function offer(view: View) {
  const { entry, event, checkout, busy } = view.state;
  if (!entry || !event) return nothing;
  const { t, f } = view.words;
  const quantity = entry.offeredQuantity ?? entry.quantity;
  const deadline = entry.offerExpiresAt ?? '';
  const msLeft = deadline ? new Date(deadline).getTime() - view.now : 0;
  return html`
    <div class="offer" part="offer">
      <h3 class="panel-title" tabindex="-1">${t.offerTitle}</h3>
      <p>${t.offerHeld(quantity, f.time(deadline))}</p>
      <p class="countdown" part="countdown" role="timer" aria-label=${t.timeLeft}>${countdown(msLeft)}</p>
      ${view.state.typesUi?.offerLines(view) ?? nothing} ${checkoutControls(view, quantity)}
      ${
        checkout || busy === 'checkout'
          ? nothing
          : html`<button class="button link" part="give-back" @click=${view.act.leave} ?disabled=${busy !== null}>${t.giveBack}</button>`
      }
    </div>
  `;
}

function checkoutControls(view: View, quantity: number) {
  const { event, checkout, busy } = view.state;
  const { t, f } = view.words;
  if (busy === 'checkout') return html`<p role="status">${t.checkoutOpening}</p>`;
  if (checkout?.stage === 'confirming') return html`<p class="success" role="status" part="confirming">${t.confirming}</p>`;
  if (checkout) {
    return html`
      <p role="status">${t.paying}</p>
      ${
        checkout.blocked
          ? html`<a class="button primary" part="button checkout-link" href=${checkout.url} target="_blank" rel="opener">${t.reopenCheckout}</a>`
          : html`<button class="button" part="button reopen" @click=${view.act.reopenCheckout}>
              ${t.reopenCheckout}<span class="visually-hidden"> ${t.opensWindow}</span>
            </button>`
      }
    `;
  }
  const amount = view.state.entry?.amount ?? (event?.price ?? 0) * quantity;
  return html`
    <button class="button primary" part="button buy" @click=${view.act.buy}>
      ${amount === 0 ? t.getFree(quantity) : t.buy(f.money(amount, event?.currency ?? 'usd'))}<span class="visually-hidden"> ${t.opensWindow}</span>
    </button>
  `;
}

function purchased(view: View) {
  const { entry, tickets } = view.state;
  if (!entry) return nothing;
  const { t } = view.words;
  return html`
    <div part="purchased">
      <h3 class="panel-title success" tabindex="-1">${t.purchasedTitle}</h3>
      <p>${t.purchased(entry.offeredQuantity ?? entry.quantity)}</p>
    </div>
    ${
      tickets.length
        ? html`<ul class="tickets" part="tickets">
            ${tickets.map(
              (ticket) => html`<li class="ticket" part="ticket"><span class="meta">${t.ticketCode}</span><br /><span class="code">${ticket.code}</span></li>`,
            )}
          </ul>`
        : nothing
    }
    <a href=${`${view.apiOrigin}/tickets`} target="_blank" rel="noopener" part="tickets-link">${t.viewTickets}</a>
  `;
}

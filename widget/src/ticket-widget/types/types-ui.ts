import type { html as litHtml, nothing as litNothing, TemplateResult } from 'lit';
import type { CheckCodeResponse, OrderItem, TicketType } from '@queuetix/contracts';
import { clampSelection, itemsOf, maxFor, pickerTypes, selectedCount, typeState, type TypeState } from '@queuetix/contracts/ticket-selection';
import type { View } from '../render/view.js';
import { typeWordsFor } from './types-words.js';

/**
 * The widget's ticket-type picker, code field and priced order lines. A separate module, fetched
 * from the Queuetix host only when an event sells several types or a buyer uses a code (see
 * WidgetController.loadTypesUi), so widget.js stays within its size budget.
 */
type Nothing = typeof litNothing;

export interface TypesUi {
  /** Types the buyer may pick: the event's public ones and any their access code unlocked. */
  types(view: View): TicketType[];
  picker(view: View): TemplateResult;
  /** The picker's choice as join items, inside every limit. */
  items(view: View): OrderItem[];
  codeField(view: View): TemplateResult | Nothing;
  /** What a waiting buyer asked for, and the way on when a type of it sold out. */
  asked(view: View): TemplateResult | Nothing;
  offerLines(view: View): TemplateResult | Nothing;
}

const words = (view: View) => typeWordsFor(view.words.f.locale);
const types = (view: View) => (view.state.event ? pickerTypes(view.state.event, view.state.codes.access?.unlocks) : []);

function states(view: View, list: TicketType[]): Record<string, TypeState> {
  const figures = view.state.availability?.types ?? [];
  return Object.fromEntries(
    list.map((t) => [
      t.id,
      typeState(
        t,
        figures.find((a) => a.typeId === t.id),
        view.now,
      ),
    ]),
  );
}

function note(view: View, type: TicketType, state: TypeState | undefined): string {
  const w = words(view);
  if (state === 'sold_out') return w.soldOut;
  if (state === 'ended') return w.ended;
  if (state === 'upcoming') return w.onSaleFrom(view.words.f.dateTime(type.salesStartAt ?? '', view.state.event?.timeZone));
  const free = view.state.availability?.types?.find((a) => a.typeId === type.id)?.free;
  return free === undefined ? '' : free > 0 ? w.left(free) : w.allHeld;
}

function names(view: View, ids: readonly string[]): string {
  return ids.map((id) => types(view).find((t) => t.id === id)?.name ?? id).join(', ');
}

function codeSummary(view: View, code: CheckCodeResponse): string {
  const w = words(view);
  if (code.kind === 'access') return w.unlocks((code.unlocks ?? []).map((t) => t.name).join(', '));
  const d = code.discount;
  const amount = d?.percentOff !== undefined ? `${d.percentOff}%` : view.words.f.money(d?.amountOff ?? 0, view.state.event?.currency ?? 'usd');
  return w.off(amount, d?.typeIds.length ? names(view, d.typeIds) : w.everyTicket);
}

/**
 * Lit comes from widget.js (passed in, not imported): importing it here would make the bundler move
 * it into a chunk of its own that every page would then load.
 */
export function createTypesUi(html: typeof litHtml, nothing: Nothing): TypesUi {
  const typesUi: TypesUi = {
    types,

    picker(view) {
      const w = words(view);
      const list = types(view);
      const st = states(view, list);
      const { selection } = view;
      const max = view.state.event?.maxPerBuyer ?? 1;
      return html` <fieldset class="types" part="types">
        <legend>${w.choose}</legend>
        ${list.map((t) => {
          const n = selection[t.id] ?? 0;
          const open = st[t.id] === 'open';
          const price = t.price === 0 ? view.words.t.free : view.words.f.money(t.price, view.state.event?.currency ?? 'usd');
          return html`<div class="type" part="type">
            <span><strong>${t.name}</strong><br /><span class="meta">${price} · ${note(view, t, st[t.id])}</span></span>
            ${
              open
                ? html`<span class="row">
                    <button type="button" class="button step" aria-label=${w.fewer(t.name)} ?disabled=${!n} @click=${() => view.act.step(t.id, -1)}>−</button>
                    <output aria-label=${t.name} aria-live="polite">${n}</output>
                    <button
                      type="button"
                      class="button step"
                      aria-label=${w.more(t.name)}
                      ?disabled=${n >= maxFor(t, 'open', selection, max)}
                      @click=${() => view.act.step(t.id, 1)}
                    >
                      +
                    </button>
                  </span>`
                : nothing
            }
          </div>`;
        })}
        <p class="meta">${w.chosen(selectedCount(selection), max)}</p>
      </fieldset>`;
    },

    items(view) {
      const list = types(view);
      return itemsOf(clampSelection(view.selection, list, states(view, list), view.state.event?.maxPerBuyer ?? 1), list);
    },

    codeField(view) {
      const { access, discount } = view.state.codes;
      const w = words(view);
      return html`
        ${[access, discount].map((c) => (c ? html`<p class="notice" part="code-applied" role="status"><strong>${c.code}</strong> ${codeSummary(view, c)}</p>` : nothing))}
        ${
          view.codesOpen
            ? html`<form class="row" part="code-form" @submit=${view.act.applyCode}>
                <label class="quantity"><span>${w.code}</span><input name="code" autocomplete="off" maxlength="40" required /></label>
                <button class="button" ?disabled=${view.state.busy !== null}>${w.apply}</button>
              </form>`
            : nothing
        }
      `;
    },

    asked(view) {
      const entry = view.state.entry;
      if (!entry?.items?.length) return nothing;
      const w = words(view);
      // The server's word on the entry, or the live availability push, whichever comes first.
      const soldOut = (view.state.availability?.types ?? []).filter((a) => a.soldOut).map((a) => a.typeId);
      const gone = view.state.availability?.soldOut
        ? []
        : entry.items.map((i) => i.typeId).filter((id) => entry.unavailableTypeIds?.includes(id) || soldOut.includes(id));
      return html`
        <p class="meta" part="asked">${w.asked(entry.items.map((i) => `${i.quantity} × ${names(view, [i.typeId])}`).join(', '))}</p>
        ${
          gone.length
            ? html`<div class="notice" part="type-gone">
                <p role="alert">${w.gone(names(view, gone))}</p>
                ${
                  view.editing
                    ? html`${typesUi.picker(view)}
                        <button
                          class="button primary"
                          part="button keep"
                          ?disabled=${view.state.busy !== null || !selectedCount(view.selection)}
                          @click=${view.act.saveRequest}
                        >
                          ${w.keep}
                        </button>`
                    : html`<button class="button" part="button change" @click=${view.act.editRequest}>${w.change}</button>`
                }
              </div>`
            : nothing
        }
      `;
    },

    offerLines(view) {
      const { entry, event } = view.state;
      // A free offer is got, not bought: no lines of prices.
      if (!entry?.offeredItems?.length || !entry.amount || !event) return nothing;
      const w = words(view);
      const money = (n: number) => view.words.f.money(n, event.currency);
      const discount = entry.offeredItems.reduce((sum, i) => sum + i.quantity * Math.min(i.unitPrice, i.discountPerTicket), 0);
      return html` <dl class="lines" part="lines">
        ${entry.offeredItems.map(
          (i) =>
            html`<div>
              <dt>${names(view, [i.typeId])} × ${i.quantity}</dt>
              <dd>${money(i.unitPrice * i.quantity)}</dd>
            </div>`,
        )}
        ${
          discount
            ? html`<div class="success">
                <dt>${w.discount}${entry.discountCode ? ` (${entry.discountCode})` : ''}</dt>
                <dd>−${money(discount)}</dd>
              </div>`
            : nothing
        }
        <div>
          <dt><strong>${w.total}</strong></dt>
          <dd><strong>${money(entry.amount ?? 0)}</strong></dd>
        </div>
      </dl>`;
    },
  };
  return typesUi;
}

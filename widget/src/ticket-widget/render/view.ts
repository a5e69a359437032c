import type { Words } from '../../i18n/words.js';
import type { WidgetState } from '../widget-state.js';

/** Buyer actions the templates can trigger; each is safe to call (never throws) and unbound (a listener). */
export interface Actions {
  signIn: () => void;
  signOut: () => void;
  join: () => void;
  leave: () => void;
  buy: () => void;
  reopenCheckout: () => void;
  retry: () => void;
  chooseQuantity: (quantity: number) => void;
  chooseNotifyByEmail: (on: boolean) => void;
}

/** Everything a template needs: pure data in, lit templates out. */
export interface View {
  state: WidgetState;
  words: Words;
  apiOrigin: string;
  eventId: string;
  quantity: number;
  /** The buyer ticked "email me when it's my turn". */
  notifyByEmail: boolean;
  now: number;
  act: Actions;
}

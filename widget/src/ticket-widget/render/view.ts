import type { Selection } from '@queuetix/contracts/ticket-selection';
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
  /** One more (+1) or one fewer (-1) ticket of a type in the picker. */
  step: (typeId: string, by: number) => void;
  /** The code form's submit: checks the code it holds. */
  applyCode: (event: Event) => void;
  /** "Have a code?": shows the code field (and loads it). */
  openCodes: () => void;
  /** A type the buyer waits for sold out: pick other tickets, then keep the place with them. */
  editRequest: () => void;
  saveRequest: () => void;
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
  /** Tickets chosen per type in the picker (events with several types). */
  selection: Selection;
  codesOpen: boolean;
  /** Changing a waiting request after a type sold out. */
  editing: boolean;
  act: Actions;
}

import { expect } from 'chai';
import type { z } from 'zod';
import * as contracts from '@queuetix/contracts';
import {
  isAvailabilityMessage,
  isCheckCodeResponse,
  isCheckoutMessage,
  isCheckoutResponse,
  isEntry,
  isErrorBody,
  isEvent,
  isPowChallenge,
  isPublicConfig,
  isTicket,
  isTicketArray,
  isTicketList,
  isTokenMessage,
} from '../../widget/src/api/guards.js';

/**
 * The widget checks what it receives with light hand-written guards instead of zod (its size
 * budget). These tests hold the guards to the contract: whatever the contract's zod schema accepts,
 * the guard accepts, and what both should refuse, both refuse.
 */

const at = '2026-06-01T19:30:00.000Z';
const typeFigures = { typeId: 'general', total: 10, sold: 2, held: 1, free: 7, soldOut: false, onSale: true };
const availability = { total: 10, sold: 2, held: 1, free: 7, waiting: 3, soldOut: false, salesOpen: true, types: [typeFigures] };
const ticketType = {
  id: 'general',
  name: 'General admission',
  description: '',
  price: 2500,
  capacity: 10,
  maxPerBuyer: 4,
  salesStartAt: null,
  salesEndAt: at,
  hidden: false,
};

const fullEvent = {
  id: 'evt_1',
  ownerId: 'seller_1',
  name: 'Harbour Lights',
  description: 'Open air',
  location: 'Pier 4',
  eventDate: at,
  timeZone: 'Europe/Lisbon',
  price: 2500,
  currency: 'usd',
  totalTickets: 10,
  ticketTypes: [ticketType, { ...ticketType, id: 'vip', name: 'VIP', salesStartAt: at, hidden: true }],
  capacity: null,
  salesStartAt: at,
  maxPerBuyer: 4,
  offerWindowSec: 600,
  imageUrl: '/api/images/evt_1.webp',
  isCancelled: false,
  status: 'published',
  createdAt: at,
  allowedOrigins: ['https://shop.example.com'],
  drawCommitment: 'a'.repeat(64),
  powMode: 'on',
  availability,
};

const fullEntry = (status: contracts.EntryStatus) => ({
  id: 'ent_1',
  eventId: 'evt_1',
  userId: 'buyer_1',
  quantity: 2,
  items: [{ typeId: 'general', quantity: 2 }],
  status,
  position: 3,
  ahead: 2,
  inLottery: false,
  offerId: 'off_1',
  offeredQuantity: 1,
  offerExpiresAt: at,
  outcome: 'Refunded: paid after the offer ended',
  offeredItems: [{ typeId: 'general', quantity: 1, unitPrice: 2500, discountPerTicket: 250 }],
  amount: 2250,
  discountCode: 'TEN',
  unavailableTypeIds: ['vip'],
  joinedAt: at,
});

const fullTicket = (status: contracts.TicketStatus) => ({
  id: 'tkt_1',
  eventId: 'evt_1',
  userId: 'buyer_1',
  status,
  code: 'QTX-ABC',
  amount: 2500,
  typeId: 'general',
  typeName: 'General admission',
  currency: 'usd',
  purchasedAt: at,
  usedAt: at,
  refundedAt: at,
  event: fullEvent,
});

/** The sample with every optional field of the schema's top level left out. */
function withoutOptionals(schema: z.ZodObject, sample: Record<string, unknown>): Record<string, unknown> {
  const required = Object.entries(schema.shape).filter(([, field]) => !field.safeParse(undefined).success);
  return Object.fromEntries(required.map(([key]) => [key, sample[key]]));
}

/** Parsed by the contract (so it is valid, or the test fails here), then sent through JSON like the wire. */
function wire<S extends z.ZodType>(schema: S, sample: unknown): z.output<S> {
  return JSON.parse(JSON.stringify(schema.parse(sample))) as z.output<S>;
}

interface Case {
  guard: (value: unknown) => boolean;
  schema: z.ZodType;
  valid: unknown[];
  invalid: unknown[];
}

const cases: Record<string, Case> = {
  isAvailabilityMessage: {
    guard: isAvailabilityMessage,
    schema: contracts.AvailabilityMessage,
    valid: [
      { eventId: 'evt_1', ...availability },
      { eventId: 'evt_1', ...availability, soldOut: true, salesOpen: false, free: 0 },
    ],
    invalid: [
      { ...availability },
      { eventId: 'evt_1', ...availability, free: '7' },
      { eventId: 'evt_1', ...availability, soldOut: 'no' },
      { eventId: 'evt_1', ...availability, types: [{ ...typeFigures, free: '7' }] },
    ],
  },
  isEvent: {
    guard: isEvent,
    schema: contracts.Event,
    valid: [
      fullEvent,
      { ...fullEvent, salesStartAt: null, imageUrl: null, isCancelled: true, drawCommitment: null, powMode: 'auto' },
      { ...fullEvent, timeZone: null, status: 'draft' },
    ],
    invalid: [
      { ...fullEvent, price: '25.00' },
      { ...fullEvent, availability: undefined },
      { ...fullEvent, availability: { ...availability, held: null } },
      { ...fullEvent, name: undefined },
      { ...fullEvent, powMode: 'sometimes' },
      { ...fullEvent, ticketTypes: [{ ...ticketType, price: '25.00' }] },
    ],
  },
  isPowChallenge: {
    guard: isPowChallenge,
    schema: contracts.PowChallenge,
    valid: [true, false].map((required) => ({
      algorithm: 'SHA-256',
      challenge: 'c'.repeat(64),
      maxnumber: 100_000,
      salt: 's?expires=1',
      signature: 'f'.repeat(64),
      expiresAt: at,
      required,
    })),
    invalid: [
      { algorithm: 'SHA-512', challenge: 'c', maxnumber: 1, salt: 's', signature: 'f', expiresAt: at, required: true },
      { algorithm: 'SHA-256', challenge: 'c', maxnumber: '1', salt: 's', signature: 'f', expiresAt: at, required: true },
    ],
  },
  isEntry: {
    guard: isEntry,
    schema: contracts.Entry,
    valid: contracts.EntryStatus.options.flatMap((status) => [fullEntry(status), withoutOptionals(contracts.Entry, fullEntry(status))]),
    invalid: [
      { ...fullEntry('waiting'), status: 'bumped' },
      { ...fullEntry('waiting'), quantity: '2' },
      { ...fullEntry('offered'), id: undefined },
      { ...fullEntry('waiting'), items: [{ typeId: 'general', quantity: '2' }] },
      { ...fullEntry('offered'), offeredItems: [{ typeId: 'general', quantity: 1, unitPrice: 2500 }] },
    ],
  },
  isCheckCodeResponse: {
    guard: isCheckCodeResponse,
    schema: contracts.CheckCodeResponse,
    valid: [
      { code: 'FANS', kind: 'access', unlocks: [{ ...ticketType, id: 'vip', hidden: true }] },
      { code: 'TEN', kind: 'discount', discount: { percentOff: 10, typeIds: [] } },
      { code: 'FIVE', kind: 'discount', discount: { amountOff: 500, typeIds: ['general'] } },
    ],
    invalid: [
      { code: 'FANS', kind: 'presale' },
      { kind: 'access', unlocks: [] },
      { code: 'FANS', kind: 'access', unlocks: [{ ...ticketType, name: 7 }] },
    ],
  },
  isTicket: {
    guard: isTicket,
    schema: contracts.Ticket,
    valid: contracts.TicketStatus.options.flatMap((status) => [fullTicket(status), withoutOptionals(contracts.Ticket, fullTicket(status))]),
    invalid: [
      { ...fullTicket('valid'), status: 'void' },
      { ...fullTicket('used'), code: 42 },
      { ...fullTicket('valid'), amount: undefined },
    ],
  },
  isTicketList: {
    guard: isTicketList,
    schema: contracts.TicketList,
    valid: [
      { items: [], total: 0, page: 1, pageSize: 20 },
      { items: [fullTicket('valid'), fullTicket('refunded')], total: 2, page: 1, pageSize: 20 },
    ],
    invalid: [
      { items: [{ ...fullTicket('valid'), status: 'void' }], total: 1, page: 1, pageSize: 20 },
      { items: 'none', total: 0, page: 1, pageSize: 20 },
    ],
  },
  isTicketArray: {
    guard: isTicketArray,
    schema: contracts.Ticket.array(),
    valid: [[], [fullTicket('valid'), withoutOptionals(contracts.Ticket, fullTicket('used'))]],
    invalid: [[fullTicket('valid'), null], { items: [] }],
  },
  isPublicConfig: {
    guard: isPublicConfig,
    schema: contracts.PublicConfig,
    valid: contracts.PublicConfig.shape.authMode.options.flatMap((authMode) =>
      contracts.PublicConfig.shape.paymentMode.options.map((paymentMode) => ({
        authMode,
        paymentMode,
        demo: authMode === 'dev',
        clerkPublishableKey: 'pk_test_x',
      })),
    ),
    invalid: [{ authMode: 'oauth', paymentMode: 'demo' }, { authMode: 'dev' }],
  },
  isCheckoutResponse: {
    guard: isCheckoutResponse,
    schema: contracts.CheckoutResponse,
    valid: [{ url: 'https://checkout.example/cs_1', sessionId: 'cs_1' }],
    invalid: [{ url: 'https://checkout.example/cs_1' }, { url: 1, sessionId: 'cs_1' }],
  },
  isErrorBody: {
    guard: isErrorBody,
    schema: contracts.ErrorBody,
    valid: contracts.errorCodes.flatMap((code) => [
      { error: { code, message: 'Something went wrong' } },
      { error: { code, message: 'With details', details: { retryAfterSec: 3 } } },
    ]),
    invalid: [{ error: { code: 'teapot', message: 'Not ours' } }, { error: { code: 'not_found' } }, { code: 'not_found', message: 'flat' }],
  },
  isTokenMessage: {
    guard: isTokenMessage,
    schema: contracts.EmbedMessage,
    valid: [{ type: 'queuetix:token', token: 'eyJhbGciOi.x.y', user: { id: 'buyer_1', name: 'Ada' }, eventId: 'ev_1', expiresAt: '2031-06-20T19:15:00.000Z' }],
    invalid: [
      { type: 'queuetix:token', token: 'eyJ', user: { id: 'buyer_1' }, eventId: 'ev_1', expiresAt: '2031-06-20T19:15:00.000Z' },
      // Without the event it is for, the widget cannot tell which of its sessions the token belongs to.
      { type: 'queuetix:token', token: 'eyJ', user: { id: 'buyer_1', name: 'Ada' }, expiresAt: '2031-06-20T19:15:00.000Z' },
      { type: 'queuetix:token', user: { id: 'buyer_1', name: 'Ada' } },
      { type: 'queuetix:tokens', token: 'eyJ', user: { id: 'buyer_1', name: 'Ada' } },
    ],
  },
  isCheckoutMessage: {
    guard: isCheckoutMessage,
    schema: contracts.EmbedMessage,
    valid: contracts.EmbedMessage.options[1].shape.status.options.flatMap((status) => [
      { type: 'queuetix:checkout', status },
      { type: 'queuetix:checkout', status, sessionId: 'cs_1' },
    ]),
    invalid: [
      { type: 'queuetix:checkout', status: 'maybe' },
      { type: 'queuetix:checkout', status: 'success', sessionId: 7 },
    ],
  },
};

describe('widget guards hold to the contracts', () => {
  for (const [name, { guard, schema, valid, invalid }] of Object.entries(cases)) {
    it(`${name} accepts every sample the contract accepts`, () => {
      for (const sample of valid) expect(guard(wire(schema, sample)), JSON.stringify(sample)).to.equal(true);
    });

    it(`${name} accepts fields the contract may add later (it only ever grows)`, () => {
      for (const sample of valid) {
        const grown = wire(schema, sample);
        if (typeof grown === 'object' && grown !== null && !Array.isArray(grown)) expect(guard({ ...grown, addedLater: { nested: [1] } })).to.equal(true);
      }
    });

    it(`${name} rejects what the contract rejects`, () => {
      for (const sample of [...invalid, null, undefined, 'text', 42, true]) {
        expect(schema.safeParse(sample).success, `the contract accepts ${JSON.stringify(sample)}`).to.equal(false);
        expect(guard(sample), JSON.stringify(sample)).to.equal(false);
      }
    });
  }

  it('the token message check is stricter than the contract where the widget must be: no empty or oversized token', () => {
    const message = { type: 'queuetix:token', user: { id: 'buyer_1', name: 'Ada' }, eventId: 'ev_1', expiresAt: '2031-06-20T19:15:00.000Z' };
    for (const token of ['', 'x'.repeat(8192)]) {
      expect(contracts.EmbedMessage.safeParse({ ...message, token }).success).to.equal(true);
      expect(isTokenMessage({ ...message, token })).to.equal(false);
    }
  });
});

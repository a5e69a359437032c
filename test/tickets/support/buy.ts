/** Buying through the real flow over HTTP: join, get an offer, pay with the demo checkout. */
import { expect } from 'chai';
import type { Api } from '../../support/api.js';
import { payOffer } from '../../support/fixtures.js';

export async function buy(buyer: Api, eventId: string, quantity: number): Promise<any[]> {
  const entry = await buyer.post(`/api/events/${eventId}/queue`, { quantity });
  expect(entry.body.status, JSON.stringify(entry.body)).to.equal('offered');
  const tickets = await payOffer(buyer, eventId);
  expect(tickets).to.have.length(quantity);
  return tickets;
}

/** Shared bits of the events tests. */
import { Api } from '../support/api.js';

export const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** A seller and a buyer signed in on the given server. */
export async function sellerAndBuyer(url: string, tag: string): Promise<{ anon: Api; seller: Api; buyer: Api; sellerId: string }> {
  const anon = new Api(url);
  const seller = await anon.signIn(`Seller ${tag}`, 'seller');
  const buyer = await anon.signIn(`Buyer ${tag}`, 'buyer');
  return { anon, seller: seller.api, buyer: buyer.api, sellerId: seller.user.id };
}

/** A unique word, so searches in a shared database find only this test's events. */
export const uniqueWord = (prefix: string) => `${prefix}${Math.random().toString(36).slice(2, 10)}`;

import { expect } from 'chai';
import { Api } from '../support/api.js';
import { eventually } from '../support/fixtures.js';
import { messagesTo, type MailSummary } from './mailpit-client.js';

/** Dev sign-in with an email address (a Clerk token carries it as the `email` claim). */
export async function signInWithEmail(api: Api, name: string, email: string, role: 'buyer' | 'seller' = 'buyer'): Promise<{ api: Api; user: any }> {
  const res = await api.as(undefined).post('/api/dev/sign-in', { name, role, email });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return { api: api.as(res.body.token), user: res.body.user };
}

/** Waits until exactly `count` messages reached the address (and a moment more, to see no more arrive). */
export async function expectMessages(address: string, count: number, timeoutMs = 20_000): Promise<MailSummary[]> {
  const found = await eventually(
    async () => {
      const list = await messagesTo(address);
      return list.length >= count ? list : undefined;
    },
    timeoutMs,
    `${count} message(s) to ${address}`,
  );
  expect(found, `messages to ${address}`).to.have.length(count);
  return found;
}

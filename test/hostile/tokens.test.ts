import { generateKeyPairSync, createHmac, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { SignJWT, importPKCS8 } from 'jose';
import { io } from 'socket.io-client';
import { DevTokenIssuer } from '../../backend/src/auth/dev-token-issuer.js';
import { countTried, expectDocumented4xx, hostileRuns } from './support/documented.js';
import { jsonBodyOf, methodOf, nameOf, needingSignIn, worldPath } from './support/endpoints.js';
import { hostileWorld, type World } from './support/world.js';

const ORIGIN = 'http://localhost:3000';
const ISSUER = `queuetix-dev:${ORIGIN}`;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens that must never open a session, each built the way an attacker (or a stale client) would. */
async function badTokens(world: World): Promise<Record<string, string>> {
  const pem = await readFile(path.join(world.backend.dataDir, 'dev-jwt-private-key.pem'), 'utf8');
  const ours = new DevTokenIssuer(pem, ISSUER, ORIGIN);
  const foreignPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const victim = { id: world.paid.userId, name: 'Victim', role: 'buyer' as const };
  const now = Math.floor(Date.now() / 1000);
  const key = await importPKCS8(pem, 'RS256');
  const signed = (claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT) =>
    build(
      new SignJWT({ azp: ORIGIN, name: 'X', role: 'buyer', ...claims })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'queuetix-dev' })
        .setIssuer(ISSUER)
        .setIssuedAt(now),
    ).sign(key);

  const valid = await ours.issue(victim);
  const [header, , signature] = valid.split('.');
  const otherPayload = (await ours.issue({ id: world.offered.userId, name: 'Other', role: 'buyer' })).split('.')[1];
  const publicPem = createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
  const hsHeader = b64({ alg: 'HS256', typ: 'JWT' });
  const payload = valid.split('.')[1]!;
  return {
    'signed with another key': await new DevTokenIssuer(foreignPem, ISSUER, ORIGIN).issue(victim),
    expired: await ours.issue(victim, -120),
    'for another site (wrong azp)': await new DevTokenIssuer(pem, ISSUER, 'https://evil.example').issue(victim),
    'from another issuer': await new DevTokenIssuer(pem, 'queuetix-dev:https://evil.example', ORIGIN).issue(victim),
    'not valid yet (nbf in an hour)': await signed({}, (jwt) =>
      jwt
        .setSubject(victim.id)
        .setNotBefore(now + 3600)
        .setExpirationTime(now + 7200),
    ),
    'subject that is not an id': await signed({}, (jwt) =>
      jwt
        .setSubject('../../admin')
        .setNotBefore(now - 5)
        .setExpirationTime(now + 3600),
    ),
    'without a subject': await signed({}, (jwt) => jwt.setNotBefore(now - 5).setExpirationTime(now + 3600)),
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    'HS256 keyed with the public key': `${hsHeader}.${payload}.${createHmac('sha256', publicPem).update(`${hsHeader}.${payload}`).digest('base64url')}`,
    "someone else's claims under a valid signature": `${header}.${otherPayload}.${signature}`,
    'signature stripped': `${header}.${payload}.`,
    'far too long': 'a'.repeat(9_000),
    garbage: 'not-a-jwt',
  };
}

/** Connects a socket with `token`; resolves with the refusal, or 'connected' if it was let in. */
function socketVerdict(url: string, token: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, timeout: 5_000 });
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
      socket.close();
      resolve(err.data?.code ?? err.message);
    });
  });
}

/**
 * Forged, expired, wrong-audience, wrong-issuer and tampered tokens: 401 unauthenticated on every
 * HTTP route and a refused socket handshake; nothing changes under the victim's name.
 */
describe('hostile input: forged, expired and wrong-audience tokens', function () {
  this.timeout(180_000);
  let world: World;
  let initial: string;

  before(async () => {
    world = await hostileWorld();
    initial = await world.fingerprint();
  });
  afterEach(async () => {
    expect(await world.fingerprint(), 'state after bad tokens').to.equal(initial);
    expect((await world.anonymous.get('/api/health')).status).to.equal(200);
  });

  it('answers 401 to each bad token on every endpoint that needs a sign-in, and refuses it on the socket', async () => {
    for (const [kind, token] of Object.entries(await badTokens(world))) {
      const as = world.anonymous.as(token);
      for (const e of needingSignIn) {
        countTried('tokens');
        expectDocumented4xx(await as.request(methodOf(e), worldPath(e, world), jsonBodyOf(e)?.example), [401], `${kind}: ${nameOf(e)}`);
      }
      expect(await socketVerdict(world.backend.url, token), `${kind} on the socket`).to.equal('unauthenticated');
    }
  });

  it('tells an expired session apart from a forged one', async () => {
    const tokens = await badTokens(world);
    expect((await world.anonymous.as(tokens.expired).get('/api/me')).body.error.message).to.match(/expired/i);
    expect((await world.anonymous.as(tokens['signed with another key']).get('/api/me')).body.error.message).to.not.match(/expired/i);
  });

  it('answers 401 to a valid token with any one character changed', async () => {
    const token = world.paid.token;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    const decoded = (t: string) =>
      t
        .split('.')
        .map((part) => Buffer.from(part, 'base64url').toString('hex'))
        .join('.');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.constantFrom(...alphabet), async (index, char) => {
        const mutated = token.slice(0, index) + char + token.slice(index + 1);
        // Some characters only carry padding bits: the same bytes are the same token.
        fc.pre(decoded(mutated) !== decoded(token) && mutated.split('.').length === 3);
        countTried('tokens');
        expectDocumented4xx(await world.anonymous.as(mutated).get('/api/me'), [401], `mutated at ${index}`);
      }),
      { numRuns: hostileRuns },
    );
  });

  it('answers 401 to malformed Authorization headers', async () => {
    const headers = fc.oneof(
      fc.stringMatching(/^[\x21-\x7e ]{0,60}$/).map((s) => `Bearer ${s}`),
      fc.constantFrom(
        'Bearer',
        'Bearer ',
        `Basic ${Buffer.from('a:b').toString('base64')}`,
        `Bearer ${world.paid.token} ${world.paid.token}`,
        'Token abc',
        'Bearer\tabc',
      ),
    );
    await fc.assert(
      fc.asyncProperty(headers, async (authorization) => {
        countTried('tokens');
        const res = await world.anonymous.request('GET', '/api/me', undefined, { authorization });
        expectDocumented4xx(res, [401], JSON.stringify(authorization));
      }),
      { numRuns: hostileRuns },
    );
  });
});

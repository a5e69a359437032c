import { expect } from 'chai';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { verifyToken } from '@clerk/backend';
import fc from 'fast-check';
import { PreparedKey } from '../../backend/src/auth/prepared-key.js';
import { TokenVerifier } from '../../backend/src/auth/token-verifier.js';

/**
 * The key imported once must agree with @clerk/backend's verifyToken: it may only accept what
 * verifyToken accepts (with the same claims), and whatever it declines goes to verifyToken, so the
 * TokenVerifier's refusals stay verifyToken's.
 */
const ISSUER = 'https://clerk.example.test';
const AZP = 'https://shop.example.test';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

function jwt(privateKey: KeyObject, header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const head = `${b64(header)}.${b64(payload)}`;
  return `${head}.${sign('RSA-SHA256', Buffer.from(head), privateKey).toString('base64url')}`;
}

type Outcome = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

async function clerk(token: string, jwtKey: string): Promise<Outcome> {
  try {
    return { ok: true, claims: await verifyToken(token, { jwtKey, authorizedParties: [AZP], issuer: ISSUER }) };
  } catch (err) {
    return { ok: false, reason: String((err as { reason?: string }).reason) };
  }
}

describe('auth: the key imported once agrees with verifyToken', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwtKey = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const prepared = new PreparedKey(jwtKey, [AZP], ISSUER);
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (over: Record<string, unknown> = {}) => ({
    sub: 'user_1',
    sid: 'sess_1',
    azp: AZP,
    iss: ISSUER,
    iat: now() - 10,
    nbf: now() - 10,
    exp: now() + 600,
    ...over,
  });
  const header = { alg: 'RS256', typ: 'JWT', kid: 'ins_1' };

  // Tokens are made when each case runs, not when the file loads: mocha loads every file of the run
  // first, and a token made then would have expired by the time a long run reaches these cases.
  const cases: Array<[string, () => string, string | null]> = [
    ['a valid session token', () => jwt(privateKey, header, claims()), null],
    ['a token without typ', () => jwt(privateKey, { alg: 'RS256' }, claims()), null],
    ['a token expired a second ago (within the 5 s skew)', () => jwt(privateKey, header, claims({ exp: now() - 1 })), null],
    ['an expired token', () => jwt(privateKey, header, claims({ exp: now() - 60 })), 'token-expired'],
    ['a token of another issuer', () => jwt(privateKey, header, claims({ iss: 'https://clerk.other.test' })), 'token-invalid-issuer'],
    ['a token for another site (azp)', () => jwt(privateKey, header, claims({ azp: 'https://evil.test' })), 'token-invalid-authorized-parties'],
    ['a token without azp', () => jwt(privateKey, header, claims({ azp: undefined })), 'token-invalid-authorized-parties'],
    ['a token signed by another key', () => jwt(other, header, claims()), 'token-invalid-signature'],
    ['a token whose payload was changed after signing', () => tamper(jwt(privateKey, header, claims())), 'token-invalid-signature'],
    ['a token not valid before a minute from now (nbf)', () => jwt(privateKey, header, claims({ nbf: now() + 60 })), 'token-not-active-yet'],
    ['a token issued in the future (iat)', () => jwt(privateKey, header, claims({ iat: now() + 60 })), 'token-iat-in-the-future'],
    ['a token without subject', () => jwt(privateKey, header, claims({ sub: undefined })), 'token-verification-failed'],
    ['a token with a non-numeric exp', () => jwt(privateKey, header, claims({ exp: 'soon' })), 'token-verification-failed'],
    ['a token with typ at+jwt', () => jwt(privateKey, { ...header, typ: 'at+jwt' }, claims()), 'token-invalid'],
    ['a machine token (cat)', () => jwt(privateKey, { ...header, cat: 'cl_B7d4PD333AAA' }, claims()), 'token-invalid'],
    ['an HS256 token', () => `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims())}.${b64('x')}`, 'token-invalid-algorithm'],
    ['an RS512 token', () => jwt(privateKey, { ...header, alg: 'RS512' }, claims()), 'token-verification-failed'],
    ['two segments', () => `${b64(header)}.${b64(claims())}`, 'token-invalid'],
    ['garbage', () => 'not a token at all', 'token-invalid'],
  ];
  for (const [name, makeToken, reason] of cases) {
    it(`${name}: ${reason === null ? 'accepted by both, same claims' : `declined, verifyToken says ${reason}`}`, async () => {
      const token = makeToken();
      const expected = await clerk(token, jwtKey);
      expect(expected.ok ? null : expected.reason, 'verifyToken itself').to.equal(reason);
      const fast = prepared.claims(token);
      if (reason === null) expect(fast).to.deep.equal((expected as { claims: unknown }).claims);
      else expect(fast).to.equal(undefined);
    });
  }

  it('never accepts what verifyToken refuses, over random claims and times', async () => {
    const offset = fc.integer({ min: -120, max: 120 });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          exp: offset,
          nbf: fc.option(offset, { nil: undefined }),
          iat: fc.option(offset, { nil: undefined }),
          azp: fc.constantFrom(AZP, 'https://evil.test', '', undefined),
          iss: fc.constantFrom(ISSUER, 'https://clerk.other.test', undefined),
          sub: fc.constantFrom('user_2', '', undefined, 7),
          typ: fc.constantFrom('JWT', undefined, 'jwt'),
          signer: fc.constantFrom('ours', 'other'),
        }),
        async (c) => {
          const t = now();
          const token = jwt(
            c.signer === 'ours' ? privateKey : other,
            { alg: 'RS256', ...(c.typ ? { typ: c.typ } : {}) },
            {
              sub: c.sub,
              azp: c.azp,
              iss: c.iss,
              exp: t + c.exp,
              nbf: c.nbf === undefined ? undefined : t + c.nbf,
              iat: c.iat === undefined ? undefined : t + c.iat,
            },
          );
          const expected = await clerk(token, jwtKey);
          const fast = prepared.claims(token);
          if (fast !== undefined) expect(expected).to.deep.equal({ ok: true, claims: fast });
          // Away from the skew's edges, whatever verifyToken accepts goes the fast way too.
          const nearEdge = [c.exp, c.nbf, c.iat].some((o) => o !== undefined && Math.abs(Math.abs(o) - 5) <= 1);
          if (expected.ok && !nearEdge) expect(fast, 'accepted by verifyToken but not by the imported key').to.not.equal(undefined);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('TokenVerifier answers every refusal with the message verifyToken’s reason gives', async () => {
    const verifier = new TokenVerifier({ jwtKey, authorizedParties: [AZP], issuer: ISSUER });
    const refusal = (token: string) =>
      verifier.verify(token).then(
        () => 'accepted',
        (err: Error) => err.message,
      );
    expect(await refusal(jwt(privateKey, header, claims({ exp: now() - 60 })))).to.equal('Your session expired; sign in again');
    for (const token of [
      jwt(other, header, claims()),
      jwt(privateKey, header, claims({ azp: 'https://evil.test' })),
      jwt(privateKey, header, claims({ nbf: now() + 60 })),
    ]) {
      expect(await refusal(token)).to.equal('Invalid session token; sign in again');
    }
    expect(await verifier.verify(jwt(privateKey, header, claims({ sub: 'user_ok', name: 'Ok' })))).to.include({ userId: 'user_ok', name: 'Ok' });
  });
});

/** Re-encodes the payload with another subject, keeping the original signature. */
function tamper(token: string): string {
  const [h, p, s] = token.split('.');
  return `${h}.${b64({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: 'user_admin' })}.${s}`;
}

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createChallenge } from 'altcha-lib/v1';
import type { Config } from '../config.js';
import type { PowChallenge } from '@queuetix/contracts/pow';
import { ProofRequired } from '../errors.js';
import type { EventService } from '../events/event-service.js';
import type { Logger } from '../logger.js';
import { PowPolicy } from './pow-policy.js';
import { UsedProofs } from './used-proofs.js';

/**
 * Proof-of-work on join (docs/fairness.md): ALTCHA challenges (altcha-lib, v1 format) bound to the
 * buyer, the event and a validity window; a proof is accepted once.
 */
export class ProofOfWork {
  readonly policy: PowPolicy;
  private readonly used: UsedProofs;
  private readonly hmacKey: string;

  constructor(
    private readonly config: Pick<
      Config,
      'POW_HMAC_KEY' | 'CLUSTER_SECRET' | 'POW_MAX_NUMBER' | 'POW_CHALLENGE_TTL_SEC' | 'POW_AUTO_WAITING' | 'POW_AUTO_JOINS_PER_SEC'
    >,
    events: EventService,
    log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.hmacKey = hmacKeyOf(config, log);
    this.used = new UsedProofs(now);
    this.policy = new PowPolicy(events, { autoWaiting: config.POW_AUTO_WAITING, autoJoinsPerSec: config.POW_AUTO_JOINS_PER_SEC }, now);
  }

  async challenge(eventId: string, userId: string): Promise<PowChallenge> {
    const expires = new Date(this.now() + this.config.POW_CHALLENGE_TTL_SEC * 1000);
    const made = await createChallenge({ hmacKey: this.hmacKey, maxNumber: this.config.POW_MAX_NUMBER, expires, params: { e: eventId, u: userId } });
    return {
      algorithm: 'SHA-256',
      challenge: made.challenge,
      maxnumber: made.maxnumber ?? this.config.POW_MAX_NUMBER,
      salt: made.salt,
      signature: made.signature,
      // altcha stores whole seconds: the proof is valid until then.
      expiresAt: new Date(Math.floor(expires.getTime() / 1000) * 1000).toISOString(),
      required: await this.policy.required(eventId),
    };
  }

  /** Throws ProofRequired unless the join needs no proof or `proof` is valid, fresh, this buyer's for this event, and unused. */
  async checkJoin(eventId: string, userId: string, proof: string | undefined): Promise<void> {
    this.policy.noteJoin(eventId);
    if (!(await this.policy.required(eventId))) return;
    if (!proof) throw new ProofRequired('This event asks for a proof of work before joining: get a challenge from /queue/challenge and solve it', 'missing');
    const payload = parsePayload(proof);
    if (!payload) throw new ProofRequired('The proof of work is malformed', 'invalid');
    const params = new URLSearchParams(payload.salt.split('?')[1] ?? '');
    const expiresAt = Number(params.get('expires')) * 1000;
    if (!Number.isFinite(expiresAt) || expiresAt <= this.now()) throw new ProofRequired('The proof of work has expired: solve a new challenge', 'expired');
    if (params.get('e') !== eventId || params.get('u') !== userId) throw new ProofRequired('The proof of work was made for another buyer or event', 'invalid');
    if (!this.isSolved(payload)) throw new ProofRequired('The proof of work is not valid', 'invalid');
    if (!this.used.use(payload.signature, expiresAt)) throw new ProofRequired('This proof of work was already used: solve a new challenge', 'replayed');
  }

  /**
   * ALTCHA v1's check (altcha-lib verifySolution), done with node:crypto synchronously: the
   * library's WebCrypto path costs hundreds of µs per join, this one a few.
   */
  private isSolved(p: AltchaPayload): boolean {
    const challenge = createHash('sha256')
      .update(p.salt + p.number)
      .digest('hex');
    const signature = createHmac('sha256', this.hmacKey).update(challenge).digest('hex');
    return challenge === p.challenge && sameText(signature, p.signature);
  }
}

interface AltchaPayload {
  algorithm: string;
  challenge: string;
  number: number;
  salt: string;
  signature: string;
}

function parsePayload(proof: string): AltchaPayload | null {
  try {
    const p = JSON.parse(Buffer.from(proof, 'base64').toString('utf8')) as Partial<AltchaPayload>;
    const ok =
      p.algorithm === 'SHA-256' &&
      typeof p.challenge === 'string' &&
      Number.isSafeInteger(p.number) &&
      p.number! >= 0 &&
      typeof p.salt === 'string' &&
      typeof p.signature === 'string';
    return ok ? (p as AltchaPayload) : null;
  } catch {
    return null;
  }
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The key must be shared by every instance (a challenge from one is checked by another). */
function hmacKeyOf(config: Pick<Config, 'POW_HMAC_KEY' | 'CLUSTER_SECRET'>, log: Logger): string {
  if (config.POW_HMAC_KEY) return config.POW_HMAC_KEY;
  if (config.CLUSTER_SECRET) return createHmac('sha256', config.CLUSTER_SECRET).update('queuetix proof-of-work key').digest('hex');
  log.warn('POW_HMAC_KEY is not set: proof-of-work challenges use a key of this process only (set it when running several instances)');
  return randomBytes(32).toString('hex');
}

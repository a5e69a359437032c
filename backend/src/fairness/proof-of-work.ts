import { createHmac, randomBytes } from 'node:crypto';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { Config } from '../config.js';
import type { PowChallenge } from '../contracts/pow.js';
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
    private readonly config: Pick<Config, 'POW_HMAC_KEY' | 'CLUSTER_SECRET' | 'POW_MAX_NUMBER' | 'POW_CHALLENGE_TTL_SEC' | 'POW_AUTO_WAITING' | 'POW_AUTO_JOINS_PER_SEC'>,
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
    let params: Record<string, string>;
    let signature: string;
    try {
      const payload = JSON.parse(Buffer.from(proof, 'base64').toString('utf8')) as { signature?: unknown };
      params = extractParams(proof);
      signature = String(payload.signature);
    } catch {
      throw new ProofRequired('The proof of work is malformed', 'invalid');
    }
    const expiresAt = Number(params.expires) * 1000;
    if (!Number.isFinite(expiresAt) || expiresAt <= this.now()) throw new ProofRequired('The proof of work has expired: solve a new challenge', 'expired');
    if (params.e !== eventId || params.u !== userId) throw new ProofRequired('The proof of work was made for another buyer or event', 'invalid');
    if (!(await verifySolution(proof, this.hmacKey, false))) throw new ProofRequired('The proof of work is not valid', 'invalid');
    if (!this.used.use(signature, expiresAt)) throw new ProofRequired('This proof of work was already used: solve a new challenge', 'replayed');
  }
}

/** The key must be shared by every instance (a challenge from one is checked by another). */
function hmacKeyOf(config: Pick<Config, 'POW_HMAC_KEY' | 'CLUSTER_SECRET'>, log: Logger): string {
  if (config.POW_HMAC_KEY) return config.POW_HMAC_KEY;
  if (config.CLUSTER_SECRET) return createHmac('sha256', config.CLUSTER_SECRET).update('queuetix proof-of-work key').digest('hex');
  log.warn('POW_HMAC_KEY is not set: proof-of-work challenges use a key of this process only (set it when running several instances)');
  return randomBytes(32).toString('hex');
}

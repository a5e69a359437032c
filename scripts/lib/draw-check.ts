/**
 * An independent check of a published draw record (docs/fairness.md), written from the document
 * and not from the server's code, so the two must agree for a draw to verify.
 */
import { createHash, createHmac } from 'node:crypto';
import { lotteryOrder } from '../../backend/src/queue/core/lottery.js';

export interface PublishedDraw {
  status: 'none' | 'committed' | 'drawn';
  algorithm: string | null;
  commitment: string | null;
  committedAt: string | null;
  drawnAt: string | null;
  seed: string | null;
  list: string[] | null;
  listHash: string | null;
  order: string[] | null;
}

export interface DrawCheck {
  verified: boolean;
  steps: { step: string; ok: boolean; detail?: string }[];
}

const sha256hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** The v1 order recomputed from (seed, list). */
export function recomputeV1(seed: string, list: string[]): { listHash: string; order: string[] } {
  const listHash = sha256hex(Buffer.from(list.join('\n'), 'utf8'));
  const key = Buffer.from(seed, 'hex');
  const words: number[] = [];
  let counter = 0;
  const word = () => {
    if (words.length === 0) {
      const block = createHmac('sha256', key).update(`queuetix-draw-v1:${listHash}:${counter}`).digest();
      counter += 1;
      for (let k = 0; k < 8; k++) words.push(block.readUInt32BE(4 * k));
    }
    return words.shift()!;
  };
  const order = [...list];
  for (let i = order.length - 1; i > 0; i--) {
    const span = i + 1;
    const below = Math.floor(2 ** 32 / span) * span;
    let u = word();
    while (u >= below) u = word();
    const j = u % span;
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return { listHash, order };
}

export function checkDraw(draw: PublishedDraw): DrawCheck {
  const steps: DrawCheck['steps'] = [];
  const add = (step: string, ok: boolean, detail?: string) => steps.push({ step, ok, ...(detail ? { detail } : {}) });
  if (draw.status !== 'drawn' || !draw.seed || !draw.list || !draw.order) {
    add('the draw has been made and its seed revealed', false, `status is ${draw.status}`);
    return { verified: false, steps };
  }
  const { seed, list, order } = draw;
  if (draw.algorithm === 'queuetix-draw-v1') {
    add('the seed is 32 bytes in hex', /^[0-9a-f]{64}$/.test(seed));
    add('SHA-256(seed) equals the published commitment', draw.commitment === sha256hex(Buffer.from(seed, 'hex')));
    const before = draw.committedAt && draw.drawnAt && Date.parse(draw.committedAt) <= Date.parse(draw.drawnAt);
    add('the commitment was published before the draw', Boolean(before), `committed ${draw.committedAt}, drawn ${draw.drawnAt}`);
    const recomputed = recomputeV1(seed, list);
    add('SHA-256 of the list equals the published listHash', recomputed.listHash === draw.listHash);
    add('the order recomputed from (seed, listHash) equals the published order', JSON.stringify(recomputed.order) === JSON.stringify(order));
  } else if (draw.algorithm === 'server-seeded-v0') {
    add('server-seeded (before commitments): no commitment to check; the seed was chosen by the server at the draw', true);
    add(
      'the order recomputed from the seed (cyrb128 → sfc32 → Fisher–Yates) equals the published order',
      JSON.stringify(lotteryOrder(seed, list)) === JSON.stringify(order),
    );
  } else {
    add('a known algorithm', false, String(draw.algorithm));
  }
  return { verified: steps.every((s) => s.ok), steps };
}

/**
 * Recomputes a published draw in the browser with WebCrypto (docs/fairness.md, queuetix-draw-v1),
 * from the published data only, step by step, so a buyer need not trust our server's arithmetic.
 */
import type { DrawRecord } from '@queuetix/contracts';

export interface DrawStep {
  title: string;
  ok: boolean;
  detail: string;
}

const subtle = () => globalThis.crypto.subtle;
const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);
const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
function fromHex(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}
export const sha256Hex = async (data: Uint8Array<ArrayBuffer>) => hex(await subtle().digest('SHA-256', data));

/** The pseudonym of an entry id, as the server publishes it. */
export const pseudonymOf = (entryId: string) => sha256Hex(utf8(`queuetix-draw-v1:entry:${entryId}`));

/** The list in drawn order: Fisher–Yates driven by HMAC-SHA-256(seed, "queuetix-draw-v1:" + listHash + ":" + k). */
export async function recomputeOrder(seed: string, listHash: string, list: string[]): Promise<string[]> {
  const key = await subtle().importKey('raw', fromHex(seed), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  let words: number[] = [];
  let counter = 0;
  const next = async () => {
    if (words.length === 0) {
      const block = new DataView(await subtle().sign('HMAC', key, utf8(`queuetix-draw-v1:${listHash}:${counter++}`)));
      words = Array.from({ length: 8 }, (_, k) => block.getUint32(4 * k));
    }
    return words.shift()!;
  };
  const order = list.slice();
  for (let i = order.length - 1; i > 0; i--) {
    const m = i + 1;
    const limit = 2 ** 32 - (2 ** 32 % m);
    let u = await next();
    while (u >= limit) u = await next();
    const j = u % m;
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Every check of a drawn, committed record; all must hold for the draw to be the one committed to. */
export async function verifyDraw(draw: DrawRecord): Promise<DrawStep[]> {
  const { seed, list, order, commitment, listHash } = draw;
  if (draw.status !== 'drawn' || !seed || !list || !order || !listHash) return [];
  const steps: DrawStep[] = [];
  const committedBefore = !!draw.committedAt && !!draw.drawnAt && Date.parse(draw.committedAt) <= Date.parse(draw.drawnAt);
  steps.push({
    title: 'The commitment was published before the draw',
    ok: !!commitment && committedBefore,
    detail: `committed ${draw.committedAt ?? '—'}, drawn ${draw.drawnAt ?? '—'}`,
  });
  const seedHash = /^[0-9a-f]{64}$/.test(seed) ? await sha256Hex(fromHex(seed)) : 'not a 32-byte hex seed';
  steps.push({ title: 'SHA-256 of the revealed seed equals the commitment', ok: seedHash === commitment, detail: `SHA-256(seed) = ${seedHash}` });
  const computedListHash = await sha256Hex(utf8(list.join('\n')));
  steps.push({
    title: `SHA-256 of the list of ${list.length} early entries equals the published list hash`,
    ok: computedListHash === listHash,
    detail: computedListHash,
  });
  const recomputed = seedHash === commitment ? await recomputeOrder(seed, computedListHash, list) : [];
  steps.push({
    title: 'The order recomputed here from (seed, list hash) equals the published order',
    ok: same(recomputed, order),
    detail: `${recomputed.length} places recomputed with HMAC-SHA-256 and Fisher–Yates`,
  });
  return steps;
}

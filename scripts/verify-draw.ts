/**
 * Verifies an event's early-arrival draw from the public API alone:
 *   npx tsx scripts/verify-draw.ts <baseUrl> <eventId>
 * Exit code 0 when every step holds, 1 when one does not, 2 on a usage or network error.
 */
import { checkDraw, type PublishedDraw } from './lib/draw-check.js';

async function main(): Promise<number> {
  const [baseUrl, eventId] = process.argv.slice(2);
  if (!baseUrl || !eventId) {
    console.error('usage: npx tsx scripts/verify-draw.ts <baseUrl> <eventId>');
    return 2;
  }
  const res = await fetch(new URL(`/api/events/${encodeURIComponent(eventId)}/draw`, baseUrl));
  if (!res.ok) {
    console.error(`GET draw: HTTP ${res.status} ${await res.text()}`);
    return 2;
  }
  const draw = (await res.json()) as PublishedDraw;
  const { verified, steps } = checkDraw(draw);
  for (const { step, ok, detail } of steps) console.log(`${ok ? '✔' : '✘'} ${step}${detail ? ` (${detail})` : ''}`);
  console.log(verified ? `VERIFIED: the draw of ${eventId} is the one committed to` : `NOT VERIFIED: the draw of ${eventId}`);
  return verified ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);

/**
 * The V8 settings every backend process is started with: scripts/start.ts, the Dockerfile's CMD
 * (which must repeat them literally; test/deploy/compose.test.ts checks it) and the benches, so
 * that what is measured is what runs.
 *
 * A larger young generation. Nearly everything a join or a push allocates (the request, its JSON,
 * the reply, the socket frames) is garbage a few milliseconds later. With Node's default semi-space
 * (16 MB, and only ~6 MB under the container's --max-old-space-size=768, since V8 sizes it from the
 * old generation) a rush fills the young generation every few milliseconds, and each scavenge also
 * copies whatever is still in flight at that moment, so the same requests get copied again and again
 * and some get promoted to the old generation, to be collected by the costly full GC later.
 * At 64 MB scavenges are four times rarer and most of that short-lived data is dead by the next one.
 * Measured (`npm run bench -- queue-http`, three pairs of runs back to back on one machine): backend
 * CPU per warm join 129–144 → 119–128 µs, per join with a token never seen 223–238 → 196–211 µs,
 * p99 at a fixed 5,000 joins/s 63–79 → 45–47 ms; RSS after 40,000 joins +75 MB (416 → 493 MB).
 */
export const BACKEND_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

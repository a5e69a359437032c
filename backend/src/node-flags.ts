/**
 * The V8 settings every backend process is started with: scripts/start.ts, the Dockerfile's CMD
 * (which must repeat them literally; test/deploy/compose.test.ts checks it) and the benches, so
 * that what is measured is what runs.
 *
 * A larger young generation. Nearly everything a join or a push allocates (the request, its JSON,
 * the reply, the socket frames) is garbage a few milliseconds later. With Node 20's default
 * semi-space of 16 MB (a heap limit such as the container's --max-old-space-size=768 leaves it as
 * it is) a rush fills the young generation every few milliseconds, and each scavenge also copies
 * whatever is still in flight at that moment, so the same requests get copied again and again and
 * some get promoted to the old generation, to be collected by the costly full GC later. V8 grows a
 * semi-space up to this limit only while much survives its scavenges, as in a rush; a quiet process
 * keeps its small one.
 * Measured (`npm run bench -- queue-http`, three pairs of runs back to back on one machine): backend
 * CPU per warm join 129–144 → 119–128 µs, per join with a token never seen 223–238 → 196–211 µs,
 * p99 at a fixed 5,000 joins/s 63–79 → 45–47 ms; RSS after 40,000 joins +75 MB (416 → 493 MB).
 */
export const BACKEND_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

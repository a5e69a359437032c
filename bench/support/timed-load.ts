import autocannon from 'autocannon';

/** An autocannon result (its typings are ours: bench/support/autocannon.d.ts) and how long the load really took. */
export interface TimedLoad {
  result: any;
  /** From the start to the last answer. */
  seconds: number;
}

/**
 * Runs autocannon and times it from the start to the last answer. autocannon's own `duration`
 * (and any clock read after its promise settles) ends at its next whole-second tick: a run of a
 * fixed `amount` of requests that took 7.1 s reads 8 s, which understated joins/s by up to a
 * second's worth (12% of an 8 s run) and quantised the rates (40,000 joins read 4,988/s or 5,698/s,
 * nothing between). A run of a fixed `duration` ends on its tick anyway, so both sides of a
 * ratio are timed the same way.
 */
export async function timedLoad(opts: Record<string, unknown>): Promise<TimedLoad> {
  const started = performance.now();
  let lastAnswerAt = started;
  const run = autocannon(opts);
  run.on('response', () => {
    lastAnswerAt = performance.now();
  });
  const result = await run;
  return { result, seconds: Math.max(0.001, (lastAnswerAt - started) / 1000) };
}

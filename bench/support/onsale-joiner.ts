/**
 * Child process of the on-sale bench: the load generator (autocannon, closed loop, no pipelining).
 * `join` mode: every buyer joins once, as fast as the server answers; offered buyers are reported
 * at once on stdout so the bench can pay for them. `bare` mode: the same load on the bare Koa
 * baseline for a fixed time.
 */
import { readTokens } from './onsale-tokens.js';
import { timedLoad } from './timed-load.js';
import { quantityOf, type ChildMessage } from './onsale-plan.js';

/** Waiting buyers this close to the front are reported, so their later offers get paid. */
const FRONT_OF_LINE = 200;
const send = (message: ChildMessage) => process.stdout.write(`${JSON.stringify(message)}\n`);
const [mode, url, ...rest] = process.argv.slice(2);
const connections = Number(process.env.ONSALE_CONNECTIONS ?? 100);

if (mode === 'bare') {
  const { result, seconds } = await timedLoad({
    url: `${url}/api/events/bare/queue`,
    connections,
    pipelining: 1,
    duration: Number(rest[0] ?? 10),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ quantity: 1 }),
  });
  send({
    t: 'done',
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    total: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  });
} else {
  const [eventId, tokensFile, countText] = rest;
  const tokens = readTokens(tokensFile!);
  const count = Math.min(Number(countText), tokens.length);
  const bucketMs = 250;
  const timeline: number[] = [];
  const errors: Record<string, number> = {};
  let next = 0;
  let offers = 0;
  const started = Date.now();
  const { result, seconds } = await timedLoad({
    url: `${url}/api/events/${eventId}/queue`,
    connections,
    pipelining: 1,
    amount: count,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>) => {
          const i = next++ % count;
          return {
            ...req,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
            body: JSON.stringify({ quantity: quantityOf(i) }),
          };
        },
        onResponse: (status: number, body: string) => {
          const bucket = Math.floor((Date.now() - started) / bucketMs);
          while (timeline.length <= bucket) timeline.push(0);
          if (status === 201 || status === 200) {
            timeline[bucket]! += 1;
            if (body.includes('"status":"offered"')) {
              const entry = JSON.parse(body);
              offers += 1;
              send({ t: 'offer', i: Number(String(entry.userId).split('_').pop()), entry });
            } else if (body.includes('"status":"waiting"')) {
              // The front of the line: these buyers may be offered later (see Payers.waiting).
              const entry = JSON.parse(body);
              if (entry.position <= FRONT_OF_LINE) send({ t: 'waiting', i: Number(String(entry.userId).split('_').pop()) });
            }
          } else {
            let code = '';
            try {
              code = JSON.parse(body)?.error?.code ?? '';
            } catch {
              /* not JSON */
            }
            const key = `${status}${code ? ` ${code}` : ''}`;
            errors[key] = (errors[key] ?? 0) + 1;
          }
        },
      },
    ],
  });
  if (result.errors + result.timeouts > 0) errors['no answer (socket error or timeout)'] = result.errors + result.timeouts;
  send({
    t: 'done',
    startedAt: started,
    seconds,
    total: result.requests.total,
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    offers,
    errors,
    bucketMs,
    timeline,
  });
}
// A pipe is written asynchronously: exit once everything above is out.
process.stdout.write('', () => process.exit(0));

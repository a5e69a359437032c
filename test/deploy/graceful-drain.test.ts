import http from 'node:http';
import { expect } from 'chai';
import { LiveClient } from '../realtime/live-client.js';
import { startBackend, type Backend } from '../support/backend.js';

/**
 * A POST whose body is held back: it resolves `accepted` once the server has taken the request
 * (it answered 100 Continue, which Node does right before handing the request to the app), and
 * `send` delivers the body, after which `answer` resolves with the server's reply.
 */
function requestAwaitingBody(baseUrl: string, path: string) {
  const req = http.request(`${baseUrl}${path}`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', expect: '100-continue' } });
  const accepted = new Promise<void>((resolve) => req.once('continue', () => resolve()));
  const answer = new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.once('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }));
    });
  });
  answer.catch(() => undefined); // observed by the test that expects it to fail
  req.flushHeaders();
  return { accepted, answer, send: (body: unknown) => req.end(JSON.stringify(body)) };
}

/** Polls with real requests until the server answers health with 503 (the signal is handled asynchronously). */
async function healthWhenDraining(url: string): Promise<Response> {
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`${url}/api/health`);
    if (res.status === 503) return res;
    await res.arrayBuffer();
  }
  throw new Error('health never answered 503 after SIGTERM');
}

const exitOf = (backend: Backend) => new Promise<number | null>((resolve) => backend.process.once('exit', (code) => resolve(code)));

/** SIGTERM drains: health and new requests answer 503 at once, requests in flight finish, sockets reconnect elsewhere. */
describe('deploy: graceful drain on SIGTERM', function () {
  this.timeout(60_000);

  it('answers a request in flight at SIGTERM, refuses new ones with 503 and Retry-After, drops sockets, then exits 0', async () => {
    const backend = await startBackend({ label: 'drain', env: { SHUTDOWN_GRACE_MS: '30000' } });
    const inFlight = requestAwaitingBody(backend.url, '/api/dev/sign-in');
    await inFlight.accepted;
    const live = await LiveClient.connect(backend.url);
    const socketGone = new Promise<string>((resolve) => live.socket.once('disconnect', (reason) => resolve(reason)));
    const exited = exitOf(backend);

    backend.process.kill('SIGTERM');

    const health = await healthWhenDraining(backend.url);
    expect(health.headers.get('retry-after')).to.match(/^\d+$/);
    expect((await health.json()).ok).to.equal(false);
    // A transport close (not a server-side "io server disconnect"): socket.io clients reconnect by themselves, through the balancer.
    expect(await socketGone).to.equal('transport close');
    const reconnect = await LiveClient.connect(backend.url).then(
      (client) => (client.socket.close(), 'accepted'),
      (err: Error) => err.message,
    );
    expect(reconnect, 'a socket is not accepted by a draining server').to.not.equal('accepted');
    const refused = await fetch(`${backend.url}/api/events`);
    expect(refused.status).to.equal(503);
    expect(Number(refused.headers.get('retry-after'))).to.be.at.least(1);
    expect((await refused.json()).error.code).to.equal('unavailable');

    // Still waiting for the request that was in flight: only its answer lets the process go.
    expect(backend.process.exitCode).to.equal(null);
    inFlight.send({ name: 'Just In Time', role: 'buyer' });
    const answer = await inFlight.answer;
    expect(answer.status).to.equal(200);
    expect(answer.body.user.name).to.equal('Just In Time');
    expect(answer.body.token).to.be.a('string');
    expect(await exited).to.equal(0);
  });

  it('cuts off a request that outlasts SHUTDOWN_GRACE_MS and exits anyway', async () => {
    const backend = await startBackend({ label: 'drain-grace', env: { SHUTDOWN_GRACE_MS: '300' } });
    const stuck = requestAwaitingBody(backend.url, '/api/dev/sign-in');
    await stuck.accepted;
    const exited = exitOf(backend);
    backend.process.kill('SIGTERM');
    expect(await exited).to.equal(0);
    let failure: unknown;
    await stuck.answer.catch((err: unknown) => (failure = err));
    expect(failure, 'the stuck request was cut off').to.be.instanceOf(Error);
  });
});

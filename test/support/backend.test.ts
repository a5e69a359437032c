import { expect } from 'chai';
import { startBackend, StartTimeout } from './backend.js';

/** Whether a process with this id exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

describe('test support: startBackend', () => {
  it('kills a backend that does not listen within its start timeout, and says so', async () => {
    // 50 ms: node has not even loaded tsx by then, so the start always times out.
    const failure = await startBackend({ label: 'too-slow', startTimeoutMs: 50 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).to.be.instanceOf(StartTimeout);
    const { pid, message } = failure as StartTimeout;
    expect(message).to.match(/did not start within 0\.05 s; killed it/);
    expect(pid).to.be.a('number');
    expect(alive(pid!), `backend process ${pid} still running`).to.equal(false);
  });
});

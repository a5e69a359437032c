import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { Api } from '../support/api.js';
import { startBackend, type Backend } from '../support/backend.js';
import { createEvent } from '../support/fixtures.js';
import { repoRoot } from '../support/paths.js';

const run = promisify(execFile);

/** Production runs the compiled JavaScript under plain node: `npm run build -w backend` must give a backend that works. */
describe('deploy: the built backend', function () {
  this.timeout(180_000);
  let backend: Backend | undefined;
  after(() => backend?.stop());

  it('builds backend/dist with tsc and runs it with plain node (no tsx): health, sign-in, an event, the OpenAPI document', async () => {
    await run('npm', ['run', 'build', '-w', '@queuetix/contracts', '-w', 'backend'], { cwd: repoRoot });
    const entry = path.join(repoRoot, 'backend/dist/main.js');
    expect(existsSync(entry), 'backend/dist/main.js').to.equal(true);
    expect(existsSync(path.join(repoRoot, 'packages/contracts/dist/index.js')), 'packages/contracts/dist/index.js').to.equal(true);

    // As the image runs it (Dockerfile CMD): the contracts resolve to their compiled dist/.
    backend = await startBackend({ label: 'built', entry: ['--conditions=built', entry] });
    const api = new Api(backend.url);
    expect((await api.get('/api/health')).body).to.deep.equal({ ok: true, db: 'up' });
    const seller = (await api.signIn('Built Seller', 'seller')).api;
    const event = await createEvent(seller);
    expect((await api.get(`/api/events/${event.id}`)).body.name).to.equal(event.name);
    expect((await api.get('/api/openapi.json')).body.openapi).to.be.a('string');
  });
});

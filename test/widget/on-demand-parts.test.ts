/**
 * The widget's parts loaded on demand (widget-<name>-<hash>.js: the ticket-type picker, the
 * proof-of-work solver) are served beside widget.js to any origin, as JavaScript modules, cached
 * for good (their names change with their content); other names under /widget- are not files.
 */
import { readdirSync } from 'node:fs';
import { expect } from 'chai';
import { sharedBackend } from '../support/backend.js';
import { repoRoot } from '../support/paths.js';

describe('widget: parts loaded on demand', () => {
  let parts: string[] = [];
  before(function () {
    try {
      parts = readdirSync(`${repoRoot}/widget/dist`).filter((f) => /^widget-.+\.js$/.test(f));
    } catch {
      parts = [];
    }
    if (!parts.length) this.skip(); // widget not built in this run (npm test builds it first)
  });

  it('are imported by widget.js from its own origin and served to any origin, immutable', async () => {
    const { url } = await sharedBackend();
    const main = await (await fetch(`${url}/widget.js`)).text();
    expect(parts.some((p) => p.startsWith('widget-types-ui-'))).to.equal(true);
    for (const part of parts) {
      expect(main, `widget.js imports ${part}`).to.contain(`./${part}`);
      const res = await fetch(`${url}/${part}`, { headers: { Origin: 'https://organiser.example' } });
      expect(res.status, part).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/javascript/);
      expect(res.headers.get('access-control-allow-origin')).to.equal('*');
      expect(res.headers.get('cache-control')).to.contain('immutable');
    }
  });

  it('does not serve other names as widget parts', async () => {
    const { url } = await sharedBackend();
    const res = await fetch(`${url}/widget-../package.json`);
    expect(res.headers.get('access-control-allow-origin')).to.equal(null);
  });
});

import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { endpoints } from '../../backend/src/api-docs/endpoints/index.js';
import { apiMarkdown } from '../../backend/src/api-docs/markdown.js';
import { apiMdPath } from '../../backend/src/api-docs/write-api-md.js';
import { Api } from '../support/api.js';
import { sharedBackend } from '../support/backend.js';

describe('api docs: docs/api.md and /api/openapi.json', () => {
  let anon: Api;
  before(async () => {
    anon = new Api((await sharedBackend()).url);
  });

  it('keeps docs/api.md in step with the contracts (regenerate: node --import tsx backend/src/api-docs/write-api-md.ts)', () => {
    expect(
      readFileSync(apiMdPath, 'utf8') === apiMarkdown(),
      'docs/api.md is out of date: run node --import tsx backend/src/api-docs/write-api-md.ts',
    ).to.equal(true);
  });

  it('serves an OpenAPI 3.1 document describing every endpoint', async () => {
    const res = await anon.get('/api/openapi.json');
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.equal('3.1.0');
    for (const e of endpoints) {
      const path = e.path.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(res.body.paths[path]?.[e.method], `${e.method} ${path}`).to.be.an('object');
    }
    expect(res.body.components.schemas).to.include.keys('Entry', 'Ticket');
  });

  it('gives every JSON body an example its own schema accepts (the OpenAPI examples and the hostile tests start from them)', () => {
    for (const e of endpoints) {
      if (!e.body || !('json' in e.body)) continue;
      const parsed = e.body.json.safeParse(e.body.example);
      expect(parsed.success, `${e.method.toUpperCase()} ${e.path}: ${JSON.stringify(parsed.error?.issues)}`).to.equal(true);
    }
  });

  it('documents only endpoints the server really has', async () => {
    for (const e of endpoints) {
      const path = e.path.replace(/:[A-Za-z]+/g, 'doc_probe_id');
      const res = await anon.request(e.method.toUpperCase(), path, e.method === 'get' || e.method === 'delete' ? undefined : {});
      const unrouted = res.status === 404 && /No such endpoint/.test(res.body?.error?.message ?? '');
      expect(unrouted, `${e.method.toUpperCase()} ${e.path} is documented but not routed`).to.equal(false);
    }
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { expect } from 'chai';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../backend/src/config.js';
import { PRODUCTION_VARIABLES } from '../../backend/src/deployment-safety.js';
import { BACKEND_NODE_FLAGS } from '../../backend/src/node-flags.js';
import { repoRoot } from '../support/paths.js';

/** The Compose Specification's schema, kept beside this test (source and commit in README.md). */
const composeSchema = JSON.parse(readFileSync(path.join(import.meta.dirname, 'compose-spec.json'), 'utf8'));
/** The schema names draft-07 by its https address; ajv knows the meta-schema by its http one. */
const draft7 = { ...createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-07.json'), $id: composeSchema.$schema };
/** Variables the backend's container sets that are Node's own, not the backend's configuration. */
const NODE_VARIABLES = new Set(['NODE_OPTIONS']);

const readText = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
// Compose files use YAML merge keys (`<<: *mongo`), which docker compose resolves.
const readCompose = (file: string) => parse(readText(file), { merge: true }) as { services: Record<string, any>; [key: string]: unknown };

function validate(document: unknown): string[] {
  // strict: false: the schema uses keywords of its own (e.g. `deprecated`) that ajv does not know.
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(draft7);
  const valid = ajv.validate(composeSchema, document);
  return valid ? [] : (ajv.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** The environment of a service as a map (compose also allows a list of NAME=value). */
function environmentOf(service: { environment?: Record<string, unknown> | string[] }): Record<string, unknown> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return env;
  return Object.fromEntries(
    env.map((item) => {
      const [name, ...value] = item.split('=');
      return [name, value.length ? value.join('=') : null];
    }),
  );
}

describe('deploy: docker-compose.yml', () => {
  const compose = readCompose('docker-compose.yml');
  const demo = readCompose('docker-compose.demo.yml');
  const backendEnv = environmentOf(compose.services.backend);

  it('is valid against the Compose Specification JSON schema, and so is its demo override', () => {
    expect(validate(compose)).to.deep.equal([]);
    expect(validate(demo)).to.deep.equal([]);
  });

  it('the schema really checks: a misspelt service key is refused', () => {
    const broken = structuredClone(compose);
    broken.services.backend.enviroment = { PORT: '3000' };
    expect(validate(broken).join('\n')).to.match(/additional/i);
  });

  it('sets only variables the backend knows (config.ts)', () => {
    const known = new Set<string>(CONFIG_VARIABLES);
    for (const env of [backendEnv, environmentOf(demo.services.backend)]) {
      const unknown = Object.keys(env).filter((name) => !known.has(name) && !NODE_VARIABLES.has(name));
      expect(unknown, 'variables config.ts does not read').to.deep.equal([]);
    }
  });

  it('runs the backend in production with every variable production requires set or passed through from the environment', () => {
    expect(backendEnv.NODE_ENV).to.equal('production');
    for (const name of PRODUCTION_VARIABLES) expect(backendEnv, name).to.have.property(name);
    // ...and says so in its header, where an operator reads how to start it.
    const header = readText('docker-compose.yml').split('\nservices:')[0]!;
    for (const name of PRODUCTION_VARIABLES) expect(header, name).to.contain(name);
  });

  it('builds the backend with the multi-stage Dockerfile that runs compiled JavaScript', () => {
    expect(compose.services.backend.build).to.deep.equal({ context: '.', dockerfile: 'Dockerfile' });
    const dockerfile = readText('Dockerfile');
    expect(dockerfile.match(/^FROM /gm)?.length, 'stages').to.be.at.least(2);
    // `built`: the contracts package resolves to its compiled dist/ (packages/contracts/package.json exports).
    // workers.js: WORKERS instances (one per core by default) behind the one port.
    // BACKEND_NODE_FLAGS: the V8 settings every backend process runs with, repeated literally in the CMD.
    const flags = BACKEND_NODE_FLAGS.map((flag) => `"${flag}", `).join('');
    expect(dockerfile).to.contain(`\nCMD ["node", ${flags}"--conditions=built", "backend/dist/workers.js"]\n`);
    expect(dockerfile).to.match(/^COPY --from=build .*\/app\/packages\/contracts\/dist /m);
    expect(dockerfile).to.not.match(/--import[= ]tsx/);
  });

  it('trusts exactly the one proxy it runs, which forwards the address it saw', () => {
    expect(backendEnv.TRUST_PROXY_HOPS).to.equal('1');
    const nginx = String((compose.configs as any)['nginx-conf'].content);
    const forwardedFor = nginx.match(/proxy_set_header X-Forwarded-For (\S+);/g) ?? [];
    expect(forwardedFor).to.have.length.at.least(1);
    for (const line of forwardedFor) expect(line).to.contain('$remote_addr');
  });

  it('runs MongoDB as a three-member replica set of one image, initiated before the backend starts', () => {
    const members = ['mongo1', 'mongo2', 'mongo3'].map((name) => compose.services[name]);
    for (const member of members) {
      expect(member.image).to.equal('mongo:7');
      expect(member.command).to.include('--replSet');
    }
    expect(String(compose.services['mongo-init'].command.join(' '))).to.contain('rs.initiate');
    expect(compose.services.backend.depends_on['mongo-init'].condition).to.equal('service_completed_successfully');
    expect(backendEnv.MONGODB_URL).to.match(/^mongodb:\/\/mongo1:27017,mongo2:27017,mongo3:27017\/\?replicaSet=rs0$/);
  });

  it('has a demo variant that says it is one', () => {
    const demoEnv = environmentOf(demo.services.backend);
    expect(demoEnv.QUEUETIX_DEMO).to.equal('1');
    expect(readText('docker-compose.demo.yml')).to.match(/demo/i);
  });
});

/**
 * 100,000 buyers queued in one event: memory of the process holding them, and how long a
 * restarted backend takes to serve that event again (snapshot + journal replay).
 */
import { execFileSync } from 'node:child_process';
import { MongoClient } from 'mongodb';
import { repoRoot } from '../scripts/lib/tools.js';
import type { BenchSection } from './run.js';
import { fmt, mb, table, verdict } from './stats.js';
import { rssOf, scratchDir, startBackend, startDatabase } from './support/environment.js';

const COUNT = 100_000;

export async function run(): Promise<BenchSection> {
  const dir = scratchDir('capacity');
  const db = await startDatabase(dir);
  try {
    const eventId = 'capacity_event';
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'bench/support/capacity-worker.ts', db.url, 'bench', eventId, String(COUNT)],
      {
        cwd: repoRoot,
        maxBuffer: 1 << 20,
      },
    ).toString();
    const filled = JSON.parse(out.trim().split('\n').pop()!) as {
      joinsPerSec: number;
      rss: number;
      heapUsed: number;
      availability: { waiting: number };
      recoverMs: number;
      recoveredPosition?: number;
    };

    const client = new MongoClient(db.url);
    // Heads are insert-only (one per snapshot and owner); the latest has the highest seq.
    const snapshotHead = await client.db('bench').collection('snapshot_heads').find({ key: eventId }).sort({ seq: -1 }).limit(1).next();
    await client.close();

    // Restart: a fresh backend process wakes the event (it has live offers) from snapshot + journal.
    const spawnedAt = performance.now();
    const backend = await startBackend({ mongoUrl: db.url, dbName: 'bench', dataDir: dir });
    const listeningMs = performance.now() - spawnedAt;
    const [token] = await mintTokensFor(dir, 'cap_50000');
    const askedAt = performance.now();
    const res = await fetch(`${backend.url}/api/events/${eventId}/queue/me`, { headers: { authorization: `Bearer ${token}` } });
    const entry = (await res.json()) as { position?: number };
    const firstAnswerMs = performance.now() - askedAt;
    const rssAfterRestart = rssOf(backend.pid);
    await backend.stop();

    const restartTotal = listeningMs + firstAnswerMs;
    return {
      title: `Capacity: ${fmt(COUNT)} buyers queued in one event`,
      markdown: [
        table(
          ['measure', 'value'],
          [
            ['joins through the actor with durable journal (in process, 2,000 in flight)', `${fmt(filled.joinsPerSec)}/s`],
            [`process RSS holding ${fmt(filled.availability.waiting)} waiting (after GC)`, mb(filled.rss)],
            ['of which JS heap', mb(filled.heapUsed)],
            [
              'latest snapshot',
              snapshotHead ? `${(Number(snapshotHead.bytes) / 2 ** 20).toFixed(1)} MB in ${snapshotHead.parts} chunk(s) at seq ${snapshotHead.seq}` : 'none',
            ],
            [
              'actor restart in a running process: snapshot + journal → first answer',
              `${fmt(filled.recoverMs)} ms (position ${filled.recoveredPosition ?? 'n/a'})`,
            ],
            ['restart: process spawn → listening (Node + tsx start-up, indexes, live actor recovered during boot)', `${fmt(listeningMs)} ms`],
            ['restart: first answer for that event (position of buyer 50,000)', `${fmt(firstAnswerMs)} ms (position ${entry.position ?? 'n/a'})`],
            ['backend RSS after restart', mb(rssAfterRestart)],
          ],
        ),
        '',
        `- 100,000 queued buyers in under 300 MB RSS: ${mb(filled.rss)} — ${verdict(filled.rss < 300 * 2 ** 20)}`,
        `- restart with 100,000 queued serving again in under 2 s: the actor recovers in ${fmt(filled.recoverMs)} ms — ${verdict(filled.recoverMs < 2_000)}; a whole new process (TypeScript compiled at load by tsx, index checks, then the same recovery) takes ${fmt(restartTotal)} ms — ${verdict(restartTotal < 2_000)}`,
      ].join('\n'),
    };
  } finally {
    await db.stop();
  }
}

async function mintTokensFor(dir: string, userId: string): Promise<string[]> {
  const { DevTokenIssuer } = await import('../backend/src/auth/dev-token-issuer.js');
  const { readFileSync } = await import('node:fs');
  const pem = readFileSync(`${dir}/dev-jwt-private-key.pem`, 'utf8');
  const issuer = new DevTokenIssuer(pem, 'queuetix-dev:http://localhost:3000', 'http://localhost:3000');
  return [await issuer.issue({ id: userId, name: 'Capacity buyer', role: 'buyer' })];
}

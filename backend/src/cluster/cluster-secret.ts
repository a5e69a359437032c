import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';

interface SecretDoc {
  _id: 'internal-secret';
  value: string;
}

/**
 * The secret instances present to each other on internal calls (forwarded requests carry the
 * client's address, which only a peer may set). CLUSTER_SECRET when configured; otherwise the first
 * instance to start generates one and the others read it (an insert is atomic on a unique _id).
 */
export async function clusterSecret(db: Db, configured?: string): Promise<string> {
  if (configured) return configured;
  const meta = db.collection<SecretDoc>('cluster_meta');
  const existing = await meta.findOne({ _id: 'internal-secret' });
  if (existing) return existing.value;
  const value = randomBytes(24).toString('base64url');
  try {
    await meta.insertOne({ _id: 'internal-secret', value });
    return value;
  } catch {
    const winner = await meta.findOne({ _id: 'internal-secret' });
    if (!winner) throw new Error('could not read or create the cluster secret');
    return winner.value;
  }
}

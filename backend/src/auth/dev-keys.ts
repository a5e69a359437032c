import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface DevKeys {
  privateKeyPem: string;
  publicKeyPem: string;
}

/**
 * The dev sign-in's RS256 key pair: generated on first start and kept under DATA_DIR so tokens
 * survive restarts (a crash test restarts the server and buyers keep their sessions).
 */
export async function loadOrCreateDevKeys(dataDir: string): Promise<DevKeys> {
  const file = path.resolve(dataDir, 'dev-jwt-private-key.pem');
  let privateKeyPem: string;
  try {
    privateKeyPem = await readFile(file, 'utf8');
  } catch {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, privateKeyPem, { mode: 0o600, flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
      // Another instance created it first: use theirs so both verify the same tokens.
      if (err.code !== 'EEXIST') throw err;
      privateKeyPem = await readFile(file, 'utf8');
    });
  }
  const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKeyPem, publicKeyPem };
}

/** Writes docs/api.md from the contracts: `node --import tsx backend/src/api-docs/write-api-md.ts`. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiMarkdown } from './markdown.js';

export const apiMdPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/api.md');

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(apiMdPath, apiMarkdown());
  process.stdout.write(`wrote ${apiMdPath}\n`);
}

#!/usr/bin/env bash
# npm test — the whole suite on a fresh machine, failing at the first broken step: tools, builds,
# lint, format check, type checks, unit specs (vitest), then the backend and browser suite (mocha).
# `npm test -- test/queue/join.test.ts` runs every step but mocha only over the files named.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
node --import tsx scripts/lib/tools.ts
npm run build --workspaces --if-present
npm run lint
npm run format:check
npm run typecheck
npm run test:unit
if [ "$#" -gt 0 ]; then npx mocha "$@"; else npm run test:integration; fi

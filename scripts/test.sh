#!/usr/bin/env bash
# npm test — the whole suite on a fresh machine: tools, builds, type checks, then mocha.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
node --import tsx scripts/lib/tools.ts
npm run build --workspaces --if-present
npx tsc -p .
if [ "$#" -gt 0 ]; then npx mocha "$@"; else npx mocha 'test/**/*.test.ts'; fi

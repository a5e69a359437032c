#!/usr/bin/env bash
# npm run bench [-- section ...] — benchmarks (not tests); results go to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
node --import tsx scripts/lib/tools.ts ferretdb
npm run build --workspaces --if-present >/dev/null
exec node --import tsx bench/run.ts "$@"

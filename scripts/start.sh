#!/usr/bin/env bash
# npm start — see scripts/start.ts
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
exec node --import tsx scripts/start.ts "$@"

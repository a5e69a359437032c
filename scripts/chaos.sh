#!/usr/bin/env bash
# npm run chaos [-- scenario ...] — the fault runs of issue 7 (crash-loop, db-outage, webhook-storm,
# hostile); counts go to docs/benchmarks.md. Sizes: CHAOS_KILLS, CHAOS_BUYERS, CHAOS_TICKETS,
# CHAOS_JOINS_PER_SEC, CHAOS_OUTAGE_MS, CHAOS_HOSTILE_RUNS.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
node --import tsx scripts/lib/tools.ts ferretdb stripe-mock
exec node --import tsx chaos/run.ts "$@"

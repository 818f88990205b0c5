#!/usr/bin/env bash
# The one test command (README, .ci/run): type-check, then every unit, store, HTTP and browser test.
# Storage tests run on SQLite and on PostgreSQL (TEST_POSTGRES_URL, default: the local server).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.json
mapfile -t files < <(find src test bench examples -name '*.test.ts' -not -path '*/node_modules/*' | sort)
exec node --import tsx --test --test-concurrency="${TEST_CONCURRENCY:-2}" --test-reporter=spec "${files[@]}"

#!/usr/bin/env bash
# Fault soak: export and upsert under injected 503s, expiring sessions, UNABLE_TO_LOCK_ROW and dropped
# connections, then a kill -9 and --resume; proves counts exact, no duplicates, every input row in
# exactly one result file, and the same final org as an uninterrupted run. Exits 1 on any violation.
#
#   make soak                              # 1,000,000 rows (after a release build)
#   SOAK_ROWS=50000 bash Benchmarks/soak.sh
#
# Environment: SOAK_ROWS, SOAK_COLLECTIONS_ROWS, SOAK_ACCOUNTS, SOAK_FAIL_RATE (0.05), SOAK_LOCK_RATE (0.02),
# SOAK_SESSION_TTL (30), SOAK_DROP_EVERY (60 s), SOAK_KILL_APIS (bulk,rest), SOAK_KEEP=1 keeps the work
# folder, SFBATCH_BIN_DIR (default .build/release), BENCH_OUT (default .build/bench).
set -euo pipefail

cd "$(dirname "$0")/.."
BIN_DIR="${SFBATCH_BIN_DIR:-.build/release}"
for tool in sfexport sfimport sfsim; do
    if [ ! -x "$BIN_DIR/$tool" ]; then
        echo "soak.sh: $BIN_DIR/$tool is missing; build first (make build)" >&2
        exit 2
    fi
done
PYTHON="${PYTHON:-python3}"
export PYTHONDONTWRITEBYTECODE=1
exec "$PYTHON" Benchmarks/harness/soak.py --bin-dir "$BIN_DIR" "$@"

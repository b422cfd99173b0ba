#!/usr/bin/env bash
# Side-by-side benchmark: sfbatch against simple-salesforce on one generated sfsim org.
#
#   make bench                 # full run (1M rows, scaling to 5M), under 30 minutes on 2 cores
#   make bench BENCH=quick     # 100k rows, under 5 minutes
#
# Environment: BENCH (quick|full|tiny), VENV (virtual environment holding simple-salesforce),
# SFBATCH_BIN_DIR (release binaries, default .build/release), BENCH_OUT (default .build/bench),
# BENCH_ONLY (comma list of groups: records,export,load,validate,scaling), BENCH_KEEP=1 keeps the
# work folder, BENCH_ACCOUNTS / BENCH_BULK_LOAD / BENCH_COLLECTIONS / BENCH_VALIDATE / BENCH_SCALING
# override sizes. Results: $BENCH_OUT/latest.md and latest.json (plus timestamped copies).
set -euo pipefail

cd "$(dirname "$0")/.."
BENCH="${BENCH:-full}"
VENV="${VENV:-.build/venv}"
BIN_DIR="${SFBATCH_BIN_DIR:-.build/release}"

for tool in sfexport sfimport sfsim; do
    if [ ! -x "$BIN_DIR/$tool" ]; then
        echo "run.sh: $BIN_DIR/$tool is missing; build first (make build, or swift build -c release)" >&2
        exit 2
    fi
done
if ! "$VENV/bin/python" -c 'import simple_salesforce' 2>/dev/null; then
    echo "run.sh: $VENV has no simple-salesforce; create it with: make $VENV/.ready" >&2
    exit 2
fi

export PYTHONDONTWRITEBYTECODE=1
exec "$VENV/bin/python" Benchmarks/harness/bench.py --mode "$BENCH" --bin-dir "$BIN_DIR" --venv "$VENV" "$@"

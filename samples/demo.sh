#!/usr/bin/env bash
# `make demo`: start a local sfsim org with the sample data, export from it with sfexport (and import into it
# with sfimport), print the summaries, stop the org. Run after `swift build -c release` (make does that).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-.build/release}
OUT=${OUT:-out}
mkdir -p "$OUT"
for tool in sfsim sfexport; do
    [ -x "$BIN/$tool" ] || { echo "demo: $BIN/$tool is missing; run 'make build' first" >&2; exit 1; }
done

# Start the org on a free loopback port and wait for its ready line.
READY=$(mktemp)
"$BIN/sfsim" serve --host 127.0.0.1 --port 0 >"$READY" 2>"$OUT/sfsim.log" &
SIM_PID=$!
cleanup() {
    kill "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
    rm -f "$READY"
}
trap cleanup EXIT

URL=""
for _ in $(seq 1 300); do
    URL=$(sed -n 's/^sfsim listening on //p' "$READY" | head -n 1)
    [ -n "$URL" ] && break
    kill -0 "$SIM_PID" 2>/dev/null || { echo "demo: sfsim exited; see $OUT/sfsim.log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$URL" ] || { echo "demo: sfsim did not start within 30 s; see $OUT/sfsim.log" >&2; exit 1; }
echo "sfsim org at $URL"

# Client credentials: the secret comes from the environment, never from the command line.
export SF_CLIENT_SECRET=sfsim-secret
CONNECT=(--instance-url "$URL" --client-id sfsim-client --no-session-cache)

echo
echo "== sfexport: Accounts with their owners' names -> $OUT/accounts.csv.gz"
"$BIN/sfexport" "${CONNECT[@]}" \
    --query "SELECT Id, Name, Industry, AnnualRevenue, BillingCity, Owner.Name FROM Account ORDER BY Name" \
    -o "$OUT/accounts.csv.gz"

echo
echo "== sfexport: Contacts -> $OUT/contacts.jsonl.gz"
"$BIN/sfexport" "${CONNECT[@]}" \
    --object Contact --fields Id,FirstName,LastName,Email,Account.Name,SystemModstamp \
    -o "$OUT/contacts.jsonl.gz" --json

echo
echo "first rows of $OUT/accounts.csv.gz:"
gzip -dc "$OUT/accounts.csv.gz" | head -n 4

# --- import half (sfimport) goes below ---

[ -x "$BIN/sfimport" ] || { echo "demo: $BIN/sfimport is missing; run 'make build' first" >&2; exit 1; }

echo
echo "== sfimport validate: the example mappings against the org's describe (nothing is sent)"
"$BIN/sfimport" validate "${CONNECT[@]}" --mapping mappings/contacts.yaml --input samples/import/contacts.csv
if [ -f samples/data/Account.csv ]; then
    "$BIN/sfimport" validate "${CONNECT[@]}" --mapping mappings/accounts.yaml --input samples/data/Account.csv
    "$BIN/sfimport" validate "${CONNECT[@]}" --mapping mappings/invoices.yaml --input samples/data/Invoice__c.csv
    "$BIN/sfimport" validate "${CONNECT[@]}" --mapping mappings/contacts.sdl --object Contact --operation upsert \
        --external-id Legacy_Id__c --input samples/data/Contact.csv
fi

# The summary's "created"/"updated" numbers, read from the --json line.
field() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$2"; }

echo
echo "== sfimport load: upsert samples/import/contacts.csv by Legacy_Id__c (first run creates them)"
"$BIN/sfimport" load "${CONNECT[@]}" --mapping mappings/contacts.yaml --input samples/import/contacts.csv \
    --results-dir "$OUT" --json >"$OUT/upsert-1.json"
echo "first run:  created $(field created "$OUT/upsert-1.json"), updated $(field updated "$OUT/upsert-1.json")"

echo "== the same upsert again: every row is updated, none created"
"$BIN/sfimport" load "${CONNECT[@]}" --mapping mappings/contacts.yaml --input samples/import/contacts.csv \
    --results-dir "$OUT" --json >"$OUT/upsert-2.json"
CREATED=$(field created "$OUT/upsert-2.json")
UPDATED=$(field updated "$OUT/upsert-2.json")
echo "second run: created $CREATED, updated $UPDATED"
[ "$CREATED" = 0 ] && [ "$UPDATED" = "$(field inputRows "$OUT/upsert-2.json")" ] \
    || { echo "demo: the second upsert should update every row and create none" >&2; exit 1; }
echo "first rows of $OUT/contacts.success.csv:"
head -n 3 "$OUT/contacts.success.csv"

echo
echo "== a file with one deliberately bad row: it lands in the error file, the others load (exit 1 = rows rejected)"
STATUS=0
"$BIN/sfimport" load "${CONNECT[@]}" --mapping mappings/contacts.yaml \
    --input samples/import/contacts-with-errors.csv --results-dir "$OUT" || STATUS=$?
[ "$STATUS" = 1 ] || { echo "demo: expected exit 1 (rows rejected), got $STATUS" >&2; exit 1; }
echo "$OUT/contacts-with-errors.error.csv:"
cat "$OUT/contacts-with-errors.error.csv"

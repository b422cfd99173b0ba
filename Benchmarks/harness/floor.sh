#!/usr/bin/env bash
# Follows an export's result pages with the curl command-line tool, one curl per page, doing nothing
# with the bodies but finding the next page, and writes each page's URL to <urls-file> so floor.py
# can fetch the same pages again with one curl over one connection (the timed floor).
#
#   floor.sh bulk <results-url> <ca-file> <header-file> <urls-file> [maxRecords]
#   floor.sh rest <query-url> <ca-file> <header-file> <urls-file> <instance-url>
#
# bulk: GET <results-url>, then ?locator=<Sforce-Locator> until the locator is `null`. Bodies go to
#       /dev/null as received (not even gunzipped); the locator and the row count come from the
#       response headers, which curl writes to a small file (-D).
# rest: GET <query-url>, then each page's nextRecordsUrl. The URL is inside the (gzip) JSON body,
#       so curl decodes it (--compressed) and grep picks the URL out (C locale: grep in UTF-8 took
#       twice as long as the transfer).
#
# <header-file> holds the request headers (Authorization, Accept, Accept-Encoding) for curl's
# `-H @file`, so the bearer token never appears on a command line. Prints one JSON line:
# {"pages":N,"rows":R,"bytes":B} (rows and bytes are counted for bulk only; -1 otherwise).
set -euo pipefail
export LC_ALL=C

mode="$1" url="$2" ca="$3" headers="$4" urls_file="$5"
pages=0 rows=0 bytes=0
: >"$urls_file"

case "$mode" in
bulk)
    max_records="${6:-}"
    head_file="$(mktemp)"
    trap 'rm -f "$head_file"' EXIT
    locator=""
    while :; do
        query=""
        [ -n "$locator" ] && query="locator=$locator"
        [ -n "$max_records" ] && query="${query:+$query&}maxRecords=$max_records"
        echo "$url${query:+?$query}" >>"$urls_file"
        size=$(curl -sS --fail --cacert "$ca" -H @"$headers" -D "$head_file" -o /dev/null \
            -w '%{size_download}' "$url${query:+?$query}")
        pages=$((pages + 1))
        bytes=$((bytes + size))
        locator=""
        # Header names are case-insensitive (HTTP/2 sends them lower-case); values end in CR.
        while IFS=: read -r name value; do
            value="${value%$'\r'}"
            value="${value# }"
            case "${name,,}" in
            sforce-locator) locator="$value" ;;
            sforce-numberofrecords) rows=$((rows + value)) ;;
            esac
        done <"$head_file"
        if [ -z "$locator" ]; then
            echo "floor.sh: page $pages answered no Sforce-Locator header" >&2
            exit 1
        fi
        [ "$locator" = "null" ] && break
    done
    ;;
rest)
    instance="$6"
    rows=-1 bytes=-1
    while :; do
        echo "$url" >>"$urls_file"
        # The page's status is curl's; grep finding nothing only means the last page.
        next=$(
            curl -sS --fail --compressed --cacert "$ca" -H @"$headers" "$url" |
                grep -o '"nextRecordsUrl":"[^"]*"'
            exit "${PIPESTATUS[0]}"
        )
        pages=$((pages + 1))
        [ -z "$next" ] && break
        next="${next#\"nextRecordsUrl\":\"}"
        url="$instance${next%\"}"
    done
    ;;
*)
    echo "floor.sh: unknown mode '$mode' (bulk or rest)" >&2
    exit 2
    ;;
esac
printf '{"pages":%d,"rows":%d,"bytes":%d}\n' "$pages" "$rows" "$bytes"

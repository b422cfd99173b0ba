"""Peer Bulk 2.0 export: `bulk2.<Object>.download` (its streaming, low-memory call) into a scratch
folder, then the pages joined into one file: as-is for .csv, through `gzip` for .csv.gz, and through
`csv.DictReader` + `json` + `gzip` for .jsonl.gz."""

from __future__ import annotations

import csv
import gzip
import json
import os
import shutil
import tempfile

from session import BULK_POLL_SECONDS, GZIP_LEVEL, common_arguments, connect, report


def main() -> None:
    parser = common_arguments(__doc__)
    parser.add_argument("--object", required=True)
    parser.add_argument("--fields", required=True, help="comma-separated field names")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    sf = connect(args)
    soql = f"SELECT {', '.join(args.fields.split(','))} FROM {args.object}"
    scratch = tempfile.mkdtemp(prefix="peer-bulk-", dir=os.path.dirname(os.path.abspath(args.output)))
    try:
        pages = getattr(sf.bulk2, args.object).download(soql, path=scratch, wait=BULK_POLL_SECONDS)
        rows = sum(int(page["number_of_records"]) for page in pages)
        files = [page["file"] for page in pages]
        if args.output.endswith(".jsonl.gz"):
            write_jsonl_gz(files, args.output)
        elif args.output.endswith(".csv.gz"):
            with gzip.open(args.output, "wb", compresslevel=GZIP_LEVEL) as sink:
                join_pages(files, sink)
        else:
            with open(args.output, "wb") as sink:
                join_pages(files, sink)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report(rows=rows, pages=len(files))


def join_pages(files: list[str], sink) -> None:
    """Every page starts with the header row; keep the first one only."""
    for index, path in enumerate(files):
        with open(path, "rb") as page:
            if index > 0:
                page.readline()
            shutil.copyfileobj(page, sink, 1 << 20)


def write_jsonl_gz(files: list[str], output: str) -> None:
    with gzip.open(output, "wt", encoding="utf-8", compresslevel=GZIP_LEVEL) as sink:
        for path in files:
            with open(path, newline="", encoding="utf-8") as page:
                for row in csv.DictReader(page):
                    sink.write(json.dumps(row, ensure_ascii=False))
                    sink.write("\n")


if __name__ == "__main__":
    main()

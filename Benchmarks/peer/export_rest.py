"""Peer REST export: `query_all_iter` into Python's `csv` writer, through `gzip` when the name ends in .gz."""

from __future__ import annotations

import csv
import gzip

from session import GZIP_LEVEL, common_arguments, connect, report


def main() -> None:
    parser = common_arguments(__doc__)
    parser.add_argument("--object", required=True)
    parser.add_argument("--fields", required=True, help="comma-separated field names")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    fields = args.fields.split(",")
    sf = connect(args)
    soql = f"SELECT {', '.join(fields)} FROM {args.object}"
    if args.output.endswith(".gz"):
        handle = gzip.open(args.output, "wt", newline="", encoding="utf-8", compresslevel=GZIP_LEVEL)
    else:
        handle = open(args.output, "w", newline="", encoding="utf-8")
    rows = 0
    with handle:
        writer = csv.writer(handle)
        writer.writerow(fields)
        for record in sf.query_all_iter(soql):
            writer.writerow(["" if record.get(name) is None else record.get(name) for name in fields])
            rows += 1
    report(rows=rows)


if __name__ == "__main__":
    main()

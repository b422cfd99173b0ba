"""Peer sObject Collections load: the CSV read with `csv.DictReader`, 200 records a request sent with
simple-salesforce's `restful` call to `composite/sobjects/<Object>/<ExternalId>` (PATCH = upsert), one
request after another as a script does; a `Parent.ExtId__c` column becomes a nested parent reference."""

from __future__ import annotations

import csv
import os

from session import common_arguments, connect, report

BATCH = 200


def main() -> None:
    parser = common_arguments(__doc__)
    parser.add_argument("--object", required=True)
    parser.add_argument("--external-id", required=True)
    parser.add_argument("--input", required=True)
    parser.add_argument("--results-dir", required=True)
    args = parser.parse_args()
    sf = connect(args)
    path = f"composite/sobjects/{args.object}/{args.external_id}"
    os.makedirs(args.results_dir, exist_ok=True)
    rows = failed = 0
    with open(args.input, newline="", encoding="utf-8") as source, \
            open(os.path.join(args.results_dir, "success.csv"), "w", newline="", encoding="utf-8") as ok_file, \
            open(os.path.join(args.results_dir, "failed.csv"), "w", newline="", encoding="utf-8") as bad_file:
        reader = csv.DictReader(source)
        ok = csv.writer(ok_file)
        bad = csv.writer(bad_file)
        ok.writerow(["row", "sf__Id", "sf__Created"])
        bad.writerow(["row", "sf__Error"])
        batch: list[dict] = []

        def flush() -> None:
            nonlocal rows, failed
            results = sf.restful(path, method="PATCH", json={"allOrNone": False, "records": batch})
            for offset, result in enumerate(results):
                row = rows + offset + 1
                if result.get("success"):
                    ok.writerow([row, result.get("id"), result.get("created")])
                else:
                    failed += 1
                    bad.writerow([row, "; ".join(f"{e.get('statusCode')}: {e.get('message')}" for e in result.get("errors", []))])
            rows += len(batch)
            batch.clear()

        for line in reader:
            batch.append(to_record(args.object, line))
            if len(batch) == BATCH:
                flush()
        if batch:
            flush()
    report(rows=rows, failed=failed)


def to_record(object_name: str, line: dict[str, str]) -> dict:
    record: dict = {"attributes": {"type": object_name}}
    for column, value in line.items():
        if value == "":
            continue
        if "." in column:
            relationship, key = column.split(".", 1)
            record[relationship] = {key: value}
        else:
            record[column] = value
    return record


if __name__ == "__main__":
    main()

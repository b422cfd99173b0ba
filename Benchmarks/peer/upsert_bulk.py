"""Peer Bulk 2.0 load: `bulk2.<Object>.upsert(csv_file=...)`, then each job's successful and failed
records downloaded to result files (what a careful user keeps, and what sfimport writes)."""

from __future__ import annotations

import os

from session import BULK_POLL_SECONDS, common_arguments, connect, report

BULK_LOAD_BATCH_ROWS = 250_000


def main() -> None:
    parser = common_arguments(__doc__)
    parser.add_argument("--object", required=True)
    parser.add_argument("--external-id", required=True)
    parser.add_argument("--input", required=True)
    parser.add_argument("--results-dir", required=True)
    args = parser.parse_args()
    sf = connect(args)
    bulk = getattr(sf.bulk2, args.object)
    # batch_size only because simple-salesforce sizes its automatic chunks by an estimate that leaves out
    # quotes and line ends, so a file near or above 100 MB gets a chunk its own upload check then refuses
    # ("exceeds the max file size accepted by Bulk V2"); 250,000 rows keep every chunk well under it.
    jobs = bulk.upsert(
        csv_file=args.input, external_id_field=args.external_id, batch_size=BULK_LOAD_BATCH_ROWS,
        wait=BULK_POLL_SECONDS)
    os.makedirs(args.results_dir, exist_ok=True)
    processed = failed = 0
    for index, job in enumerate(jobs):
        processed += job["numberRecordsProcessed"]
        failed += job["numberRecordsFailed"]
        bulk.get_successful_records(job["job_id"], file=os.path.join(args.results_dir, f"success-{index}.csv"))
        bulk.get_failed_records(job["job_id"], file=os.path.join(args.results_dir, f"failed-{index}.csv"))
    report(rows=processed, failed=failed, jobs=len(jobs))


if __name__ == "__main__":
    main()

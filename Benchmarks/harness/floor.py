"""The export floor: the pages an export fetches, fetched by curl with no processing.

The issue asks that sfexport's wall time stay within 1.25x of "fetching the same pages with no
processing (e.g. curl to /dev/null)". The floor is measured once per API and latency setting and
shared by every export row with that API and latency, so the figure is the same yardstick for
`.csv`, `.csv.gz` and `.jsonl.gz`.

Why curl: a C client that only moves bytes is the honest lower bound. The floor is one curl
process fetching the page URLs in order over one connection, bodies to /dev/null undecoded, measured
with `os.wait4` like the clients. The URLs come from a first pass that follows the pages live
(`floor.sh`, one curl per page: Bulk reads `Sforce-Locator` from the headers, REST greps
`nextRecordsUrl` out of the body). That pass is measured too, as one process tree (wait4's usage
includes every curl and grep the shell waited for), and reported beside the floor, but it is not the
floor: a curl start and a TLS handshake per page add about 15 ms a page, which sfexport, keeping one
connection, does not pay.

The request matches sfexport's: the same SOQL, the same job options, the same page size (sfexport
sends neither `maxRecords` nor `Sforce-Query-Options` by default, so neither does the floor: the
simulator's 50,000-row Bulk pages and 2,000-record REST pages), and `Accept-Encoding: gzip`, which
sfexport always sends (`ConnectionSettings.acceptGzip`), so the simulator compresses the same pages
and the same bytes cross the wire. Creating the Bulk job and waiting for `JobComplete` is not timed.
"""

from __future__ import annotations

import json
import os
import time
import urllib.parse

from measure import Measurement, require_success, run_measured
from sim import API_VERSION, SimOrg, SimulatorError

FLOOR_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "floor.sh")
# The target: sfexport's wall time at most this many times the floor's.
FLOOR_RATIO_MAX = 1.25
# sfexport's defaults (sfexport --max-records / --batch-size): None sends no option, as sfexport does.
BULK_MAX_RECORDS: int | None = None
REST_BATCH_SIZE: int | None = None


def write_header_file(path: str, token: str, accept: str, extra: list[str] | None = None) -> str:
    """Request headers for curl's `-H @file`, mode 0600: the token stays off every command line."""
    lines = [f"Authorization: Bearer {token}", f"Accept: {accept}", "Accept-Encoding: gzip"] + (extra or [])
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def completed_bulk_query_job(org: SimOrg, soql: str, timeout: float = 600.0) -> str:
    """Creates a Bulk API 2.0 query job with sfexport's options and waits for `JobComplete` (untimed)."""
    status, job = org.rest("POST", "/jobs/query", {
        "operation": "query", "query": soql, "contentType": "CSV", "columnDelimiter": "COMMA", "lineEnding": "LF",
    })
    if status >= 300 or not isinstance(job, dict):
        raise SimulatorError(f"creating the floor's query job answered {status}: {str(job)[:300]}")
    job_id = job["id"]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, info = org.rest("GET", f"/jobs/query/{job_id}")
        state = info.get("state") if isinstance(info, dict) else None
        if state == "JobComplete":
            return job_id
        if state in ("Failed", "Aborted"):
            raise SimulatorError(f"the floor's query job {job_id} ended {state}: {info.get('errorMessage')}")
        time.sleep(0.05)
    raise SimulatorError(f"the floor's query job {job_id} did not complete within {timeout:.0f} s")


def follow_command(org: SimOrg, api: str, first_url: str, header_file: str, urls_file: str) -> list[str]:
    """floor.sh following the pages live, one curl per page, writing each page's URL to `urls_file`."""
    tail = ["" if BULK_MAX_RECORDS is None else str(BULK_MAX_RECORDS)] if api == "bulk" else [org.base_url]
    return ["bash", FLOOR_SCRIPT, api, first_url, org.ca_path or "", header_file, urls_file, *tail]


def replay_command(org: SimOrg, header_file: str, urls_file: str, config_file: str) -> list[str]:
    """One curl fetching every URL of `urls_file` in order over one connection, each body to /dev/null.

    Prints each page's size on the wire, one line a page. The URLs go through a curl config file
    (`-K`), so a 1M-row REST export's 500 pages do not meet the command-line limit.
    """
    with open(urls_file, encoding="utf-8") as handle:
        urls = [line.strip() for line in handle if line.strip()]
    with open(config_file, "w", encoding="utf-8") as handle:
        for url in urls:
            handle.write(f'url = "{url}"\noutput = "/dev/null"\n')
    return ["curl", "-sS", "--fail", "--cacert", org.ca_path or "", "-H", f"@{header_file}",
            "-w", "%{size_download}\n", "-K", config_file]


def first_url(org: SimOrg, api: str, soql: str) -> str:
    """The first page: a completed Bulk job's results (job created untimed), or the REST query."""
    data = f"{org.base_url}/services/data/v{API_VERSION}"
    if api == "bulk":
        return f"{data}/jobs/query/{completed_bulk_query_job(org, soql)}/results"
    return f"{data}/query?" + urllib.parse.urlencode({"q": soql})


def measure_floor(org: SimOrg, api: str, soql: str, rows: int, work_dir: str, timeout: float) -> Measurement:
    """Times curl fetching every page of `soql` over `api` ("bulk" or "rest") at the current latency.

    Two passes. The first follows the pages live with one curl per page (floor.sh), as a script
    would; it is measured too but is not the floor, because starting curl and a TLS handshake per
    page cost more than the transfer at REST's 2,000-record pages (about 15 ms a page here). The
    second, timed as the floor, is one curl fetching the same URLs in order over one connection, as
    sfexport does: the least any client can spend on these pages. Fails (`ClientFailed`,
    `AssertionError`) when curl failed or the pages did not hold all `rows` (Bulk: the sum of
    `Sforce-NumberOfRecords` and the same bytes in both passes; REST: the page count), so a short
    fetch never becomes a flattering floor.
    """
    token = org.token()["access_token"]
    header_file = os.path.join(work_dir, f"floor-{api}-headers")
    urls_file = os.path.join(work_dir, f"floor-{api}-urls")
    config_file = os.path.join(work_dir, f"floor-{api}-curl.conf")
    if api == "bulk":
        write_header_file(header_file, token, "text/csv")
    else:
        options = [] if REST_BATCH_SIZE is None else [f"Sforce-Query-Options: batchSize={REST_BATCH_SIZE}"]
        write_header_file(header_file, token, "application/json", options)
    try:
        follow = run_measured(follow_command(org, api, first_url(org, api, soql), header_file, urls_file),
                              cwd=work_dir, timeout=timeout)
        require_success(follow, f"floor {api} (following the pages)")
        summary = json.loads(follow.stdout.strip().splitlines()[-1])
        replay = run_measured(replay_command(org, header_file, urls_file, config_file), cwd=work_dir, timeout=timeout)
        require_success(replay, f"floor {api} (one curl)")
    finally:
        for path in (header_file, urls_file, config_file):
            if os.path.exists(path):
                os.remove(path)
    sizes = [int(line) for line in replay.stdout.split()]
    page_size = REST_BATCH_SIZE or 2000
    if api == "bulk" and summary["rows"] != rows:
        raise AssertionError(f"the Bulk floor fetched {summary['rows']:,} rows, expected {rows:,}")
    if api == "bulk" and sum(sizes) != summary["bytes"]:
        raise AssertionError(
            f"the Bulk floor's one curl fetched {sum(sizes):,} bytes, following fetched {summary['bytes']:,}")
    if api == "rest" and summary["pages"] != max(1, -(-rows // page_size)):
        raise AssertionError(f"the REST floor fetched {summary['pages']} pages for {rows:,} rows of {page_size}")
    if len(sizes) != summary["pages"]:
        raise AssertionError(f"the floor's one curl fetched {len(sizes)} pages, following fetched {summary['pages']}")
    replay.extra.update({
        "api": api, "pages": len(sizes), "bytes": sum(sizes),
        "follow_wall_seconds": round(follow.wall_seconds, 3), "follow_cpu_seconds": round(follow.cpu_seconds, 3),
        "follow_command": follow.command,
    })
    return replay

"""Side-by-side benchmark: sfbatch and simple-salesforce on the same generated org, in one run.

Run by `Benchmarks/run.sh` (`make bench`, `BENCH=quick|full`). For each scenario both clients run
against the same simulator and the same data; each run is measured with `os.wait4` (wall, user+sys
CPU of the client alone, peak RSS) and its output re-read and counted before the figure is kept.
Export rows are also set against a floor: curl fetching the same result pages (floor.py).
Writes `<out>/side-by-side-<mode>-<time>.{json,md}` and `<out>/latest.{json,md}`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
import traceback

import datagen
from floor import FLOOR_RATIO_MAX, measure_floor
from measure import ClientFailed, Measurement, require_success, run_measured
from report import Report
from sfbatch import SfbatchCommands, write_contact_mapping
from sim import SimOrg
from verify import count_records

ACCOUNT_FIELDS = [
    "Id", "Name", "Type", "Industry", "AnnualRevenue", "NumberOfEmployees", "Phone", "Website",
    "BillingStreet", "BillingCity", "BillingState", "BillingPostalCode", "BillingCountry",
    "ShippingCity", "ShippingCountry", "Rating", "AccountSource", "Description", "OwnerId",
    "CreatedDate", "LastModifiedDate", "Legacy_Id__c",
]
ACCOUNT_SOQL = f"SELECT {', '.join(ACCOUNT_FIELDS)} FROM Account"

# Sizes per mode. `tiny` exists to check the harness itself in seconds.
MODES = {
    "tiny": {"accounts": 3_000, "bulk_load": 3_000, "collections": 1_000, "validate": 3_000,
             "scaling": [1_000, 3_000]},
    "quick": {"accounts": 100_000, "bulk_load": 100_000, "collections": 10_000, "validate": 100_000,
              "scaling": [10_000, 30_000, 100_000]},
    "full": {"accounts": 1_000_000, "bulk_load": 1_000_000, "collections": 100_000, "validate": 1_000_000,
             "scaling": [10_000, 100_000, 1_000_000, 5_000_000]},
}

EXPORTS = [
    # (label, api, extension, CPU-ratio target from the issue)
    ("export REST → .csv.gz", "rest", "csv.gz", 0.5),
    ("export Bulk → .csv.gz", "bulk", "csv.gz", 0.5),
    ("export Bulk → .jsonl.gz", "bulk", "jsonl.gz", 0.5),
    ("export Bulk → .csv", "bulk", "csv", 0.1),
]
LATENCY_MS = 20


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.mode = args.mode
        self.sizes = dict(MODES[args.mode])
        for key in ("accounts", "bulk_load", "collections", "validate"):
            override = os.environ.get(f"BENCH_{key.upper()}")
            if override:
                self.sizes[key] = int(override)
        if os.environ.get("BENCH_SCALING"):
            self.sizes["scaling"] = [int(x) for x in os.environ["BENCH_SCALING"].split(",") if x]
        self.only = [s.strip().lower() for s in os.environ.get("BENCH_ONLY", "").split(",") if s.strip()]
        self.bin_dir = os.path.abspath(args.bin_dir)
        self.sfsim = os.environ.get("SFSIM_BIN") or os.path.join(self.bin_dir, "sfsim")
        self.python = os.path.abspath(os.path.join(args.venv, "bin", "python"))
        self.peer_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "peer")
        self.out_dir = os.path.abspath(args.out)
        self.work = os.path.join(self.out_dir, f"work-{self.mode}")
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work, exist_ok=True)
        self.report = Report(self.mode, self.out_dir)
        # (api, latency ms) -> curl fetching the same pages; one per setting, shared by its export rows.
        self.floors: dict[tuple[str, int], Measurement] = {}

    # -- helpers -----------------------------------------------------------------------------

    def wanted(self, group: str) -> bool:
        return not self.only or group in self.only

    def peer(self, org: SimOrg, script: str, *args: str) -> list[str]:
        return [self.python, os.path.join(self.peer_dir, script), "--instance-url", org.base_url, *args]

    def peer_env(self, org: SimOrg) -> dict[str, str]:
        return {"REQUESTS_CA_BUNDLE": org.ca_path or "", "PYTHONDONTWRITEBYTECODE": "1"}

    def log(self, message: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    def measured(self, what: str, command: list[str], env: dict[str, str]) -> Measurement:
        self.log(f"{what}: {' '.join(os.path.basename(c) if i == 0 else c for i, c in enumerate(command))[:200]}")
        measurement = run_measured(command, env=env, cwd=self.work, timeout=self.args.timeout)
        require_success(measurement, what)
        self.log(f"  {measurement.wall_seconds:.2f} s wall, {measurement.cpu_seconds:.2f} s CPU, "
                 f"{measurement.peak_rss_bytes / 1048576:.1f} MB peak RSS")
        return measurement

    def scenario(self, name: str, body) -> None:
        """Runs one scenario; a failure is recorded and the run goes on with the next one."""
        try:
            body()
        except Exception as error:  # noqa: BLE001 - any failure must be reported, not crash the run
            message = f"{name}: {error}"
            self.report.failures.append(message.splitlines()[0][:500])
            self.log(f"FAILED {message}")
            if not isinstance(error, (ClientFailed, AssertionError)):
                traceback.print_exc()

    @staticmethod
    def expect_rows(path: str, expected: int, who: str) -> None:
        found = count_records(path)
        if found != expected:
            raise AssertionError(f"{who} wrote {found:,} records to {os.path.basename(path)}, expected {expected:,}")

    # -- scenarios ---------------------------------------------------------------------------

    def run(self) -> int:
        self.run_record_bench()
        accounts = self.sizes["accounts"]
        if any(self.wanted(g) for g in ("export", "load", "validate")):
            self.log(f"starting sfsim with {accounts:,} Accounts")
            with SimOrg(self.sfsim, os.path.join(self.work, "org"), generate={"Account": accounts}) as org:
                self.report.simulator = {"accounts": accounts, "startup_seconds": round(org.startup_seconds, 2)}
                self.log(f"sfsim ready at {org.base_url} in {org.startup_seconds:.1f} s")
                commands = SfbatchCommands(self.bin_dir, org, self.work)
                if self.wanted("export"):
                    for api in sorted({api for _, api, _, _ in EXPORTS}):
                        for latency in (0, LATENCY_MS):
                            name = f"floor {api}" + (f" +{latency} ms" if latency else "")
                            self.scenario(name, lambda: self.floor(org, name, api, latency))
                    for label, api, ext, cpu_target in EXPORTS:
                        for latency in (0, LATENCY_MS):
                            name = label + (f" +{latency} ms" if latency else "")
                            self.scenario(name, lambda: self.export(org, commands, name, api, ext, cpu_target, latency))
                if self.wanted("load") or self.wanted("validate"):
                    self.loads(org, commands)
        if self.wanted("scaling"):
            self.scenario("scaling", self.scaling)
        json_path, md_path = self.report.write()
        print(self.report.markdown())
        print(f"written: {json_path}\n         {md_path}")
        if not self.args.keep:
            shutil.rmtree(self.work, ignore_errors=True)
        return 1 if self.report.failures else 0

    def run_record_bench(self) -> None:
        binary = os.path.join(self.bin_dir, "RecordBench")
        if not self.wanted("records"):
            return
        if not os.access(binary, os.X_OK):
            self.report.notes.append("RecordBench was not built; record-layer figures skipped")
            return
        self.log("RecordBench (record layer: CSV, JSON Lines, gzip)")
        path = os.path.join(self.out_dir, f"recordbench-{self.mode}.txt")
        os.makedirs(self.out_dir, exist_ok=True)
        # RecordBench sizes itself from BENCH (quick or full); tiny only checks that it runs.
        command = [binary, "--dir", self.work] + (["--size-mb", "8", "--corpus-mb", "8"] if self.mode == "tiny" else [])
        result = run_measured(command, env={"BENCH": self.mode}, cwd=self.work, timeout=self.args.timeout,
                              stdout_path=path)
        with open(path, encoding="utf-8", errors="replace") as handle:
            sys.stdout.write(handle.read())
        if not result.succeeded:
            self.report.failures.append(f"RecordBench exited with {result.exit_code}: {result.stderr_tail[-300:]}")
        else:
            self.report.notes.append(f"RecordBench output: {os.path.basename(path)}")

    def floor(self, org: SimOrg, name: str, api: str, latency: int) -> None:
        """Measures the floor for `api` at `latency` once, before the exports that are compared with it."""
        org.set_faults(latencyMS=latency)
        try:
            rows = org.count("FROM Account")
            self.log(f"{name}: curl fetching every page of the export query")
            measurement = measure_floor(org, api, ACCOUNT_SOQL, rows, self.work, self.args.timeout)
            self.log(f"  {measurement.wall_seconds:.2f} s wall, {measurement.cpu_seconds:.2f} s CPU, "
                     f"{measurement.extra.get('pages')} pages (one curl per page: "
                     f"{measurement.extra.get('follow_wall_seconds'):.2f} s)")
            self.floors[(api, latency)] = measurement
        finally:
            org.set_faults(latencyMS=0)

    def export(self, org: SimOrg, commands: SfbatchCommands, name: str, api: str, ext: str,
               cpu_target: float, latency: int) -> None:
        org.set_faults(latencyMS=latency)
        rows = org.count("FROM Account")
        ours_path = os.path.join(self.work, f"sfbatch-accounts.{ext}")
        peer_path = os.path.join(self.work, f"peer-accounts.{ext}")
        try:
            ours = self.measured(f"sfexport {name}", commands.export(ACCOUNT_SOQL, ours_path, api), commands.env)
            self.expect_rows(ours_path, rows, "sfexport")
            ours.extra["output_bytes"] = os.path.getsize(ours_path)
            script = "export_rest.py" if api == "rest" else "export_bulk.py"
            theirs = self.measured(
                f"peer {name}",
                self.peer(org, script, "--object", "Account", "--fields", ",".join(ACCOUNT_FIELDS), "-o", peer_path),
                self.peer_env(org),
            )
            self.expect_rows(peer_path, rows, "peer")
            theirs.extra["output_bytes"] = os.path.getsize(peer_path)
            target = {"cpu_ratio_max": cpu_target}
            if latency:
                target["wall_ratio_max"] = round(1 / 3, 3)
            floor = self.floors.get((api, latency))
            if floor is not None:
                target["floor_wall_ratio_max"] = FLOOR_RATIO_MAX
            self.report.add(name, rows, ours, theirs, target, latency, floor)
        finally:
            org.set_faults(latencyMS=0)
            for path in (ours_path, peer_path):
                if os.path.exists(path):
                    os.remove(path)

    def loads(self, org: SimOrg, commands: SfbatchCommands) -> None:
        mapping = write_contact_mapping(os.path.join(self.work, "contacts.yaml"))
        parents = [r["Legacy_Id__c"] for r in org.query_all_records(
            "SELECT Legacy_Id__c FROM Account WHERE Legacy_Id__c != null LIMIT 20000")]
        if not parents:
            self.report.failures.append("loads: the generated org has no Account with Legacy_Id__c; loads skipped")
            return
        bulk_rows = self.sizes["bulk_load"]
        base = os.path.join(self.work, "contacts-base.csv")
        self.log(f"writing {bulk_rows:,} Contacts with parent lookups")
        datagen.write_contacts(base, bulk_rows, parents)

        if self.wanted("validate"):
            self.scenario("validate locally", lambda: self.validate(commands, mapping, base, parents))
        if not self.wanted("load"):
            return
        for latency in (0, LATENCY_MS):
            name = "upsert Contacts Bulk (parent lookup)" + (f" +{latency} ms" if latency else "")
            self.scenario(name, lambda: self.load(org, commands, mapping, base, bulk_rows, "bulk", latency, name))
        coll_rows = self.sizes["collections"]
        coll_base = os.path.join(self.work, "contacts-collections.csv")
        datagen.write_contacts(coll_base, coll_rows, parents, seed=7)
        for latency in (0, LATENCY_MS):
            name = "upsert Contacts Collections" + (f" +{latency} ms" if latency else "")
            self.scenario(name, lambda: self.load(org, commands, mapping, coll_base, coll_rows, "rest", latency, name))

    def validate(self, commands: SfbatchCommands, mapping: str, base: str, parents: list[str]) -> None:
        rows = self.sizes["validate"]
        path = base
        if rows != self.sizes["bulk_load"]:
            path = os.path.join(self.work, "contacts-validate.csv")
            datagen.write_contacts(path, rows, parents)
        ours = self.measured("sfimport validate", commands.validate(mapping, path), commands.env)
        self.report.add("validate locally (sfbatch only)", rows, ours, None, {"rows_per_second_min": 1_000_000})

    def load(self, org: SimOrg, commands: SfbatchCommands, mapping: str, base: str, rows: int, api: str,
             latency: int, name: str) -> None:
        tag = ("C" if api == "rest" else "B") + str(latency)
        ours_input = os.path.join(self.work, f"contacts-S{tag}.csv")
        peer_input = os.path.join(self.work, f"contacts-P{tag}.csv")
        datagen.with_prefix(base, ours_input, f"S{tag}")
        datagen.with_prefix(base, peer_input, f"P{tag}")
        org.set_faults(latencyMS=latency)
        try:
            results = os.path.join(self.work, f"results-S{tag}")
            os.makedirs(results, exist_ok=True)
            ours = self.measured(f"sfimport {name}", commands.load(mapping, ours_input, api, results), commands.env)
            self.check_load(org, f"S{tag}", rows, "sfimport")
            peer_results = os.path.join(self.work, f"results-P{tag}")
            script = "upsert_collections.py" if api == "rest" else "upsert_bulk.py"
            theirs = self.measured(
                f"peer {name}",
                self.peer(org, script, "--object", "Contact", "--external-id", "Legacy_Id__c",
                          "--input", peer_input, "--results-dir", peer_results),
                self.peer_env(org),
            )
            self.check_load(org, f"P{tag}", rows, "peer")
            target = {"cpu_ratio_max": 0.1}
            if latency:
                target["wall_ratio_max"] = round(1 / 3, 3)
            self.report.add(name, rows, ours, theirs, target, latency)
        finally:
            org.set_faults(latencyMS=0)
            for path in (ours_input, peer_input):
                if os.path.exists(path):
                    os.remove(path)

    @staticmethod
    def check_load(org: SimOrg, prefix: str, rows: int, who: str) -> None:
        found = org.count(f"FROM Contact WHERE Legacy_Id__c LIKE '{prefix}-%'")
        if found != rows:
            raise AssertionError(f"after the {who} load the org holds {found:,} Contacts keyed {prefix}-*, expected {rows:,}")

    def scaling(self) -> None:
        for rows in self.sizes["scaling"]:
            self.log(f"scaling: sfsim with {rows:,} Accounts")
            with SimOrg(self.sfsim, os.path.join(self.work, f"org-{rows}"), generate={"Account": rows}) as org:
                commands = SfbatchCommands(self.bin_dir, org, self.work)
                path = os.path.join(self.work, "scaling-accounts.csv.gz")
                ours = self.measured(f"sfexport scaling {rows:,}", commands.export(ACCOUNT_SOQL, path, "bulk"),
                                     commands.env)
                self.expect_rows(path, rows, "sfexport")
                os.remove(path)
                self.report.add_scaling(rows, ours)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", choices=sorted(MODES), default=os.environ.get("BENCH", "full"))
    parser.add_argument("--bin-dir", default=os.environ.get("SFBATCH_BIN_DIR", ".build/release"))
    parser.add_argument("--venv", default=os.environ.get("VENV", ".build/venv"))
    parser.add_argument("--out", default=os.environ.get("BENCH_OUT", ".build/bench"))
    parser.add_argument("--timeout", type=float, default=float(os.environ.get("BENCH_TIMEOUT", "1200")))
    parser.add_argument("--keep", action="store_true", default=os.environ.get("BENCH_KEEP") == "1",
                        help="keep the work folder (inputs, results, simulator logs)")
    return Bench(parser.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())

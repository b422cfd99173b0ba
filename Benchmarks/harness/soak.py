"""Fault soak: sfexport and sfimport under injected faults, then proofs that nothing was lost or doubled.

Run by `Benchmarks/soak.sh` (`make soak`). One simulator with generated Accounts; faults switched on
through the admin API for the client runs and off for the checks, so every check reads the org's
own answer. Each check prints what it proved; any violation makes the run exit 1.

Faults (defaults from the issue, each overridable by environment):
  SOAK_FAIL_RATE=0.05 (503s), SOAK_LOCK_RATE=0.02 (UNABLE_TO_LOCK_ROW row failures),
  SOAK_SESSION_TTL=30 (seconds), SOAK_DROP_EVERY=60 (seconds between dropped connections).
Sizes: SOAK_ROWS (default 1,000,000), SOAK_COLLECTIONS_ROWS (default SOAK_ROWS / 10).
"""

from __future__ import annotations

import argparse
import collections
import csv
import glob
import os
import shutil
import subprocess
import sys
import threading
import time

import datagen
from measure import run_measured
from sfbatch import SfbatchCommands, write_contact_mapping
from sim import SimOrg, SimulatorError
from verify import count_records, csv_rows

CONTACT_FIELDS = [c for c in datagen.CONTACT_COLUMNS if c != "Account.Legacy_Id__c"] + ["Account.Legacy_Id__c"]
# sfimport's documented exit codes: 0 all rows loaded; REJECTED = finished, some rows rejected.
EXIT_OK = 0


class Violation(AssertionError):
    pass


class Soak:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        env = os.environ
        self.rows = int(env.get("SOAK_ROWS", "1000000"))
        self.collection_rows = int(env.get("SOAK_COLLECTIONS_ROWS", str(max(self.rows // 10, 1000))))
        self.accounts = int(env.get("SOAK_ACCOUNTS", str(self.rows)))
        self.fail_rate = float(env.get("SOAK_FAIL_RATE", "0.05"))
        self.lock_rate = float(env.get("SOAK_LOCK_RATE", "0.02"))
        self.session_ttl = int(env.get("SOAK_SESSION_TTL", "30"))
        self.drop_every = float(env.get("SOAK_DROP_EVERY", "60"))
        self.bin_dir = os.path.abspath(args.bin_dir)
        self.sfsim = env.get("SFSIM_BIN") or os.path.join(self.bin_dir, "sfsim")
        self.work = os.path.abspath(os.path.join(args.out, "soak-work"))
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work, exist_ok=True)
        self.proved: list[str] = []
        self.violations: list[str] = []
        self.fault_counts: dict = {}
        self.drops = 0

    # -- plumbing ----------------------------------------------------------------------------

    def log(self, message: str) -> None:
        print(f"[soak {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    def check(self, condition: bool, proof: str, violation: str) -> None:
        if condition:
            self.proved.append(proof)
            self.log(f"ok: {proof}")
        else:
            self.violations.append(violation)
            self.log(f"VIOLATION: {violation}")

    def faults_on(self, org: SimOrg) -> None:
        org.set_faults(failRate=self.fail_rate, lockRate=self.lock_rate)

    def faults_off(self, org: SimOrg) -> None:
        org.set_faults(failRate=0, lockRate=0, dropRate=0, latencyMS=0)

    def run_client(self, what: str, command: list[str], env: dict[str, str], org: SimOrg):
        """Runs a client under faults, dropping one connection every `drop_every` seconds."""
        self.faults_on(org)
        stop = threading.Event()

        def dropper() -> None:
            while not stop.wait(self.drop_every):
                try:
                    dropped = org.drop_one_connection()
                    self.drops += dropped
                except (SimulatorError, OSError) as error:
                    self.log(f"could not schedule a dropped connection: {error}")

        thread = threading.Thread(target=dropper, daemon=True)
        thread.start()
        self.log(f"{what} under faults")
        try:
            result = run_measured(command, env=env, cwd=self.work, timeout=self.args.timeout)
        finally:
            stop.set()
            thread.join()
            self.faults_off(org)
        self.log(f"  exit {result.exit_code}, {result.wall_seconds:.1f} s")
        return result

    # -- the soak ----------------------------------------------------------------------------

    def run(self) -> int:
        self.log(f"sfsim with {self.accounts:,} Accounts, session TTL {self.session_ttl} s")
        org = SimOrg(self.sfsim, os.path.join(self.work, "org"), generate={"Account": self.accounts},
                     extra_args=["--session-ttl", str(self.session_ttl)])
        try:
            commands = SfbatchCommands(self.bin_dir, org, self.work)
            self.step("export", lambda: self.exports(org, commands))
            self.step("load", lambda: self.loads(org, commands))
            self.step("kill -9 and resume", lambda: self.kill_and_resume(org, commands))
            self.step("faults injected", lambda: self.check_faults_injected(org))
        finally:
            org.stop()
        self.summary()
        if not self.args.keep and not self.violations:
            shutil.rmtree(self.work, ignore_errors=True)
        return 1 if self.violations else 0

    def step(self, name: str, body) -> None:
        try:
            body()
        except Violation as violation:
            self.violations.append(f"{name}: {violation}")
            self.log(f"VIOLATION in {name}: {violation}")
        except Exception as error:  # noqa: BLE001 - every failure is a violation of the soak
            self.violations.append(f"{name}: {type(error).__name__}: {error}")
            self.log(f"VIOLATION in {name}: {error}")

    def check_faults_injected(self, org: SimOrg) -> None:
        """The soak proves nothing unless each kind of fault really happened."""
        self.fault_counts = org.stats()
        injected = self.fault_counts.get("faultsInjected", {})
        self.log(f"sfsim fault counters: {injected}")
        for kind, rate in (("fail", self.fail_rate), ("lock", self.lock_rate)):
            if rate > 0:
                count = injected.get(kind, 0)
                self.check(count > 0, f"sfsim injected {count:,} '{kind}' faults during the runs",
                           f"sfsim injected no '{kind}' fault: that part of the soak proved nothing")
        if self.drop_every > 0:
            self.check(self.drops > 0, f"{self.drops} connections were dropped on schedule",
                       "no connection was dropped: the runs ended before the first scheduled drop "
                       "(lower SOAK_DROP_EVERY for short runs)")

    def exports(self, org: SimOrg, commands: SfbatchCommands) -> None:
        expected = org.count("FROM Account")
        soql = "SELECT Id, Name, BillingCity, Legacy_Id__c FROM Account"
        for api, ext in (("bulk", "csv"), ("rest", "csv.gz")):
            path = os.path.join(self.work, f"accounts-{api}.{ext}")
            result = self.run_client(f"sfexport {api} → .{ext} ({expected:,} rows)",
                                     commands.export(soql, path, api), commands.env, org)
            if result.exit_code != EXIT_OK:
                raise Violation(f"sfexport --api {api} exited {result.exit_code}: {result.stderr_tail[-500:]}")
            ids = collections.Counter(row["Id"] for row in csv_rows(path))
            doubled = sum(1 for count in ids.values() if count > 1)
            self.check(sum(ids.values()) == expected and doubled == 0,
                       f"sfexport --api {api} under faults wrote exactly the org's {expected:,} Accounts, each once",
                       f"sfexport --api {api} wrote {sum(ids.values()):,} rows ({len(ids):,} distinct Ids, "
                       f"{doubled:,} repeated) for {expected:,} Accounts")
            leftovers = [p for p in glob.glob(path + "*") if p != path]
            self.check(not leftovers, f"sfexport --api {api} left no temporary files",
                       f"sfexport --api {api} left {leftovers}")
            os.remove(path)

    def contacts_file(self, org: SimOrg, rows: int, prefix: str, name: str) -> str:
        if not hasattr(self, "_parents"):
            self._parents = [r["Legacy_Id__c"] for r in org.query_all_records(
                "SELECT Legacy_Id__c FROM Account WHERE Legacy_Id__c != null LIMIT 20000")]
        base = os.path.join(self.work, f"base-{rows}.csv")
        if not os.path.exists(base):
            datagen.write_contacts(base, rows, self._parents)
        path = os.path.join(self.work, name)
        datagen.with_prefix(base, path, prefix)
        return path

    def loads(self, org: SimOrg, commands: SfbatchCommands) -> None:
        mapping = write_contact_mapping(os.path.join(self.work, "contacts.yaml"))
        for api, rows, prefix in (("bulk", self.rows, "SOAKB"), ("rest", self.collection_rows, "SOAKC")):
            path = self.contacts_file(org, rows, prefix, f"contacts-{prefix}.csv")
            results = os.path.join(self.work, f"results-{prefix}")
            os.makedirs(results, exist_ok=True)
            result = self.run_client(f"sfimport load --api {api} ({rows:,} rows)",
                                     commands.load(mapping, path, api, results), commands.env, org)
            if result.killed_by_signal:
                raise Violation(f"sfimport --api {api} died by signal {-result.exit_code}")
            self.check_results(path, results, rows, f"sfimport --api {api}")
            self.check_org(org, commands, prefix, results, f"sfimport --api {api}")

    def check_results(self, input_path: str, results_dir: str, rows: int, who: str) -> tuple[int, int]:
        """Every input row is in exactly one result file; returns (successes, errors)."""
        success = glob.glob(os.path.join(results_dir, "*success*.csv"))
        errors = glob.glob(os.path.join(results_dir, "*error*.csv"))
        if len(success) != 1 or len(errors) > 1:
            raise Violation(f"{who}: expected one success and at most one error file in results, found {success + errors}")
        seen: collections.Counter = collections.Counter()
        keys_ok: set[str] = set()
        for row in csv_rows(success[0]):
            seen[self.row_number(row)] += 1
            keys_ok.add(row["Legacy_Id__c"])
        ok_count = sum(seen.values())
        error_count = 0
        lock_left = 0
        for path in errors:
            for row in csv_rows(path):
                seen[self.row_number(row)] += 1
                error_count += 1
                lock_left += "UNABLE_TO_LOCK_ROW" in row.get("sf__Error", "")
        expected = set(range(1, rows + 1))
        missing = len(expected - set(seen))
        doubled = sum(1 for n in seen.values() if n > 1)
        self.check(missing == 0 and doubled == 0 and ok_count + error_count == rows,
                   f"{who}: all {rows:,} input rows are in exactly one result file "
                   f"({ok_count:,} success, {error_count:,} error)",
                   f"{who}: {missing:,} input rows in no result file, {doubled:,} in more than one "
                   f"({ok_count:,} success + {error_count:,} error for {rows:,} input rows)")
        self.check(lock_left == 0, f"{who}: no row was reported failed for UNABLE_TO_LOCK_ROW (all retried)",
                   f"{who}: {lock_left:,} rows reported UNABLE_TO_LOCK_ROW instead of being retried")
        self._success_keys = keys_ok
        return ok_count, error_count

    @staticmethod
    def row_number(row: dict) -> int:
        for key in ("sf__Row", "row", "Row", "sf__RowNumber", "rowNumber"):
            if key in row and row[key]:
                return int(row[key])
        raise Violation(f"result row without a row number column: columns {sorted(row)}")

    def keyed_export(self, org: SimOrg, commands: SfbatchCommands, prefix: str, name: str) -> str:
        """Exports the Contacts keyed `<prefix>-*` with the loaded fields (faults off)."""
        path = os.path.join(self.work, f"{name}.csv")
        soql = f"SELECT {', '.join(CONTACT_FIELDS)} FROM Contact WHERE Legacy_Id__c LIKE '{prefix}-%'"
        result = run_measured(commands.export(soql, path, "bulk"), env=commands.env, cwd=self.work,
                              timeout=self.args.timeout)
        if result.exit_code != 0:
            raise Violation(f"checking export failed ({result.exit_code}): {result.stderr_tail[-500:]}")
        return path

    def check_org(self, org: SimOrg, commands: SfbatchCommands, prefix: str, results: str, who: str) -> None:
        path = self.keyed_export(org, commands, prefix, f"org-{prefix}")
        keys = collections.Counter(row["Legacy_Id__c"] for row in csv_rows(path))
        doubled = sum(1 for n in keys.values() if n > 1)
        self.check(doubled == 0, f"{who}: sfsim holds no duplicate Contact for any of {len(keys):,} keys",
                   f"{who}: {doubled:,} keys have more than one Contact in sfsim")
        expected = self._success_keys
        self.check(set(keys) == expected,
                   f"{who}: the org holds exactly the {len(expected):,} Contacts the success file reports",
                   f"{who}: org has {len(set(keys) - expected):,} Contacts not in the success file and lacks "
                   f"{len(expected - set(keys)):,} that it reports")
        os.remove(path)

    def kill_and_resume(self, org: SimOrg, commands: SfbatchCommands) -> None:
        mapping = write_contact_mapping(os.path.join(self.work, "contacts.yaml"))
        rows = self.rows
        apis = [a for a in os.environ.get("SOAK_KILL_APIS", "bulk,rest").split(",") if a]
        for api in apis:
            count = rows if api == "bulk" else self.collection_rows
            tag = "B" if api == "bulk" else "C"
            reference = self.contacts_file(org, count, f"REF{tag}", f"ref-{tag}.csv")
            killed = self.contacts_file(org, count, f"KIL{tag}", f"kil-{tag}.csv")
            ref_results = os.path.join(self.work, f"results-REF{tag}")
            os.makedirs(ref_results, exist_ok=True)
            self.log(f"uninterrupted reference load --api {api} ({count:,} rows)")
            started = time.perf_counter()
            result = run_measured(commands.load(mapping, reference, api, ref_results), env=commands.env,
                                  cwd=self.work, timeout=self.args.timeout)
            elapsed = time.perf_counter() - started
            if result.exit_code != 0:
                raise Violation(f"reference load --api {api} exited {result.exit_code}: {result.stderr_tail[-500:]}")

            kill_results = os.path.join(self.work, f"results-KIL{tag}")
            os.makedirs(kill_results, exist_ok=True)
            delay = max(elapsed / 2, 0.2)
            self.log(f"load --api {api} killed with SIGKILL after {delay:.1f} s, then --resume")
            child = subprocess.Popen(commands.load(mapping, killed, api, kill_results), env={**os.environ, **commands.env},
                                     cwd=self.work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            killed_midway = False
            try:
                child.wait(timeout=delay)
                self.log(f"  the load finished before the kill (exit {child.returncode}); resume is then a no-op run")
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
                killed_midway = True
            at_kill = org.count(f"FROM Contact WHERE Legacy_Id__c LIKE 'KIL{tag}-%'")
            self.log(f"  {at_kill:,} of {count:,} rows were in the org when the load was killed")
            # A Bulk job keeps running on the server after its client dies, so for Bulk "mid-way" means the
            # client was killed before it finished; for Collections the org must also hold part of the rows.
            midway = killed_midway and (api == "bulk" or 0 < at_kill < count)
            self.check(midway,
                       f"the --api {api} load was killed mid-way (client still running; {at_kill:,} of {count:,} "
                       f"rows in the org at the kill)",
                       f"the --api {api} load was not killed mid-way ({at_kill:,} of {count:,} rows in the org at "
                       f"the kill); the resume check below proves less")
            resumed = run_measured(commands.load(mapping, killed, api, kill_results, ["--resume"]), env=commands.env,
                                   cwd=self.work, timeout=self.args.timeout)
            self.check(resumed.exit_code == 0, f"sfimport load --api {api} --resume after kill -9 finished (exit 0)",
                       f"sfimport load --api {api} --resume exited {resumed.exit_code}: {resumed.stderr_tail[-500:]}")
            self.check_results(killed, kill_results, count, f"killed+resumed --api {api}")

            ref_rows = self.snapshot(org, commands, f"REF{tag}")
            kil_rows = self.snapshot(org, commands, f"KIL{tag}")
            self.check(ref_rows == kil_rows,
                       f"kill -9 + --resume (--api {api}) left the same {len(kil_rows):,} Contacts, field for field, "
                       f"as the uninterrupted run, with no duplicates",
                       f"kill -9 + --resume (--api {api}): {len(kil_rows):,} rows vs {len(ref_rows):,} uninterrupted; "
                       f"{len(ref_rows - kil_rows):,} missing, {len(kil_rows - ref_rows):,} extra or different")

    def snapshot(self, org: SimOrg, commands: SfbatchCommands, prefix: str) -> collections.Counter:
        """The org's Contacts keyed `<prefix>-*`, key prefix removed, as a multiset of rows."""
        path = self.keyed_export(org, commands, prefix, f"snapshot-{prefix}")
        cut = len(prefix) + 1
        rows = collections.Counter()
        for row in csv_rows(path):
            row["Legacy_Id__c"] = row["Legacy_Id__c"][cut:]
            rows[tuple(row[name] for name in CONTACT_FIELDS)] += 1
        os.remove(path)
        return rows

    def summary(self) -> None:
        print()
        print(f"Fault soak: {self.rows:,} rows (Collections {self.collection_rows:,}); injected 503s "
              f"{self.fail_rate:.0%}, UNABLE_TO_LOCK_ROW {self.lock_rate:.0%}, session TTL {self.session_ttl} s, "
              f"a dropped connection every {self.drop_every:.0f} s")
        if self.fault_counts:
            injected = self.fault_counts.get("faultsInjected", {})
            print(f"faults injected by sfsim: {injected} (connections dropped on schedule: {self.drops}); "
                  f"logins: {self.fault_counts.get('logins', {})}")
        print()
        print("Proved:")
        for proof in self.proved:
            print(f"  ✓ {proof}")
        if self.violations:
            print("Violations:")
            for violation in self.violations:
                print(f"  ✗ {violation}")
            print(f"\nSOAK FAILED: {len(self.violations)} violation(s)")
        else:
            print(f"\nSOAK PASSED: {len(self.proved)} checks")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin-dir", default=os.environ.get("SFBATCH_BIN_DIR", ".build/release"))
    parser.add_argument("--out", default=os.environ.get("BENCH_OUT", ".build/bench"))
    parser.add_argument("--timeout", type=float, default=float(os.environ.get("SOAK_TIMEOUT", "1800")))
    parser.add_argument("--keep", action="store_true", default=os.environ.get("SOAK_KEEP") == "1")
    return Soak(parser.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())

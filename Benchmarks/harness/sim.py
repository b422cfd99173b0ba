"""A running `sfsim serve` for the benchmark and the soak: start, admin API, a few REST calls.

The harness talks to the simulator with the standard library only (urllib + ssl), so the
measured clients are the only users of sfbatch and simple-salesforce code.
"""

from __future__ import annotations

import glob
import json
import os
import signal
import ssl
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

API_VERSION = "62.0"
CLIENT_ID = "sfsim-client"
CLIENT_SECRET = "sfsim-secret"
USERNAME = "admin@sfsim.test"
PASSWORD = "sfsim-password"
SECURITY_TOKEN = "SFSIMTOKEN"
READY_PREFIX = "sfsim listening on "


class SimulatorError(RuntimeError):
    """The simulator could not be started or answered unexpectedly."""


class SimOrg:
    """One sfsim process on a free loopback port, optionally with a generated org and TLS."""

    def __init__(
        self,
        binary: str,
        work_dir: str,
        generate: dict[str, int] | None = None,
        seed: int = 42,
        tls: bool = True,
        extra_args: list[str] | None = None,
        ready_timeout: float = 600.0,
    ) -> None:
        self.binary = binary
        self.work_dir = work_dir
        os.makedirs(work_dir, exist_ok=True)
        self.tls_dir = os.path.join(work_dir, "tls") if tls else None
        # An empty org plus exactly the generated records, and an API allocation no run can spend.
        args = [binary, "serve", "--host", "127.0.0.1", "--port", "0", "--seed-data", "none",
                "--api-limit", "1000000000"]
        if generate:
            spec = ",".join(f"{name}={count}" for name, count in generate.items())
            args += ["--generate", spec, "--seed", str(seed)]
        if self.tls_dir:
            os.makedirs(self.tls_dir, exist_ok=True)
            args += ["--tls-self-signed", self.tls_dir]
        args += extra_args or []
        self.command = args
        self.log_path = os.path.join(work_dir, "sfsim.log")
        self._log = open(self.log_path, "ab")
        started = time.perf_counter()
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self._log)
        self.base_url = self._await_ready(ready_timeout)
        self.startup_seconds = time.perf_counter() - started
        self.ca_path = self._find_ca() if self.tls_dir else None
        self.ssl_context = (
            ssl.create_default_context(cafile=self.ca_path) if self.ca_path else ssl.create_default_context()
        )
        self._token: dict | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def _await_ready(self, timeout: float) -> str:
        assert self.process.stdout is not None
        box: dict[str, str] = {}
        ready = threading.Event()

        def read() -> None:
            assert self.process.stdout is not None
            for raw in iter(self.process.stdout.readline, b""):
                line = raw.decode("utf-8", "replace").strip()
                if not ready.is_set() and line.startswith(READY_PREFIX):
                    box["url"] = line[len(READY_PREFIX):].strip().rstrip("/")
                    ready.set()
                self._log.write(raw)
            ready.set()  # EOF: the process ended

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(timeout) or "url" not in box:
            exited = self.process.poll()
            self.stop()
            with open(self.log_path, "rb") as handle:
                tail = handle.read()[-600:].decode("utf-8", "replace").strip()
            how = f"exited with {exited}" if exited is not None else f"printed no ready line within {timeout:.0f} s"
            raise SimulatorError(f"sfsim {how} (command: {' '.join(self.command)}): {tail}")
        return box["url"]

    def _find_ca(self) -> str:
        assert self.tls_dir is not None
        candidates = sorted(glob.glob(os.path.join(self.tls_dir, "*")))
        preferred = [c for c in candidates if os.path.basename(c).lower().startswith("ca")]
        for path in preferred + candidates:
            if path.endswith((".pem", ".crt")) and "key" not in os.path.basename(path).lower():
                with open(path, "rb") as handle:
                    if b"BEGIN CERTIFICATE" in handle.read():
                        return path
        raise SimulatorError(f"sfsim --tls-self-signed wrote no CA certificate into {self.tls_dir}")

    def stop(self) -> None:
        """Stops the simulator (SIGTERM, then SIGKILL after 10 s)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def __enter__(self) -> "SimOrg":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- HTTP --------------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 120.0,
    ) -> tuple[int, dict[str, str], bytes]:
        """One HTTP call to the simulator; returns (status, headers, body) for any status."""
        url = path if path.startswith("http") else self.base_url + path
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=timeout, context=self.ssl_context) as response:
                return response.status, dict(response.headers.items()), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers.items()), error.read()

    def admin(self, path: str, method: str = "GET", body: dict | None = None) -> dict:
        """Calls `/__sfsim/<path>`; raises when the simulator answers with an error status."""
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data is not None else {}
        status, _, payload = self.request(method, f"/__sfsim/{path}", data, headers)
        if status >= 300:
            raise SimulatorError(f"admin {method} /__sfsim/{path} answered {status}: {payload[:300]!r}")
        return json.loads(payload) if payload.strip() else {}

    def set_faults(self, **faults) -> dict:
        """Changes fault injection at run time (`POST /__sfsim/faults`), e.g. `set_faults(latencyMS=20)`.

        Keys: latencyMS, failRate, lockRate, dropRate (shares 0-1), apiLimit, sessionTTL.
        """
        return self.admin("faults", "POST", faults)

    def clear_faults(self) -> dict:
        return self.set_faults(latencyMS=0, failRate=0, lockRate=0, dropRate=0)

    def faults_injected(self) -> dict[str, int]:
        """Counters of injected faults by kind (e.g. `drop`, `503`, `lock`)."""
        return dict(self.stats().get("faultsInjected", {}))

    def drop_one_connection(self, timeout: float = 5.0) -> int:
        """Drops the next request's connection(s): drop rate 1 until a drop is counted, then 0.

        Returns how many connections were dropped in that window (0 when the client sent nothing).
        """
        before = self.faults_injected().get("drop", 0)
        self.set_faults(dropRate=1)
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                if self.faults_injected().get("drop", 0) > before:
                    break
                time.sleep(0.005)
        finally:
            self.set_faults(dropRate=0)
        return self.faults_injected().get("drop", 0) - before

    def stats(self) -> dict:
        return self.admin("stats")

    def token(self, refresh: bool = False) -> dict:
        """A client-credentials token response (`access_token`, `instance_url`, ...)."""
        if self._token is None or refresh:
            form = urllib.parse.urlencode(
                {"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
            ).encode()
            status, _, payload = self.request(
                "POST",
                "/services/oauth2/token",
                form,
                {"Content-Type": "application/x-www-form-urlencoded"},
            )
            if status != 200:
                raise SimulatorError(f"client-credentials login answered {status}: {payload[:300]!r}")
            self._token = json.loads(payload)
        return self._token

    def rest(self, method: str, path: str, body: dict | list | None = None) -> tuple[int, object]:
        """A REST call under `/services/data/vXX.X`, logging in again on 401.

        Up to three fresh logins: with a short `--session-ttl` a token can expire between the login
        and the call (the org may hand back a session that is about to lapse).
        """
        for attempt in range(4):
            token = self.token(refresh=attempt > 0)
            headers = {"Authorization": f"Bearer {token['access_token']}", "Accept": "application/json"}
            data = None
            if body is not None:
                data = json.dumps(body).encode()
                headers["Content-Type"] = "application/json"
            status, _, payload = self.request(method, f"/services/data/v{API_VERSION}{path}", data, headers)
            if status != 401:
                return status, (json.loads(payload) if payload.strip() else None)
        return status, (json.loads(payload) if payload.strip() else None)

    def query_all_records(self, soql: str) -> list[dict]:
        """Every record of a REST query, following `nextRecordsUrl` (harness checks only)."""
        status, page = self.rest("GET", "/query?" + urllib.parse.urlencode({"q": soql}))
        if status != 200 or not isinstance(page, dict):
            raise SimulatorError(f"query {soql!r} answered {status}: {str(page)[:300]}")
        records = list(page.get("records", []))
        while not page.get("done", True):
            next_url = page["nextRecordsUrl"]
            prefix = f"/services/data/v{API_VERSION}"
            status, page = self.rest("GET", next_url[len(prefix):] if next_url.startswith(prefix) else next_url)
            if status != 200 or not isinstance(page, dict):
                raise SimulatorError(f"query page {next_url} answered {status}")
            records.extend(page.get("records", []))
        return records

    def count(self, soql_from_where: str) -> int:
        """`SELECT COUNT() FROM ...` through REST: the org's own answer, for exact-count checks."""
        status, page = self.rest("GET", "/query?" + urllib.parse.urlencode({"q": f"SELECT COUNT() {soql_from_where}"}))
        if status != 200 or not isinstance(page, dict):
            raise SimulatorError(f"COUNT() {soql_from_where!r} answered {status}: {str(page)[:300]}")
        return int(page["totalSize"])

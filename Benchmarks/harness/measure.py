"""Runs one client process and measures it the way the benchmark reports it.

Why not `time` or `psutil`: `os.wait4` returns the resource usage of exactly the child we
started (and anything it waited for), so client CPU seconds never include the simulator, the
harness or another helper's work on the same machine. Peak RSS is the child's `ru_maxrss`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Measurement:
    """What one measured client run cost."""

    command: list[str]
    exit_code: int
    wall_seconds: float
    user_seconds: float
    system_seconds: float
    peak_rss_bytes: int
    stderr_tail: str = ""
    stdout: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def cpu_seconds(self) -> float:
        """User plus system CPU of the client process alone."""
        return self.user_seconds + self.system_seconds

    @property
    def succeeded(self) -> bool:
        return self.exit_code == 0

    @property
    def killed_by_signal(self) -> bool:
        return self.exit_code < 0


class ClientFailed(RuntimeError):
    """A measured client exited non-zero: the figure would be meaningless, so the scenario fails."""


def run_measured(
    command: list[str],
    env: dict[str, str] | None = None,
    cwd: str | None = None,
    timeout: float = 1800.0,
    stdout_path: str | None = None,
) -> Measurement:
    """Starts `command`, waits for it with `os.wait4`, and returns wall time, CPU and peak RSS.

    stdout is captured (sfexport/sfimport `--json` summaries) unless `stdout_path` is given;
    stderr is kept to its last lines so a failure can be reported. The child is killed after
    `timeout` seconds, which the caller sees as a non-zero exit.
    """
    merged = dict(os.environ)
    if env:
        merged.update(env)
    out_handle = open(stdout_path, "wb") if stdout_path else subprocess.PIPE
    started = time.perf_counter()
    child = subprocess.Popen(
        command,
        env=merged,
        cwd=cwd,
        stdout=out_handle,
        stderr=subprocess.PIPE,
    )
    # Drain the pipes on threads so a chatty child never blocks on a full pipe.
    captured: dict[str, bytes] = {"out": b"", "err": b""}

    def drain(stream, key: str, limit: int) -> None:
        chunks: list[bytes] = []
        size = 0
        for chunk in iter(lambda: stream.read(65536), b""):
            chunks.append(chunk)
            size += len(chunk)
            while size > limit and len(chunks) > 1:
                size -= len(chunks.pop(0))
        captured[key] = b"".join(chunks)

    threads = []
    if child.stdout is not None:
        threads.append(threading.Thread(target=drain, args=(child.stdout, "out", 4 << 20), daemon=True))
    threads.append(threading.Thread(target=drain, args=(child.stderr, "err", 64 << 10), daemon=True))
    for thread in threads:
        thread.start()

    timer = threading.Timer(timeout, lambda: _kill_quietly(child.pid))
    timer.start()
    try:
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    for thread in threads:
        thread.join(timeout=10)
    if stdout_path:
        out_handle.close()  # type: ignore[union-attr]

    # ru_maxrss is kilobytes on Linux and bytes on macOS.
    rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    err_lines = captured["err"].decode("utf-8", "replace").splitlines()
    return Measurement(
        command=command,
        exit_code=child.returncode,
        wall_seconds=wall,
        user_seconds=usage.ru_utime,
        system_seconds=usage.ru_stime,
        peak_rss_bytes=rss,
        stderr_tail="\n".join(err_lines[-30:]),
        stdout=captured["out"].decode("utf-8", "replace"),
    )


def require_success(measurement: Measurement, what: str) -> Measurement:
    """Raises `ClientFailed` with the client's last stderr lines when it did not exit 0."""
    if not measurement.succeeded:
        last = (measurement.stderr_tail.strip().splitlines() or ["(no stderr)"])[-1]
        raise ClientFailed(
            f"{what} exited with {measurement.exit_code}: {last}\n"
            f"command: {' '.join(measurement.command)}\n{measurement.stderr_tail}"
        )
    return measurement


def _kill_quietly(pid: int) -> None:
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass

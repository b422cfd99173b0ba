"""The side-by-side table: Markdown for people, JSON for machines, the same figures in both."""

from __future__ import annotations

import json
import os
import platform
import time

from measure import Measurement

MB = 1024 * 1024


def side(measurement: Measurement | None, rows: int) -> dict | None:
    """The figures of one client run, or None when that side has no run (sfbatch-only scenarios)."""
    if measurement is None:
        return None
    wall = measurement.wall_seconds
    return {
        "rows": rows,
        "wall_seconds": round(wall, 3),
        "rows_per_second": round(rows / wall) if wall > 0 else None,
        "cpu_seconds": round(measurement.cpu_seconds, 3),
        "user_seconds": round(measurement.user_seconds, 3),
        "system_seconds": round(measurement.system_seconds, 3),
        "cpu_microseconds_per_row": round(measurement.cpu_seconds / rows * 1e6, 2) if rows else None,
        "peak_rss_mb": round(measurement.peak_rss_bytes / MB, 1),
        "exit_code": measurement.exit_code,
        "command": measurement.command,
        "summary": _summary(measurement.stdout),
        **measurement.extra,
    }


def floor_side(measurement: Measurement | None, latency_ms: int) -> dict | None:
    """The figures of one floor (floor.py): one curl over one connection, and the one-curl-per-page pass beside it."""
    if measurement is None:
        return None
    extra = measurement.extra
    return {
        "api": extra.get("api"),
        "latency_ms": latency_ms,
        "wall_seconds": round(measurement.wall_seconds, 3),
        "cpu_seconds": round(measurement.cpu_seconds, 3),
        "pages": extra.get("pages"),
        "bytes": extra.get("bytes"),
        "command": measurement.command,
        "follow_wall_seconds": extra.get("follow_wall_seconds"),
        "follow_cpu_seconds": extra.get("follow_cpu_seconds"),
        "follow_command": extra.get("follow_command"),
    }


def _summary(stdout: str) -> dict | None:
    """The client's own one-line JSON summary (sfexport/sfimport `--json`, the peer scripts), if any."""
    for line in reversed(stdout.strip().splitlines()):
        try:
            value = json.loads(line)
        except ValueError:
            continue
        return value if isinstance(value, dict) else None
    return None


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return round(a / b, 3)


def fmt(value, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


class Report:
    """Collects scenario results and writes `<dir>/<name>.json` and `.md` (plus `latest.*`)."""

    def __init__(self, mode: str, out_dir: str) -> None:
        self.mode = mode
        self.out_dir = out_dir
        self.started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        self.scenarios: list[dict] = []
        self.scaling: list[dict] = []
        self.notes: list[str] = []
        self.simulator: dict = {}
        self.failures: list[str] = []

    def add(self, name: str, rows: int, sfbatch: Measurement | None, peer: Measurement | None,
            target: dict | None = None, latency_ms: int = 0, floor: Measurement | None = None) -> dict:
        ours = side(sfbatch, rows)
        theirs = side(peer, rows)
        base = floor_side(floor, latency_ms)
        entry = {
            "scenario": name,
            "latency_ms": latency_ms,
            "rows": rows,
            "sfbatch": ours,
            "peer": theirs,
            "floor": base,
            "ratio": {
                "wall": ratio(ours and ours["wall_seconds"], theirs and theirs["wall_seconds"]),
                "cpu": ratio(ours and ours["cpu_seconds"], theirs and theirs["cpu_seconds"]),
                "peak_rss": ratio(ours and ours["peak_rss_mb"], theirs and theirs["peak_rss_mb"]),
                "floor_wall": ratio(ours and ours["wall_seconds"], base and base["wall_seconds"]),
            },
            "target": target or {},
        }
        entry["verdict"] = self._verdict(entry)
        self.scenarios.append(entry)
        return entry

    @staticmethod
    def _verdict(entry: dict) -> dict:
        """Checks each figure against the issue's targets; a missing figure is not a pass."""
        verdict: dict[str, bool] = {}
        target = entry["target"]
        ours = entry["sfbatch"]
        if ours is not None:
            verdict["rss_le_64mb"] = ours["peak_rss_mb"] <= 64
        if "cpu_ratio_max" in target and entry["ratio"]["cpu"] is not None:
            verdict["cpu_ratio"] = entry["ratio"]["cpu"] <= target["cpu_ratio_max"]
        if "wall_ratio_max" in target and entry["ratio"]["wall"] is not None:
            verdict["wall_ratio"] = entry["ratio"]["wall"] <= target["wall_ratio_max"]
        if "floor_wall_ratio_max" in target and entry["ratio"]["floor_wall"] is not None:
            verdict["floor_ratio"] = entry["ratio"]["floor_wall"] <= target["floor_wall_ratio_max"]
        if "rows_per_second_min" in target and ours is not None and ours["rows_per_second"] is not None:
            verdict["rows_per_second"] = ours["rows_per_second"] >= target["rows_per_second_min"]
        return verdict

    def add_scaling(self, rows: int, measurement: Measurement) -> None:
        self.scaling.append(side(measurement, rows) or {})

    # -- output ------------------------------------------------------------------------------

    def markdown(self) -> str:
        lines = [] if self.scenarios else ["(no side-by-side scenario ran)"]
        lines += [] if not self.scenarios else [
            f"### sfbatch vs simple-salesforce ({self.mode}, {self.started}, {os.cpu_count()} cores, "
            f"{platform.system()} {platform.machine()})",
            "",
            "| scenario | rows | sfbatch s | peer s | wall ratio | sfbatch rows/s | peer rows/s "
            "| sfbatch CPU s | peer CPU s | CPU ratio | sfbatch RSS MB | peer RSS MB | targets |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for entry in self.scenarios:
            ours = entry["sfbatch"] or {}
            theirs = entry["peer"] or {}
            checks = entry["verdict"]
            verdict = ", ".join(f"{'ok' if ok else 'MISSED'} {name}" for name, ok in checks.items()) or "—"
            lines.append(
                "| {scenario} | {rows} | {ow} | {pw} | {rw} | {ors} | {prs} | {oc} | {pc} | {rc} | {orss} | {prss} | {v} |".format(
                    scenario=entry["scenario"],
                    rows=fmt(entry["rows"]),
                    ow=fmt(ours.get("wall_seconds")),
                    pw=fmt(theirs.get("wall_seconds")),
                    rw=fmt(entry["ratio"]["wall"], 3),
                    ors=fmt(ours.get("rows_per_second")),
                    prs=fmt(theirs.get("rows_per_second")),
                    oc=fmt(ours.get("cpu_seconds")),
                    pc=fmt(theirs.get("cpu_seconds")),
                    rc=fmt(entry["ratio"]["cpu"], 3),
                    orss=fmt(ours.get("peak_rss_mb"), 1),
                    prss=fmt(theirs.get("peak_rss_mb"), 1),
                    v=verdict,
                )
            )
        lines += self._floor_markdown()
        if self.scaling:
            lines += [
                "",
                "Scaling (sfexport, same export at each size; time should grow linearly, peak RSS stay flat):",
                "",
                "| rows | wall s | rows/s | CPU s | CPU µs/row | peak RSS MB |",
                "|---:|---:|---:|---:|---:|---:|",
            ]
            for point in self.scaling:
                lines.append(
                    f"| {fmt(point.get('rows'))} | {fmt(point.get('wall_seconds'))} | {fmt(point.get('rows_per_second'))} "
                    f"| {fmt(point.get('cpu_seconds'))} | {fmt(point.get('cpu_microseconds_per_row'))} "
                    f"| {fmt(point.get('peak_rss_mb'), 1)} |"
                )
        if self.notes:
            lines += [""] + [f"- {note}" for note in self.notes]
        if self.failures:
            lines += ["", "Failures:"] + [f"- {failure}" for failure in self.failures]
        return "\n".join(lines) + "\n"

    def _floor_markdown(self) -> list[str]:
        """The floor table: each export row beside curl fetching the same pages (empty when none ran)."""
        rows = [entry for entry in self.scenarios if entry.get("floor")]
        if not rows:
            return []
        lines = [
            "",
            "Floor (one curl fetching the same result pages over one connection, bodies to /dev/null; "
            "target sfexport ≤ 1.25× the floor, set by the issue for gzip on all cores; "
            "curl-per-page s: the same pages followed live with one curl per page, for reference):",
            "",
            "| scenario | floor s | floor CPU s | pages | MB on the wire | curl-per-page s | sfbatch s "
            "| sfbatch / floor | target |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        for entry in rows:
            base = entry["floor"]
            ok = entry["verdict"].get("floor_ratio")
            megabytes = base["bytes"] / MB if base.get("bytes") is not None else None
            lines.append(
                f"| {entry['scenario']} | {fmt(base['wall_seconds'])} | {fmt(base['cpu_seconds'])} "
                f"| {fmt(base.get('pages'))} | {fmt(megabytes, 1)} | {fmt(base.get('follow_wall_seconds'))} "
                f"| {fmt((entry['sfbatch'] or {}).get('wall_seconds'))} "
                f"| {fmt(entry['ratio']['floor_wall'], 3)} | {'—' if ok is None else ('ok' if ok else 'MISSED')} |"
            )
        return lines

    def as_json(self) -> dict:
        return {
            "mode": self.mode,
            "started": self.started,
            "machine": {"cores": os.cpu_count(), "system": platform.system(), "machine": platform.machine(),
                        "python": platform.python_version()},
            "simulator": self.simulator,
            "scenarios": self.scenarios,
            "scaling": self.scaling,
            "notes": self.notes,
            "failures": self.failures,
        }

    def write(self) -> tuple[str, str]:
        os.makedirs(self.out_dir, exist_ok=True)
        stamp = self.started.replace(":", "").replace("-", "")
        json_path = os.path.join(self.out_dir, f"side-by-side-{self.mode}-{stamp}.json")
        md_path = json_path[:-5] + ".md"
        body = json.dumps(self.as_json(), indent=2)
        text = self.markdown()
        for path, content in ((json_path, body), (md_path, text),
                              (os.path.join(self.out_dir, "latest.json"), body),
                              (os.path.join(self.out_dir, "latest.md"), text)):
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(content)
        return json_path, md_path

"""Output checks run after each measured client, outside the measurement.

A benchmark figure only counts when the client produced the rows it claims: every output file is
re-read here and its records counted, so a fast client that wrote a short file fails loudly.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import sys

csv.field_size_limit(sys.maxsize)


def open_text(path: str):
    """A text handle over a plain or gzip file (detected by magic bytes, like sfbatch does)."""
    with open(path, "rb") as probe:
        magic = probe.read(2)
    raw = gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8", newline="")


def count_records(path: str) -> int:
    """Data records in a CSV (header excluded; quoted line breaks handled) or JSON Lines file."""
    if not os.path.exists(path):
        raise FileNotFoundError(f"expected output {path} does not exist")
    name = path[:-3] if path.endswith(".gz") else path
    with open_text(path) as handle:
        if name.endswith((".jsonl", ".ndjson")):
            return sum(1 for line in handle if line.strip())
        reader = csv.reader(handle)
        next(reader, None)
        return sum(1 for _ in reader)


def csv_rows(path: str):
    """Rows of a CSV file as dicts (plain or gzip)."""
    with open_text(path) as handle:
        yield from csv.DictReader(handle)

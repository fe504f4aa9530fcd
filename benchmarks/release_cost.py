"""Cost of each release step, as a ratio to loading the package (not a test).

Run: .venv/bin/python benchmarks/release_cost.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

from city_diplomacy import load
from city_diplomacy.data.load import SHIPPED_DESCRIPTOR
from city_diplomacy.data.published import published_descriptor
from city_diplomacy.release.export import licence_text, validation_problems
from city_diplomacy.release.formats.archive import release_timestamp
from city_diplomacy.release.formats.datapackage_zip import datapackage_zip
from city_diplomacy.release.formats.duckdb import duckdb_sql
from city_diplomacy.release.formats.geojson import city_features
from city_diplomacy.release.formats.jsondump import json_bytes
from city_diplomacy.release.formats.parquet import parquet_files
from city_diplomacy.release.formats.sqlite import sqlite_bytes
from city_diplomacy.release.formats.tables import tables_of
from city_diplomacy.release.formats.xlsx import xlsx_bytes
from city_diplomacy.release.jsonapi import api_files

#: Steps added with the Parquet, DuckDB and JSON API outputs (the rest existed before).
NEW_STEPS = ("parquet", "duckdb sql", "json api")


def best_of(step: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    package = load(SHIPPED_DESCRIPTOR)
    tables = tables_of(package)
    descriptor = published_descriptor(package)
    when = release_timestamp(package.descriptor)
    licence = licence_text(package)
    base = best_of(lambda: load(SHIPPED_DESCRIPTOR))
    steps: dict[str, Callable[[], object]] = {
        "validate": lambda: validation_problems(SHIPPED_DESCRIPTOR),
        "typed tables": lambda: tables_of(package),
        "zip": lambda: datapackage_zip(package, tables, licence, when),
        "xlsx": lambda: xlsx_bytes(descriptor, tables, when),
        "sqlite": lambda: sqlite_bytes(tables),
        "json": lambda: json_bytes(descriptor, tables),
        "geojson": lambda: city_features(package).to_bytes(),
        "parquet": lambda: parquet_files(tables),
        "duckdb sql": lambda: duckdb_sql(tables),
        "json api": lambda: api_files(package),
    }
    print(f"load() {base:.3f} s")
    print(f"{'step':<14} {'seconds':>8} ratio to load()")
    seconds = {}
    for name, step in steps.items():
        runs = 1 if name == "validate" else 5
        seconds[name] = best_of(step, runs)
        print(f"{name:<14} {seconds[name]:8.3f} {seconds[name] / base:8.1f}")
    before = sum(t for name, t in seconds.items() if name not in NEW_STEPS)
    print(
        f"release steps before: {before:.2f} s; with the new outputs: {sum(seconds.values()):.2f} s"
    )


if __name__ == "__main__":
    main()

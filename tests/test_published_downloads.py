"""``downloads/<version>/``: the unpacked package and a SHA256SUMS over every file."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import frictionless

from city_diplomacy.data.load import SHIPPED_DESCRIPTOR
from city_diplomacy.release.formats.checksums import parse_sha256sums
from city_diplomacy.sitebuild.versions import publish_downloads


def test_downloads_folder_is_checksummed_and_valid(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for code in ("ja", "en"):  # a built tree per language: its offline copy is published
        tree = site / code / "latest"
        tree.mkdir(parents=True)
        (tree / "index.html").write_text(f"<html lang='{code}'></html>", encoding="utf-8")
    publish_downloads(site, SHIPPED_DESCRIPTOR, "latest")
    target = site / "downloads" / "latest"
    files = sorted(
        p.relative_to(target).as_posix()
        for p in target.rglob("*")
        if p.is_file() and p.name != "SHA256SUMS"
    )
    assert {"site-ja.zip", "site-en.zip", "datapackage/datapackage.json"} <= set(files)
    sums = parse_sha256sums((target / "SHA256SUMS").read_text(encoding="utf-8"))
    assert sorted(sums) == files
    sha256sum = shutil.which("sha256sum")
    if sha256sum is not None:  # coreutils checks the file as well
        result = subprocess.run(
            [sha256sum, "-c", "--quiet", "SHA256SUMS"],
            cwd=target,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    # the unpacked package holds the zip's bytes, and frictionless finds its CSVs
    zip_name = next(name for name in files if name.endswith(".zip") and "site-" not in name)
    with zipfile.ZipFile(target / zip_name) as archive:
        for name in archive.namelist():
            if name == "datapackage.json" or name.startswith("data/"):
                assert (target / "datapackage" / name).read_bytes() == archive.read(name)
    report = frictionless.validate(str(target / "datapackage" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    # a changed file fails the check
    (target / "site-en.zip").write_bytes(b"changed")
    if sha256sum is not None:
        failed = subprocess.run(
            [sha256sum, "-c", "--quiet", "SHA256SUMS"], cwd=target, capture_output=True, check=False
        )
        assert failed.returncode != 0

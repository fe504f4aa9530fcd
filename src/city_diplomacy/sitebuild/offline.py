"""Offline copies of the site: a language's HTML tree as a reproducible zip, or an EPUB.

The zip holds the tree under one folder (``site-ja/index.html`` …) so it unpacks
tidily. Entries are sorted, every timestamp is fixed and permissions are normalised,
so the same tree always gives the same bytes. ``pagefind/`` is left out: Pagefind
needs HTTP, and opened from ``file://`` the search page falls back to Sphinx's own
index, which the tree carries.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from city_diplomacy._version import LATEST

#: Folders and files of a built tree that an offline copy leaves out.
EXCLUDED = frozenset({"pagefind", ".buildinfo", ".doctrees"})
#: The timestamp of every entry (the earliest a zip can hold).
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class OfflineError(Exception):
    """The tree to pack is missing or is not a built site."""


@dataclass(frozen=True)
class OfflineArchive:
    """What :func:`make_offline_zip` wrote."""

    path: Path
    size: int
    sha256: str
    entries: int


def tree_files(tree: Path, exclude: Iterable[str] = EXCLUDED) -> list[Path]:
    """Files of ``tree`` to pack, relative and sorted (POSIX order of their paths)."""
    skipped = set(exclude)
    found = []
    for path in Path(tree).rglob("*"):
        relative = path.relative_to(tree)
        if relative.parts[0] in skipped or not path.is_file():
            continue
        found.append(relative)
    return sorted(found, key=lambda p: p.as_posix())


def make_offline_zip(
    tree: Path,
    dest: Path,
    *,
    folder: str | None = None,
    exclude: Iterable[str] = EXCLUDED,
) -> OfflineArchive:
    """Zip the built tree ``tree`` (``<site>/<lang>/<version>``) into ``dest``.

    ``folder`` names the top folder inside the zip (default: ``dest``'s stem, e.g.
    ``site-ja``). The file is written next to ``dest`` and renamed into place, so a
    failure leaves any previous copy intact. Raises :class:`OfflineError` if ``tree``
    has no ``index.html``.
    """
    tree, dest = Path(tree), Path(dest)
    if not (tree / "index.html").is_file():
        raise OfflineError(f"{tree}: no index.html; build the site first")
    top = (folder if folder is not None else dest.stem).strip("/")
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    os.close(handle)
    files = tree_files(tree, exclude)
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for relative in files:
                name = f"{top}/{relative.as_posix()}" if top else relative.as_posix()
                info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.create_system = 3  # Unix, so the permissions above are read back
                archive.writestr(info, (tree / relative).read_bytes(), compresslevel=9)
        os.chmod(temp, 0o644)
        os.replace(temp, dest)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    data = dest.read_bytes()
    return OfflineArchive(dest, len(data), hashlib.sha256(data).hexdigest(), len(files))


#: The Sphinx configuration folder of EPUB builds (package data: ``epub/conf.py``).
EPUB_CONF_DIR = Path(__file__).with_name("epub")


def _write_atomically(data: bytes, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, dest)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def check_epub(data: bytes, where: str) -> None:
    """Raise OfflineError unless ``data`` is an EPUB container readers accept.

    ``mimetype`` first and stored, a ``META-INF/container.xml`` naming an existing
    package document, and every XHTML/XML file well-formed.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise OfflineError(f"{where}: not a zip ({error})") from error
    with archive:
        first = archive.infolist()[0]
        if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
            raise OfflineError(f"{where}: the first entry must be an uncompressed 'mimetype'")
        if archive.read("mimetype") != b"application/epub+zip":
            raise OfflineError(f"{where}: mimetype is not application/epub+zip")
        names = set(archive.namelist())
        for name in sorted(names):
            if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
                try:
                    ElementTree.fromstring(archive.read(name))
                except ElementTree.ParseError as error:
                    raise OfflineError(f"{where}: {name}: not well-formed XML ({error})") from error
        container = ElementTree.fromstring(archive.read("META-INF/container.xml"))
        rootfiles = [e.get("full-path") for e in container.iter() if e.tag.endswith("rootfile")]
        if not rootfiles or any(path not in names for path in rootfiles):
            raise OfflineError(f"{where}: container.xml names no package document in the zip")


def make_epub(
    docs: Path,
    dest: Path,
    *,
    language: str = "ja",
    version_label: str = LATEST,
    identifier: str = "",
) -> OfflineArchive:
    """Build the EPUB of one language from the Sphinx sources ``docs`` into ``dest``.

    Runs ``sphinx-build -b epub -W`` (strict) in a temporary folder with the site's
    ``conf.py`` minus the chrome templates, checks the container (:func:`check_epub`)
    and renames it into place. Raises :class:`OfflineError` naming the problem.
    """
    docs, dest = Path(docs).resolve(), Path(dest)
    if not (docs / "conf.py").is_file():
        raise OfflineError(f"{docs}: no conf.py")
    with tempfile.TemporaryDirectory(prefix="cd-epub-") as temp:
        work = Path(temp)
        command = [
            sys.executable, "-m", "sphinx", "-b", "epub", "-W", "--keep-going", "-n", "-q",
            "-c", str(EPUB_CONF_DIR), "-d", str(work / "doctrees"),
            "-D", f"language={language}",
            "-D", f"city_diplomacy_version_label={version_label}",
            "-D", f"epub_identifier={identifier or f'{version_label}/{language}'}",
            str(docs), str(work / "out"),
        ]  # fmt: skip
        env = {**os.environ, "CITY_DIPLOMACY_DOCS": str(docs)}
        result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
        if result.returncode != 0:
            lines = [line for line in result.stderr.splitlines() if line.strip()][-20:]
            raise OfflineError("\n".join([f"EPUB build ({language}) failed:", *lines]))
        built = sorted((work / "out").glob("*.epub"))
        if len(built) != 1:
            raise OfflineError(f"EPUB build ({language}) wrote {len(built)} .epub files")
        data = built[0].read_bytes()
        check_epub(data, f"EPUB ({language})")
    _write_atomically(data, dest)
    return OfflineArchive(dest, len(data), hashlib.sha256(data).hexdigest(), 0)


def offline_zip_name(language: str) -> str:
    """File name of a language's offline copy in ``downloads/<version>/``."""
    return f"site-{language}.zip"


def write_offline_copies(site: Path, version_label: str = LATEST) -> list[OfflineArchive]:
    """Zip every ``<site>/<lang>/<version_label>/`` tree into ``downloads/<version_label>/``.

    The names are the ones the downloads page links (``site-<lang>.zip``).
    """
    site = Path(site)
    target = site / "downloads" / version_label
    written = []
    for tree in sorted(site.glob(f"*/{version_label}")):
        language = tree.parent.name
        if language == "downloads" or not (tree / "index.html").is_file():
            continue
        written.append(make_offline_zip(tree, target / offline_zip_name(language)))
    return written

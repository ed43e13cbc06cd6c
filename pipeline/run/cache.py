"""The incremental cache: a document's rows keyed by its content and by everything that shapes them.

Key = SHA-256 of the file's bytes + the pipeline's fingerprint (chitieu's version and source
code, the configured components, every lexicon file, an analyst's extra lexicons, the versions of
the gazetteer and of the reader libraries). An unchanged archive is not extracted again; a new file is; editing a lexicon changes
the fingerprint, so everything is extracted again. Each entry is written when its document is
done (to a temporary name, then renamed), so an interrupted run resumes where it stopped.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from importlib import metadata
from importlib.resources import files
from pathlib import Path

from .. import __version__
from ..config import Config
from ..lexicon import ENV
from ..dataset.lock import Lock
from .results import DocRows

LOCK = ".lock"

FORMAT = 4  # bump when DocRows changes shape


@cache
def _lexicon_digest(extra: str) -> str:
    digest = hashlib.sha256()
    folders = [files("lexicons")] + [Path(f) for f in filter(None, extra.split(os.pathsep))]
    for folder in folders:
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.name.endswith((".tsv", ".json")):  # .json: the subject model's parameters
                digest.update(entry.name.encode())
                digest.update(entry.read_bytes())
    return digest.hexdigest()


@cache
def source_digest(*folders: Path) -> str:
    """The Python source of these folders: an edited rule re-extracts, even with the same version
    (a developer's checkout, a patched install)."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def fingerprint(config: Config) -> str:
    """Everything besides the file's bytes that decides what rows a document gives."""
    import extractors
    import pipeline

    code = source_digest(Path(pipeline.__file__).parent, Path(extractors.__file__).parent)  # subpackages included
    libraries = ",".join(_version(p) for p in ("vietnamadminunits", "pypdfium2", "python-docx", "regex", "msdoc2docx"))
    parts = [str(FORMAT), __version__, code, ",".join(config.components), str(config.max_file_bytes),
             str(config.max_text_chars), str(config.max_figures_per_document),
             _lexicon_digest(os.environ.get(ENV, "")), libraries,
             os.environ.get("CHITIEU_SUBJECT_MODEL", "")]  # the subject model forced on or off
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


class Cache:
    """The entries of one fingerprint in `folder`. A run `open`s it: it then holds the cache's
    lock (one run at a time: a second one is refused) and the temporary files that runs killed
    mid-write left behind are deleted. The cache is an optimisation: a disk that is full or
    read-only turns it off for the rest of the run with a `warning`, and the run goes on."""

    def __init__(self, folder: Path, config: Config) -> None:
        self.folder = folder
        self.fingerprint = fingerprint(config)
        self.lock = Lock(folder / LOCK, f"the cache {folder}", "give this run another --cache-dir (or --no-cache)")
        self.warning: str | None = None  # why the cache was turned off during the run

    def open(self) -> "Cache":
        """Take the lock and clean up; raises Busy, or OSError when the folder cannot be made."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.lock.acquire()
        for stale in self.folder.glob("*/*.tmp*"):
            stale.unlink(missing_ok=True)
        return self

    def close(self) -> None:
        self.lock.release()

    def _path(self, content_hash: str) -> Path:
        key = f"{content_hash}-{self.fingerprint}"
        return self.folder / key[:2] / f"{key}.pkl"

    def has(self, content_hash: str) -> bool:
        return self._path(content_hash).is_file()

    def get(self, content_hash: str) -> DocRows | None:
        """The rows cached for these bytes; None if there are none, they do not load, or they
        were read from other bytes than their key says."""
        path = self._path(content_hash)
        try:
            with path.open("rb") as fh:
                rows = pickle.load(fh)
        except Exception:  # noqa: BLE001 - an entry that does not load is a miss (the cache is an optimisation)
            return None
        if not isinstance(rows, DocRows) or rows.content_hash != content_hash:
            return None
        return rows

    def put(self, rows: DocRows) -> None:
        """Keep `rows` under the hash of the bytes they were read from (the worker's, not the
        one taken before: a file changed in between must not be served for its old bytes)."""
        if self.warning is not None or not rows.content_hash:
            return
        path = self._path(rows.content_hash)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tmp.open("wb") as fh:
                pickle.dump(rows, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            self.warning = (f"the cache {self.folder} cannot be written ({exc.strerror or exc}): "
                            "the run went on without it")

    def size(self) -> tuple[int, int]:
        """(entries, bytes) of the whole cache folder, every fingerprint included."""
        entries = total = 0
        if self.folder.exists():
            for path in self.folder.rglob("*.pkl"):
                entries += 1
                total += path.stat().st_size
        return entries, total


def content_hash(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()

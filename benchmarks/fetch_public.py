"""Fetch the public test files of the soak benchmark (benchmarks/soak_sources.tsv) into
benchmarks/.cache/public/, each checked against its SHA-256. Nothing fetched is committed: the
list names each file's source (a pinned commit of its project) and licence.

Sources: python-docx's feature-test documents (MIT) and qpdf's test PDFs under 200 KB
(Apache-2.0), hostile by design (damaged xref tables, odd encodings, broken streams).

    python benchmarks/fetch_public.py            # where the network allows; files already there are kept
"""
from __future__ import annotations

import csv
import hashlib
import sys
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "soak_sources.tsv"
PUBLIC = HERE / ".cache" / "public"


def local_name(url: str) -> str:
    """project__path-with-underscores: unique, flat, the suffix kept."""
    _, _, rest = url.partition("raw.githubusercontent.com/")
    owner, project, _commit, path = rest.split("/", 3)
    return f"{project}__{path.replace('/', '_')}"


def main() -> int:
    PUBLIC.mkdir(parents=True, exist_ok=True)
    fetched = kept = failed = 0
    with SOURCES.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for row in rows:
        target = PUBLIC / local_name(row["url"])
        if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == row["sha256"]:
            kept += 1
            continue
        try:
            with urllib.request.urlopen(row["url"], timeout=30) as response:
                data = response.read()
        except (urllib.error.URLError, OSError) as exc:
            failed += 1
            print(f"not fetched: {row['url']}: {exc}", file=sys.stderr)
            if failed >= 5 and fetched == 0:
                print("no network, it seems: stopping", file=sys.stderr)
                break
            continue
        if hashlib.sha256(data).hexdigest() != row["sha256"]:
            failed += 1
            print(f"hash mismatch, not kept: {row['url']}", file=sys.stderr)
            continue
        target.write_bytes(data)
        fetched += 1
    print(f"{fetched} fetched, {kept} already there, {failed} not fetched -> {PUBLIC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

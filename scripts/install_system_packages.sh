#!/usr/bin/env bash
# The optional system packages that unlock every input format (Debian names):
#   tesseract-ocr tesseract-ocr-vie   OCR of scanned PDFs
#   libreoffice-writer-nogui          legacy .doc files (pipeline/ingest/doc.py)
#   chromium                          the report's browser test (tests only: --with-browser)
# Installs the missing ones when it can (root with apt-get), otherwise prints the one command
# that would. It never fails: without these packages chitieu still runs, and the files that need
# them are `skipped` with the package to install. Called by `make install` and by .ci/run.
set -u
missing=()
if ! command -v tesseract >/dev/null 2>&1; then
  missing+=(tesseract-ocr tesseract-ocr-vie)
elif ! tesseract --list-langs 2>/dev/null | grep -qx vie; then
  missing+=(tesseract-ocr-vie)
fi
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
if [ "${1:-}" = "--with-browser" ]; then
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "installing the optional system packages: ${missing[*]}"
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >/dev/null; then
    exit 0
  fi
  echo "warning: could not install ${missing[*]}; the files (and tests) that need them are skipped"
elif command -v apt-get >/dev/null 2>&1; then
  echo "optional: for every input format run: sudo apt-get install -y ${missing[*]}"
else
  echo "optional: for every input format install ${missing[*]} (Debian names) with your package manager"
fi
exit 0

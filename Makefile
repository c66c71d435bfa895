# The entry point for everyday work on parallax.
.PHONY: test test-browser lint fmt bench demo bless eval robustness

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

# Bad and odd input (empty, 50 MB, one 5 MB line, binary, NUL bytes, line
# endings, control characters, 10,000 files, a symbolic link loop...):
# exit status, first error line, time and peak memory of each.
robustness:
	$(CARGO) build --release --locked -p parallax-cli
	./scripts/robustness target/release/parallax

demo:
	$(CARGO) run --release --locked -p parallax-cli -- compare fixtures/security-guarantees -o report.html
	@echo "open report.html in a browser"

# Measure on benchmark data kept outside the repository, e.g.
#   make eval EXTRACTION=path/to/article-extraction-benchmark
eval:
	@test -n "$(EXTRACTION)" || { echo "give EXTRACTION=DIR (html/<key>.html.gz and ground-truth.json)"; exit 2; }
	$(CARGO) run --release --locked -p parallax-cli -- eval extraction $(EXTRACTION)

# Accept new snapshot results after reviewing them.
bless:
	INSTA_UPDATE=always $(CARGO) test --workspace --locked

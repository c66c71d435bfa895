# The entry point for everyday work on parallax.
.PHONY: test lint fmt bench demo bless eval

CARGO ?= cargo

test:
	$(CARGO) test --workspace --locked

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

fmt:
	$(CARGO) fmt --all

# Benchmarks arrive with the alignment and corpus work; until then this
# times the main job on the bundled fixture.
bench:
	$(CARGO) build --release --locked -p parallax-cli
	time ./target/release/parallax compare fixtures/security-guarantees --json /dev/null

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

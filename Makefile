# dtaosim — common tasks. `make help` lists them.
GO      ?= go
BIN     := bin/dtaosim
PKGS    := ./...
# The main binary is pure Go (CGO_ENABLED=0); DuckDB checks live in tests only.
export CGO_ENABLED ?= 0

.PHONY: help build test lint bench fuzz clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

build: ## build bin/dtaosim (CGO_ENABLED=0, VCS revision stamped)
	$(GO) build -buildvcs=auto -o $(BIN) ./cmd/dtaosim

test: lint ## the full suite: lint, every package's tests, DuckDB reading the outputs, a Slurm job array, the study script (CI runs this)
	bash scripts/slurm-e2e.sh
	bash scripts/study-e2e.sh
	CGO_ENABLED=1 $(GO) test -count=1 -tags duckdb ./experiments/duckdbtest/
	$(GO) test -count=1 $(PKGS)

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

lint: ## gofmt, go vet, staticcheck, and the no-global-random-source check
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) run $(STATICCHECK) $(PKGS)
	@sh scripts/check-norand.sh

BENCHSTAT := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
BENCHOUT  := bin/bench

bench: ## benchmarks of the hot paths, side by side, summarised by benchstat (figures in BENCHMARKS.md)
	@mkdir -p $(BENCHOUT)
	$(GO) test -run '^$$' -bench 'Benchmark(Step|Floor|FloorLatency)$$/launch_2025_02' -benchmem -benchtime 0.2s -count 20 ./market/ > $(BENCHOUT)/floor.txt
	$(GO) run $(BENCHSTAT) -col .name,/impl -filter '.unit:(ns/subnet-block OR allocs/op)' $(BENCHOUT)/floor.txt
	$(GO) test -run '^$$' -bench 'Benchmark(Step|Division)$$' -benchmem -benchtime 0.2s -count 10 ./market/ > $(BENCHOUT)/step.txt
	$(GO) run $(BENCHSTAT) -col /impl -filter '.unit:(ns/subnet-block OR ns/division OR allocs/op)' $(BENCHOUT)/step.txt
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./market/yuma/ ./experiments/record/ > $(BENCHOUT)/hot.txt
	$(GO) run $(BENCHSTAT) $(BENCHOUT)/hot.txt
	$(GO) test -run '^$$' -bench RunYear -benchtime 1x -count 1 ./experiments/

fuzz: ## fuzz the scenario reader for FUZZTIME (default 60s); new corpus entries land in testdata/fuzz
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $${FUZZTIME:-60s} ./market/replay/

clean: ## remove build outputs
	rm -rf bin

.PHONY: replay-examples
replay-examples: build ## replay every example of examples/replay/ into results/replay/
	@mkdir -p results/replay
	@for f in examples/replay/*.json; do \
	  name=$$(basename $$f .json); \
	  $(BIN) replay $$f > results/replay/$$name.csv.tmp && mv results/replay/$$name.csv.tmp results/replay/$$name.csv && \
	  echo "results/replay/$$name.csv: $$(($$(wc -l < results/replay/$$name.csv) - 1)) rows" || exit 1; \
	done

.PHONY: run
run: build ## the main job: the SN28 scenarios, the other shipped scenarios and the headline grid, with figures, into results/
	@for s in sn28 sn28-passive sn28-late btc-buyback root-decay; do \
	  echo "== $$s"; $(BIN) run $$s || exit 1; \
	done
	@echo "== meme-capture-demo (experiments/meme-capture-demo.yaml: the headline design at demonstration size)"
	$(BIN) sweep experiments/meme-capture-demo.yaml --out results/meme-capture-demo --resume
	$(BIN) plot results/meme-capture-demo

.PHONY: study
study: build ## the study of docs/results.md from the shipped experiment files (resumable; scripts/study.sh --list: parts and times); small outputs into docs/study/
	bash scripts/study.sh $(PARTS)

.PHONY: figures
figures: ## copy the main job's figures (PNG) into docs/figures/ for the README (run make run first)
	@test -d results/meme-capture-demo/figures || { echo "results/meme-capture-demo/figures is missing: run make run first"; exit 1; }
	mkdir -p docs/figures
	cp results/meme-capture-demo/figures/*.png docs/figures/

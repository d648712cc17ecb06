GO ?= go
FUZZTIME ?= 5m

.PHONY: all build test lint install fuzz man bench clean

all: lint test build

build:
	$(GO) build -buildvcs=auto -o bin/vagut ./cmd/vagut

test:
	$(GO) test ./...

lint:
	@out=$$(gofmt -l cmd internal); if [ -n "$$out" ]; then echo "gofmt: not formatted:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

install:
	$(GO) install -buildvcs=auto ./cmd/vagut

# Fuzz the parser and the fmt round trip; crashers land in internal/*/testdata/fuzz
# and become regression tests.
fuzz:
	$(GO) test ./internal/parse -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) -fuzzminimizetime 10s
	$(GO) test ./internal/format -run '^$$' -fuzz FuzzFormat -fuzztime $(FUZZTIME) -fuzzminimizetime 10s

# Times vagut on a generated corpus against a bare goldmark floor (10,000
# summaries), workers 1 vs 2, and peak memory streaming 100,000; then the Go
# benchmarks of the parser and of the summarize path.
BENCH_N ?= 10000
BENCH_BIG ?= 100000
bench: build
	$(GO) run ./cmd/vagut-bench -vagut bin/vagut -n $(BENCH_N) -big $(BENCH_BIG)
	$(GO) test ./internal/parse ./internal/cli -run '^$$' -bench . -benchmem

# Man pages from the commands' own help, into man/ (view: man -l man/vagut-summarize.1).
man:
	$(GO) run ./cmd/vagut-man man

clean:
	rm -rf bin man

GO ?= go
FUZZTIME ?= 5m

.PHONY: all build test lint install fuzz man bench bench-scale clean

all: lint test build

# Built as the release archives are (.goreleaser.yaml): static, since vagut
# calls no C and a dynamically linked binary pays the C loader at every start
# (pflag links net, which links cgo by default), and -trimpath. make bench
# builds its hello world with the settings recorded in bin/vagut.
BUILDFLAGS ?= -buildvcs=auto -trimpath
build:
	CGO_ENABLED=0 $(GO) build $(BUILDFLAGS) -o bin/vagut ./cmd/vagut

test:
	$(GO) test ./...

lint:
	@out=$$(gofmt -l cmd internal); if [ -n "$$out" ]; then echo "gofmt: not formatted:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

install:
	CGO_ENABLED=0 $(GO) install $(BUILDFLAGS) ./cmd/vagut

# Fuzz the parser and the fmt round trip; crashers land in internal/*/testdata/fuzz
# and become regression tests.
fuzz:
	$(GO) test ./internal/parse -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) -fuzzminimizetime 10s
	$(GO) test ./internal/format -run '^$$' -fuzz FuzzFormat -fuzztime $(FUZZTIME) -fuzzminimizetime 10s

# Times vagut on a generated corpus against a bare goldmark floor (10,000
# summaries), workers 1 vs 2; then the scaling table: 1,000, 10,000 and
# 100,000 generated summaries (BENCH_MILLION=1 adds 1,000,000: about 5.5 GB
# in the temporary folder, deleted after) against time and peak RSS for each
# command; then the Go benchmarks of the parser and of the summarize path.
BENCH_N ?= 10000
BENCH_SCALE ?= 1000,10000,100000
BENCH_MILLION ?=
bench: build
	$(GO) run ./cmd/vagut-bench -vagut bin/vagut -n $(BENCH_N) -scale $(BENCH_SCALE) $(if $(BENCH_MILLION),-million)
	$(GO) test ./internal/parse ./internal/cli ./internal/render -run '^$$' -bench . -benchmem

# The scaling table alone (make bench-scale BENCH_SCALE= BENCH_MILLION=1: the
# million-file row alone).
bench-scale: build
	$(GO) run ./cmd/vagut-bench -vagut bin/vagut -scale-only -scale "$(BENCH_SCALE)" $(if $(BENCH_MILLION),-million)

# Man pages from the commands' own help, into man/ (view: man -l man/vagut-summarize.1).
man:
	$(GO) run ./cmd/vagut-man man

clean:
	rm -rf bin man

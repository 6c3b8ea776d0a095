# SPDX-License-Identifier: GPL-3.0-or-later
# Thin wrapper: every target installs what it needs, then calls CMake presets.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
SAMPLE := resources/samples/sample.pcap

FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 1

.PHONY: deps build build-asan run test bench package clean fuzz check-tsan mutate soak
deps:
	@./installer/install-deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

build-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)

run: build
	./build/release/src/gui/packetlens $(SAMPLE)

test: build build-asan
	ctest --preset release -j $(JOBS)
	ctest --preset asan -j $(JOBS)

# Debian packages packetlens-cli and packetlens in build/release/packages
# (installer/test-install.sh proves they install on a clean Debian 12).
package: build
	cd build/release && cpack -G DEB

bench: build
	./tests/bench/run-bench.sh

# Every libFuzzer target FUZZ_SECONDS seconds (clang-14, ASan + UBSan); fails on
# any crash, leak or timeout (tests/fuzz/run-fuzz.sh).
fuzz:
	@./installer/install-deps.sh fuzz
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	FUZZ_JOBS=$(FUZZ_JOBS) ./tests/fuzz/run-fuzz.sh $(FUZZ_SECONDS)

# The threaded tests under ThreadSanitizer (too long for make test's budget).
check-tsan: deps
	@cmake --preset tsan >/dev/null
	@cmake --build --preset tsan -j $(JOBS)
	ctest --preset tsan -j $(JOBS)

# editcap -E and truncated mutants of the corpus, analyzed by the ASan CLI.
mutate: build-asan
	@./installer/install-deps.sh mutate
	./tests/tools/mutate-corpus.sh

# The REST server and the app over time (not in make test): tests/bench/soak.sh.
soak: build
	./tests/bench/soak.sh

clean:
	rm -rf build

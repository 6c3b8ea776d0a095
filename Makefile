# SPDX-License-Identifier: GPL-3.0-or-later
# Thin wrapper: every target installs what it needs, then calls CMake presets.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
SAMPLE := resources/samples/sample.pcap

.PHONY: deps build build-asan run test bench package clean
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

clean:
	rm -rf build

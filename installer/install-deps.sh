#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages PacketLens needs to build, test and run.
# Idempotent: quiet and quick when everything is already there.
#   install-deps.sh          what make build/run/test need
#   install-deps.sh fuzz     and clang-14 with its sanitizer and libFuzzer runtimes (make fuzz)
#   install-deps.sh mutate   and editcap, jq (make mutate: tests/tools/mutate-corpus.sh)
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # Qt 6.4 (Debian 12)
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev
  qt6-websockets-dev qt6-httpserver-dev libqt6sql6-sqlite
  # Qt's PostgreSQL driver (QPSQL): --db postgresql://… (a history shared by a team)
  libqt6sql6-psql
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqt6svg6 qt6-qpa-plugins
  # capture input and compression
  libpcap-dev libquazip1-qt6-dev zlib1g-dev
  # fast SHA-256 (OpenSSL libcrypto: ~10x QCryptographicHash on this hardware)
  libssl-dev
  # headless GUI tests and screenshots
  xvfb xauth imagemagick
  # the PNG application icons (16-256 px) are rendered from the SVG at build time
  librsvg2-bin
  # make package: dpkg-shlibdeps (dpkg-dev) finds the packages' library dependencies
  dpkg-dev
  # benchmark tools (openssl: the file's SHA-256 alone, the analysis' floor);
  # curl for the REST API's shell test
  time openssl curl
  # live-capture tests and bench: replay rewritten captures (tcprewrite, tcpreplay),
  # tcpdump as the bench's reference, setpriv (util-linux) for the unprivileged runs
  tcpreplay tcpdump util-linux
  # the shared-history test's external reader (another program on the same database)
  sqlite3
  # PostgreSQL 15 server and psql: the throwaway server of the history tests on
  # PostgreSQL and of make bench (tests/support/throwaway-postgres.sh)
  postgresql
)
# make fuzz only: libFuzzer needs clang (-fsanitize=fuzzer). Its runtime,
# libclang_rt.fuzzer, ASan's and UBSan's are in libclang-rt-14-dev, which
# clang-14 depends on; it is named here so that the list says what is used.
# (libfuzzer-14-dev holds a separate libFuzzer.a that -fsanitize=fuzzer does
# not link: not installed.)
FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev)
# make mutate only: editcap -E (random byte errors, as Wireshark's own fuzz runs);
# jq reads which mutants of a batch got a report
MUTATE_PACKAGES=(wireshark-common jq)
case "${1:-}" in
  fuzz) PACKAGES+=("${FUZZ_PACKAGES[@]}") ;;
  mutate) PACKAGES+=("${MUTATE_PACKAGES[@]}") ;;
esac

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installer: installing ${#missing[@]} Debian package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "installer: done"

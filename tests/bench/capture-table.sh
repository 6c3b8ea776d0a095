#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One capture, in pcap and pcapng, against the bare libpcap read loop: every
# contender run once per round, rounds interleaved (a shared machine's load
# falls on all alike), medians printed with their ratio to the pcap loop.
#   capture-table.sh NAME PCAP PCAPNG ROUNDS
# Uses BUILD (the release build folder). Prints figures; asserts nothing.
set -euo pipefail
NAME=$1 PCAP=$2 PCAPNG=$3 ROUNDS=$4
CLI=$BUILD/src/cli/packetlens-cli
LOOP=$BUILD/tests/bench/pcap-read-loop
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Runs a command, prints "<wall seconds> <max RSS KiB> <CPU seconds>" (CPU:
# user + system of all threads, the hash's included; steadier than the wall
# time when other builds load the machine).
measure() {
  /usr/bin/time -o "$WORK/time" -f '%e %M %U %S' "$@" >/dev/null 2>&1 || true
  tail -n 1 "$WORK/time" | awk '{ print $1, $2, $3 + $4 }'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A T M C
run() { # key command...
  local key=$1 t m c
  shift
  read -r t m c <<<"$(measure "$@")"
  T[$key]+="$t "
  M[$key]+="$m "
  C[$key]+="$c "
}
A=("$CLI" analyze --quiet --json /dev/null)

cat "$PCAP" "$PCAPNG" >/dev/null # the page cache, warm for every contender
for i in $(seq "$ROUNDS"); do
  run loop "$LOOP" "$PCAP"
  run loopng "$LOOP" "$PCAPNG"
  run nodet "${A[@]}" --no-history --no-detect "$PCAP"
  run nohealth "${A[@]}" --no-history --no-detect --no-health "$PCAP"
  run nodetng "${A[@]}" --no-history --no-detect "$PCAPNG"
  run det "${A[@]}" --no-history "$PCAP"
  run detng "${A[@]}" --no-history "$PCAPNG"
  # The default path: history on, a capture the history has not seen (a new
  # database each round), then the same capture again (seen before).
  rm -f "$WORK"/db*
  run fresh "${A[@]}" --db "$WORK/db" "$PCAP"
  run seen "${A[@]}" --db "$WORK/db" "$PCAP"
done

med() { printf '%s\n' ${T[$1]} | median; }
cpu() { printf '%s\n' ${C[$1]} | median; }
rss() { printf '%s\n' ${M[$1]} | sort -n | tail -n 1; }
base=$(med loop) cbase=$(cpu loop)
echo "== $NAME: $(du -h "$PCAP" | cut -f1) pcap, $(du -h "$PCAPNG" | cut -f1) pcapng; $ROUNDS interleaved rounds, medians"
row() { # label key [comment]
  awk -v l="$1" -v t="$(med "$2")" -v b="$base" -v m="$(rss "$2")" -v c="$(cpu "$2")" -v cb="$cbase" \
    'BEGIN { printf "  %-38s %7.2f s %6.2fx loop | CPU %6.2f s %6.2fx | peak RSS %6.1f MiB\n", l, t, t / b, c, c / cb, m / 1024 }'
}
row "bare libpcap loop, pcap" loop
row "bare libpcap loop, pcapng" loopng
row "analyze --no-detect --no-health, pcap" nohealth
row "analyze --no-detect, pcap" nodet
row "analyze --no-detect, pcapng" nodetng
row "analyze (detection), pcap" det
row "analyze (detection), pcapng" detng
row "analyze, history on, unseen capture" fresh
row "analyze, history on, seen before" seen
# The health and timeline pass (#19) also by the fastest run's CPU time, the
# least disturbed by other load.
best() { printf '%s\n' ${C[$1]} | sort -n | head -n 1; }
ratio() {
  awk -v a="$(med "$2")" -v b="$(med "$3")" -v ca="$(cpu "$2")" -v cb="$(cpu "$3")" -v l="$1" -v t="$4" \
    'BEGIN { printf "  %-38s %+6.0f%% wall, %+6.0f%% CPU  (target %s)\n", l, (a / b - 1) * 100, (ca / cb - 1) * 100, t }'
}
ratio "pcapng against pcap, --no-detect" nodetng nodet "<= +10%"
ratio "pcapng against pcap, detection" detng det "<= +10%"
ratio "health pass (--no-detect), pcap" nodet nohealth "<= +10%"
ratio "detection overhead, pcap" det nodet "<= +25%"
ratio "detection overhead, pcapng" detng nodetng "<= +25%"
ratio "default path against --no-history" fresh det "<= +15%"
awk -v a="$(best nodet)" -v b="$(best nohealth)" -v ma="$(rss nodet)" -v mb="$(rss nohealth)" \
  'BEGIN { printf "  %-38s %+6.0f%% CPU of the fastest runs (%.2f s against %.2f s); peak RSS %.1f against %.1f MiB\n", "health pass, fastest", (a / b - 1) * 100, a, b, ma / 1024, mb / 1024 }'
peak=$(printf '%s\n' ${M[det]} ${M[detng]} ${M[fresh]} | sort -n | tail -n 1)
awk -v m="$peak" 'BEGIN { printf "  %-38s %6.1f MiB  (target <= 256 MiB)\n", "peak RSS, detection on", m / 1024 }'

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# make bench, live memory over capture time (issue #22): the first
# LIVE_MEMORY_PACKETS packets of CAPTURE (default 300 000 of the bench's mix)
# looped and re-stamped at a steady LIVE_MEMORY_PPS (default 8 000, as the
# 10-minute replay of live-capture.sh) for LIVE_MEMORY_MINUTES of capture time
# (default 30), piped through `packetlens-cli live -r -`: the same live
# session, analysis and detectors as a capture on an interface, in a few
# minutes of wall time and without root. Prints the CLI's RSS at each minute
# of capture time it passes (sampled as the stats events arrive) and the
# growth after the first minute and after the fifth (lowest and highest
# sample of each minute). Asserts nothing.
#
#   tests/bench/live-memory.sh CAPTURE
#
# The saved pcapng (the live session always saves) needs about 8 GB per
# 30 minutes at 8 000 pps in the work folder; it is removed at the end.
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build/release}
CLI=$PWD/$BUILD/src/cli/packetlens-cli
RESTAMP=$PWD/$BUILD/tests/bench/packetlens-restamp
CAPTURE=${1:-}
PACKETS=${LIVE_MEMORY_PACKETS:-300000}
PPS=${LIVE_MEMORY_PPS:-8000}
MINUTES=${LIVE_MEMORY_MINUTES:-30}
say() { echo "live memory: $*"; }
[ -s "$CAPTURE" ] || { say "skipped: no capture ('$CAPTURE')"; exit 0; }
[ -x "$CLI" ] && [ -x "$RESTAMP" ] || { say "skipped: $CLI or $RESTAMP is not built"; exit 0; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/packetlens-livemem.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# The restamper takes a classic pcap; the bench's mix is one.
loops=$(( (MINUTES * 60 * PPS + PACKETS - 1) / PACKETS ))
say "$PACKETS packets looped $loops times at $PPS pps: $MINUTES min of capture time through packetlens-cli live -r -"
"$RESTAMP" "$CAPTURE" "$PACKETS" "$loops" "$PPS" |
  "$CLI" live -r - --no-history --quiet --packet-rate 0 --write "$WORK/saved.pcapng" --json-lines "$WORK/events.jsonl" \
    >/dev/null 2>"$WORK/err" &
cli=$!
# The pipeline's last process is the CLI ($! of a pipeline); sample its RSS
# and the packets of the latest stats event until it ends.
: > "$WORK/samples"
while kill -0 "$cli" 2>/dev/null; do
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$cli/status" 2>/dev/null)
  packets=$(tail -n 2 "$WORK/events.jsonl" 2>/dev/null | grep '"type":"stats"' | tail -n 1 | grep -o '"packets":[0-9]*' | head -n 1 | cut -d: -f2)
  [ -n "$rss" ] && [ -n "$packets" ] && echo "$packets $rss" >> "$WORK/samples"
  sleep 0.2
done
wait "$cli"
rc=$?
[ "$rc" -eq 0 ] || { say "packetlens-cli live ended with $rc: $(head -c 300 "$WORK/err")"; exit 0; }
awk -v pps="$PPS" -v minutes="$MINUTES" '
  { m = int($1 / pps / 60)
    if (m >= 1 && m <= minutes) {
      if (!(m in lo)) { lo[m] = $2; hi[m] = $2; order[++n] = m }
      if ($2 < lo[m]) lo[m] = $2
      if ($2 > hi[m]) hi[m] = $2
    } }
  END {
    for (i = 1; i <= n; ++i) {
      m = order[i]
      if (m == 1 || m == 2 || m == 5 || m % 5 == 0) printf "live memory: capture minute %3d: RSS %.1f MiB (lowest %.1f, highest %.1f)\n", m, lo[m] / 1024, lo[m] / 1024, hi[m] / 1024
    }
    # The lowest sample of a minute is the state the session keeps; the
    # highest adds what a provisional evaluation or a sweep held for a moment.
    first = order[1]; five = (5 in lo) ? 5 : first; last = order[n]
    if (n > 0) {
      printf "live memory: lowest RSS in minute %d %.1f MiB, in minute 5 %.1f MiB, in minute %d %.1f MiB (%+.1f%% after the first minute, %+.1f%% after the fifth)\n", first, lo[first] / 1024, lo[five] / 1024, last, lo[last] / 1024, (lo[last] / lo[first] - 1) * 100, (lo[last] / lo[five] - 1) * 100
      printf "live memory: highest RSS in minute %d %.1f MiB, in minute 5 %.1f MiB, in minute %d %.1f MiB (%+.1f%% after the first minute, %+.1f%% after the fifth)\n", first, hi[first] / 1024, hi[five] / 1024, last, hi[last] / 1024, (hi[last] / hi[first] - 1) * 100, (hi[last] / hi[five] - 1) * 100
    }
  }' "$WORK/samples"

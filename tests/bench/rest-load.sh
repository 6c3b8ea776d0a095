#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# REST API under load: CLIENTS concurrent curl clients each upload PER_CLIENT
# distinct captures and poll their analyses until done, against
# packetlens-cli serve with a fresh history. Prints the figures: requests,
# failures (any answer other than 200/201/202, or none), latencies, and the
# server's RSS at baseline (after a warm-up of WARM uploads at once, one per
# worker), peak and after each round of load (ROUNDS rounds of fresh captures:
# memory after the last round against the first shows whether it keeps
# growing). Asserts nothing.
# Usage: tests/bench/rest-load.sh   (BUILD=build/release CLIENTS=20 PER_CLIENT=5 PACKETS=4000 ROUNDS=3 WARM=4)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build/release}
CLI=$BUILD/src/cli/packetlens-cli
SYNTH=$BUILD/tests/bench/packetlens-synth
CLIENTS=${CLIENTS:-20}
PER_CLIENT=${PER_CLIENT:-5}
PACKETS=${PACKETS:-4000}
ROUNDS=${ROUNDS:-3}
WARM=${WARM:-4}
T=$(mktemp -d)
PID=
SAMPLER=
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  rm -rf "$T"
}
trap cleanup EXIT
export HOME=$T/home XDG_DATA_HOME=$T/data XDG_CONFIG_HOME=$T/config
mkdir -p "$HOME" "$T/caps" "$T/log"

n=$((CLIENTS * PER_CLIENT))
echo "generating $((n * ROUNDS)) distinct captures of $PACKETS packets…"
for i in $(seq $((n * ROUNDS))); do "$SYNTH" --out "$T/caps/c$i.pcap" --packets "$PACKETS" --seed "$i" --attacks >/dev/null 2>&1; done
for w in $(seq "$WARM"); do "$SYNTH" --out "$T/caps/w$w.pcap" --packets "$PACKETS" --seed $((100000 + w)) --attacks >/dev/null 2>&1; done
echo "capture size: $(du -h "$T/caps/c1.pcap" | cut -f1) each, $(du -sh "$T/caps" | cut -f1) in all"

KEY=bench-key-0123456789abcdef
"$CLI" serve --port 0 --db "$T/history.sqlite" --api-key "$KEY" --quiet >"$T/serve.out" 2>&1 &
PID=$!
for _ in $(seq 100); do grep -q '^API key' "$T/serve.out" && break; sleep 0.1; done
URL=$(sed -n 's/^PacketLens REST API on \(http[^ ]*\)\/$/\1/p' "$T/serve.out")
[ -n "$URL" ] || { cat "$T/serve.out"; exit 1; }
rss() { awk '/^VmRSS/ {print $2}' "/proc/$PID/status"; }
# Warm-up: every worker thread opens its database connection and every code
# path runs once (one upload and analysis per worker, at once), so that the
# baseline is the idle server's steady state, not its first seconds.
sleep 0.5
cold=$(rss)
warm=()
for w in $(seq "$WARM"); do
  (
    r=$(curl -sS --max-time 120 -H "X-API-Key: $KEY" -F "file=@$T/caps/w$w.pcap" "$URL/upload" 2>/dev/null) || exit 0
    id=$(sed -n 's/.*"file_id":"\([0-9a-f]*\)".*/\1/p' <<<"$r" | head -n 1)
    for _ in $(seq 600); do
      [ "$(curl -sS -o /dev/null -w '%{http_code}' -H "X-API-Key: $KEY" "$URL/analysis/$id" 2>/dev/null)" = 202 ] || break
      sleep 0.2
    done
  ) &
  warm+=($!)
done
wait "${warm[@]}" || true
curl -s -o /dev/null -H "X-API-Key: $KEY" "$URL/stats"
sleep 3
base=$(rss)
( peak=0; while kill -0 "$PID" 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" >"$T/peak"; sleep 0.05; done ) &
SAMPLER=$!

# One client: upload its captures, then poll each until done. Logs
# "kind status seconds" per request.
client() {
  local c=$1 round=$2 log=$T/log/$2-$1 ids=() r code id
  for j in $(seq "$PER_CLIENT"); do
    local f=$T/caps/c$((round * n + (c - 1) * PER_CLIENT + j)).pcap
    r=$(curl -sS --max-time 120 -H "X-API-Key: $KEY" -F "file=@$f" -w '\n%{http_code} %{time_total}' "$URL/upload" 2>/dev/null) || r=$'\n000 120'
    echo "upload $(tail -n 1 <<<"$r")" >>"$log"
    id=$(sed -n 's/.*"file_id":"\([0-9a-f]*\)".*/\1/p' <<<"$r" | head -n 1)
    [ -n "$id" ] && ids+=("$id")
  done
  for id in "${ids[@]}"; do
    for _ in $(seq 1200); do
      r=$(curl -sS --max-time 120 -o /dev/null -H "X-API-Key: $KEY" -w '%{http_code} %{time_total}' "$URL/analysis/$id" 2>/dev/null) || r="000 120"
      echo "poll $r" >>"$log"
      code=${r%% *}
      [ "$code" = 202 ] || break
      sleep 0.2
    done
  done
}

echo "load: $CLIENTS clients x $PER_CLIENT captures, $ROUNDS rounds, server $URL"
start=$(date +%s.%N)
afters=()
for round in $(seq 0 $((ROUNDS - 1))); do
  clients=()
  for c in $(seq "$CLIENTS"); do
    client "$c" "$round" &
    clients+=($!)
  done
  wait "${clients[@]}" || true
  sleep 3 # analyses finished, connections closed
  afters+=("$(rss)")
done
end=$(date +%s.%N)
after=${afters[0]}
kill "$SAMPLER" 2>/dev/null || true
SAMPLER=
peak=$(cat "$T/peak" 2>/dev/null || echo "$base")

cat "$T"/log/* >"$T/all"
total=$(wc -l <"$T/all")
failed=$(awk '$2 !~ /^(200|201|202)$/' "$T/all" | wc -l)
uploads_ok=$(awk '$1 == "upload" && ($2 == 201 || $2 == 200)' "$T/all" | wc -l)
done_ok=$(awk '$1 == "poll" && $2 == 200' "$T/all" | wc -l)
pct() { awk -v k="$1" -v p="$2" '$1 == k {print $3}' "$T/all" | sort -n | awk -v p="$2" '{a[NR]=$1} END {if (NR) print a[int((NR - 1) * p) + 1] * 1000; else print 0}'; }
awk -v s="$start" -v e="$end" 'BEGIN { printf "wall time:            %.1f s\n", e - s }'
echo "requests:             $total ($uploads_ok/$((n * ROUNDS)) uploads stored, $done_ok/$((n * ROUNDS)) analyses done)"
echo "failed or no answer:  $failed"
[ "$failed" = 0 ] || awk '$2 !~ /^(200|201|202)$/' "$T/all" | sort | uniq -c | head
printf 'upload latency:       median %.0f ms, p99 %.0f ms\n' "$(pct upload 0.5)" "$(pct upload 0.99)"
printf 'poll latency:         median %.0f ms, p99 %.0f ms\n' "$(pct poll 0.5)" "$(pct poll 0.99)"
awk -v c="$cold" -v b="$base" 'BEGIN { printf "server RSS at start:  %.1f MiB before the warm-up, %.1f MiB after it (the baseline)\n", c / 1024, b / 1024 }'
awk -v b="$base" -v p="$peak" -v a="$after" 'BEGIN {
  printf "server RSS:           baseline %.1f MiB, peak %.1f MiB, after %.1f MiB (after - baseline %+.1f MiB)\n", b / 1024, p / 1024, a / 1024, (a - b) / 1024 }'
kill -INT "$PID"
wait "$PID" || true
PID=
for r in "${!afters[@]}"; do
  awk -v r="$((r + 1))" -v a="${afters[$r]}" -v b="$base" 'BEGIN { printf "RSS after round %d:    %.1f MiB (%+.1f MiB from baseline)\n", r, a / 1024, (a - b) / 1024 }'
done

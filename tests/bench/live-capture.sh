#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# make bench, live capture (issue #22): the highest replay rate at which
# `tcpdump -w /dev/null` and `packetlens-cli live` (capture helper + the whole
# analysis, detection included) lose no packet in the kernel, and the
# memory of a long live run at a steady rate. Prints figures; asserts nothing.
#
#   tests/bench/live-capture.sh CAPTURE [--search-only | --soak-only]
#
# The first LIVE_BENCH_PACKETS packets of CAPTURE (default 300000 of the
# bench's 1 GB mix: the whole mix would make each step of the search minutes
# long) are rewritten once with tcprewrite so that every IPv4 address is in
# 10.213.128.0/17 and every IPv6 address in fd00:504c:1e5::/48, the networks
# of a veth pair inside a network namespace this script makes (and removes):
# the namespace has no other link and no route, so nothing replayed can
# leave it. (DNS answers still carry the synthetic addresses in their
# payload; they are data, not addressing.) tcpreplay sends them into one end
# of the pair inside the namespace; the capture runs on the other end.
#
# Rate search: one run at --topspeed gives the replay's own ceiling here;
# then a binary search on --pps (LIVE_BENCH_STEPS steps) for each tool. A
# trial passes when pcap_stats reports 0 kernel drops and every packet sent
# was captured. Each trial replays LIVE_BENCH_TRIAL_S seconds of traffic
# (longer than the 64 MiB capture buffer, the same for both tools, can hide).
# Soak: packetlens-cli live for LIVE_BENCH_SOAK_S seconds (default 600) at
# LIVE_BENCH_SOAK_PPS (default half PacketLens' drop-free rate, at most
# 10000 pps); the capture program's RSS (the CLI and the helper) each minute,
# after the first minute and at the end.
#
# Needs root (namespace, veth pair, capturing): skipped with a message otherwise.
# Environment: BUILD (build/release), PACKETLENS_BENCH_CACHE, LIVE_BENCH_PACKETS,
# LIVE_BENCH_TRIAL_S (10), LIVE_BENCH_STEPS (6), LIVE_BENCH_SOAK_S (600),
# LIVE_BENCH_SOAK_PPS, LIVE_BENCH_BUFFER_MIB (64).
set -uo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build/release}
CLI=$PWD/$BUILD/src/cli/packetlens-cli
CACHE=${PACKETLENS_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/packetlens-bench}
CAPTURE=${1:-}
PARTS="search soak"
case "${2:-}" in
  --search-only) PARTS=search ;;
  --soak-only) PARTS=soak ;;
esac
PACKETS=${LIVE_BENCH_PACKETS:-300000}
TRIAL_S=${LIVE_BENCH_TRIAL_S:-10}
STEPS=${LIVE_BENCH_STEPS:-6}
SOAK_S=${LIVE_BENCH_SOAK_S:-600}
BUFFER_MIB=${LIVE_BENCH_BUFFER_MIB:-64}

say() { echo "live capture: $*"; }
if [ "$(id -u)" -ne 0 ]; then
  say "skipped: needs root (a network namespace, a veth pair and capturing on it); run make bench as root"
  exit 0
fi
for tool in ip tcpreplay tcprewrite tcpdump; do
  command -v "$tool" >/dev/null || { say "skipped: $tool is not installed (installer/install-deps.sh installs it)"; exit 0; }
done
[ -s "$CAPTURE" ] || { say "skipped: no capture to replay ('$CAPTURE')"; exit 0; }
[ -x "$CLI" ] || { say "skipped: $CLI is not built"; exit 0; }

NS=plbench$$
CAP_IF=plbc$$ # the capture's end
REP_IF=plbr$$ # tcpreplay's end
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  ip netns del "$NS" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ip netns add "$NS" || { say "skipped: cannot make a network namespace"; exit 0; }
ip -n "$NS" link add "$CAP_IF" type veth peer name "$REP_IF"
for i in lo "$CAP_IF" "$REP_IF"; do ip -n "$NS" link set "$i" up; done
ip -n "$NS" addr add 10.213.0.1/16 dev "$CAP_IF"
ip -n "$NS" addr add 10.213.0.2/16 dev "$REP_IF"
ip -n "$NS" addr add fd00:504c:1e5::1/48 dev "$CAP_IF" nodad
ip -n "$NS" addr add fd00:504c:1e5::2/48 dev "$REP_IF" nodad

REPLAY=$CACHE/live-replay-$PACKETS.pcap
if [ ! -s "$REPLAY" ]; then
  mkdir -p "$CACHE"
  tcpdump -r "$CAPTURE" -c "$PACKETS" -w "$WORK/slice.pcap" 2>/dev/null
  tcprewrite --infile="$WORK/slice.pcap" --outfile="$REPLAY.part" --fixcsum \
    --pnat='0.0.0.0/0:10.213.128.0/17,[::/0]:[fd00:504c:1e5::/48]' || { say "tcprewrite failed"; exit 1; }
  mv "$REPLAY.part" "$REPLAY"
  rm -f "$WORK/slice.pcap"
fi
N=$(tcpdump -r "$REPLAY" -n 2>/dev/null | wc -l)
say "replayed: the first $N packets of $CAPTURE, addresses rewritten ($(du -h "$REPLAY" | cut -f1)); capture buffer $BUFFER_MIB MiB for both tools"
say "note: the machine is shared and busy (load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores): figures are low and noisy"

# Runs until the command succeeds (at most about 10 s).
wait_for() {
  local i
  for i in $(seq 100); do eval "$1" && return 0; sleep 0.1; done
  return 1
}

# trial TOOL RATE: replays TRIAL_S seconds at RATE pps (topspeed: as fast as
# tcpreplay can) into TOOL's capture; prints "pass|fail achieved_pps sent captured drops".
trial() {
  local tool=$1 rate=$2 loops pid sent achieved captured drops last now
  if [ "$rate" = topspeed ]; then loops=$((TRIAL_S * 50000 / N + 1)); else loops=$(((rate * TRIAL_S + N - 1) / N)); fi
  rm -f "$WORK"/cap.*
  if [ "$tool" = tcpdump ]; then
    ip netns exec "$NS" tcpdump -i "$CAP_IF" -n -B $((BUFFER_MIB * 1024)) -w /dev/null 2>"$WORK/cap.err" &
    pid=$!
    wait_for "grep -q 'listening on' '$WORK/cap.err'"
  else
    ip netns exec "$NS" "$CLI" live -i "$CAP_IF" --buffer "$BUFFER_MIB" --quiet --no-history --write "$WORK/cap.pcapng" \
      --json-lines "$WORK/cap.jsonl" 2>"$WORK/cap.err" &
    pid=$!
    wait_for "grep -q '\"type\":\"stats\"' '$WORK/cap.jsonl' 2>/dev/null"
  fi
  PIDS+=("$pid")
  if [ "$rate" = topspeed ]; then set -- --topspeed; else set -- --pps="$rate"; fi
  ip netns exec "$NS" tcpreplay -q -i "$REP_IF" "$@" --loop="$loops" "$REPLAY" >"$WORK/replay.out" 2>&1
  sent=$(awk '/^Actual:/ {print $2}' "$WORK/replay.out")
  achieved=$(awk '/^Rated:/ {for (i = 1; i <= NF; i++) if ($i == "pps") print int($(i - 1))}' "$WORK/replay.out")
  if [ "$tool" = tcpdump ]; then
    sleep 2 # its last block (1 s timeout) is written
  else
    # Until the analysis has caught up (the count stops growing for 2 s).
    last=-1
    for _ in $(seq 120); do
      sleep 2
      now=$(grep '"type":"stats"' "$WORK/cap.jsonl" | tail -n 1 | grep -o '"packets":[0-9]*' | head -n 1 | cut -d: -f2)
      [ "${now:-0}" -ge "${sent:-0}" ] || [ "$now" = "$last" ] && break
      last=$now
    done
  fi
  kill -INT "$pid"
  wait "$pid" 2>/dev/null
  if [ "$tool" = tcpdump ]; then
    captured=$(awk '/packets captured/ {print $1}' "$WORK/cap.err")
    drops=$(awk '/packets dropped by kernel/ {print $1}' "$WORK/cap.err")
  else
    local end
    end=$(grep '"type":"end"' "$WORK/cap.jsonl" | tail -n 1)
    captured=$(printf '%s' "$end" | grep -o '"packets":[0-9]*' | cut -d: -f2)
    drops=$(printf '%s' "$end" | grep -o '"kernel":[0-9]*' | cut -d: -f2)
  fi
  rm -f "$WORK"/cap.pcapng
  local verdict=fail
  [ "${drops:-1}" -eq 0 ] && [ "${captured:-0}" -ge "${sent:-1}" ] && verdict=pass
  echo "$verdict ${achieved:-0} ${sent:-0} ${captured:-0} ${drops:-?}"
}

# search TOOL CEILING: the highest rate that passes (binary search); prints the achieved pps.
search() {
  local tool=$1 hi=$2 lo=0 best=0 mid result
  result=$(trial "$tool" "$hi")
  echo "  $tool at ${hi} pps: $result" >&2
  if [ "${result%% *}" = pass ]; then echo "$(echo "$result" | cut -d' ' -f2) ceiling"; return; fi
  for _ in $(seq "$STEPS"); do
    mid=$(((lo + hi) / 2))
    result=$(trial "$tool" "$mid")
    echo "  $tool at ${mid} pps: $result" >&2
    if [ "${result%% *}" = pass ]; then lo=$mid; best=$(echo "$result" | cut -d' ' -f2); else hi=$mid; fi
  done
  echo "$best"
}

PL_RATE=
if [[ " $PARTS " == *" search "* ]]; then
  top=$(trial tcpdump topspeed)
  ceiling=$(echo "$top" | cut -d' ' -f2)
  say "tcpreplay --topspeed into tcpdump: $top (verdict achieved_pps sent captured kernel_drops)"
  read -r td td_ceiling <<<"$(search tcpdump "$ceiling")"
  read -r pl pl_ceiling <<<"$(search packetlens "$ceiling")"
  PL_RATE=$pl
  mark() { [ -n "$1" ] && echo " (the replay's ceiling: at least this)"; }
  say "tcpdump -w /dev/null drop-free:    $td pps$(mark "${td_ceiling:-}")"
  say "packetlens-cli live drop-free:     $pl pps$(mark "${pl_ceiling:-}")"
  awk -v p="$pl" -v t="$td" 'BEGIN { if (t > 0) printf "live capture: ratio packetlens/tcpdump:   %.2fx   (target >= 0.5x)\n", p / t }'
fi

rss_kib() {
  local total=0 p v
  for p in "$@"; do
    v=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

if [[ " $PARTS " == *" soak "* ]]; then
  pps=${LIVE_BENCH_SOAK_PPS:-}
  if [ -z "$pps" ]; then
    pps=5000
    [ -n "$PL_RATE" ] && [ "$PL_RATE" -gt 0 ] && pps=$((PL_RATE / 2 < 10000 ? PL_RATE / 2 : 10000))
  fi
  say "soak: packetlens-cli live for $SOAK_S s at $pps pps"
  ip netns exec "$NS" "$CLI" live -i "$CAP_IF" --buffer "$BUFFER_MIB" --quiet --no-history --write "$WORK/soak.pcapng" \
    --json-lines "$WORK/soak.jsonl" 2>"$WORK/soak.err" &
  cli=$!
  PIDS+=("$cli")
  wait_for "grep -q '\"type\":\"stats\"' '$WORK/soak.jsonl' 2>/dev/null"
  ip netns exec "$NS" tcpreplay -q -i "$REP_IF" --pps="$pps" --loop=$(((pps * (SOAK_S + 60)) / N + 1)) "$REPLAY" >/dev/null 2>&1 &
  replay=$!
  PIDS+=("$replay")
  helper=$(pgrep -P "$cli" | head -n 1)
  first=0
  for minute in $(seq $((SOAK_S / 60))); do
    sleep 60
    rss=$(rss_kib "$cli" ${helper:+"$helper"})
    [ "$minute" -eq 1 ] && first=$rss
    packets=$(grep '"type":"stats"' "$WORK/soak.jsonl" | tail -n 1 | grep -o '"packets":[0-9]*' | head -n 1 | cut -d: -f2)
    awk -v m="$minute" -v t="$rss" -v c="$(rss_kib "$cli")" -v p="${packets:-0}" \
      'BEGIN { printf "live capture: soak minute %2d: RSS %.1f MiB (CLI %.1f MiB + helper %.1f MiB), %d packets\n", m, t / 1024, c / 1024, (t - c) / 1024, p }'
  done
  last=$rss
  kill "$replay" 2>/dev/null
  kill -INT "$cli"
  wait "$cli" 2>/dev/null
  end=$(grep '"type":"end"' "$WORK/soak.jsonl" | tail -n 1)
  say "soak end: $(printf '%s' "$end" | grep -o '"packets":[0-9]*' | head -n 1) $(printf '%s' "$end" | grep -o '"drops":{[^}]*}')"
  awk -v f="$first" -v l="$last" -v s="$SOAK_S" 'BEGIN { printf "live capture: RSS after 1 min %.1f MiB, after %d min %.1f MiB (%+.1f%%; target: no growth after the first minute)\n", f / 1024, s / 60, l / 1024, (l / f - 1) * 100 }'
fi

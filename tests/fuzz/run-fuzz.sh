#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# make fuzz FUZZ_SECONDS=N: runs every libFuzzer target N seconds, one after
# the other (ASan + UBSan, the fuzz preset's build), and fails on any crash,
# sanitizer report, leak, timeout (10 s for one input) or memory blow-up.
#   tests/fuzz/run-fuzz.sh SECONDS [TARGET...]     (FUZZ_JOBS=N: N targets at once)
# Seeds are made anew from ../shared/pcaps and the fixtures (fuzz-seeds); what
# each target finds is kept in build/fuzz/corpus/<target>/ for the next run.
# An input that made a target fail is copied to tests/fuzz/regressions/<target>/
# (commit it with the fix: make test replays it). The figures of the run
# (executions and CPU seconds per target) go to build/fuzz/last-run.txt.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$ROOT/build/fuzz
BIN=$BUILD/tests/fuzz
SECONDS_EACH=${1:-${FUZZ_SECONDS:-60}}
[ $# -gt 0 ] && shift
CORPUS=${PACKETLENS_CORPUS_DIR:-$ROOT/../shared/pcaps}
ALL=(capture analyze decode_ethernet decode_sll decode_rawip decode_null dns http tls app
     displayfilter requesthead multipart config indicators reportjson)
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL[@]}"); fi

for t in "${TARGETS[@]}"; do
  [ -x "$BIN/fuzz_$t" ] || { echo "run-fuzz: $BIN/fuzz_$t is missing (cmake --build --preset fuzz)" >&2; exit 2; }
done
[ -d "$CORPUS" ] || echo "run-fuzz: no capture corpus at $CORPUS: seeds come from the bundled sample and fixtures only"

rm -rf "$BUILD/seeds"
"$BIN/fuzz-seeds" "$BUILD/seeds" "$ROOT" "$CORPUS" >"$BUILD/seeds.log" 2>&1 || { cat "$BUILD/seeds.log"; exit 2; }

# The larger inputs are captures, packet sequences and reports; text stays short.
max_len() {
  case $1 in
    capture|analyze|decode_*|app) echo 65536 ;;
    reportjson) echo 131072 ;;
    *) echo 8192 ;;
  esac
}
dict() {
  case $1 in
    displayfilter|http|requesthead|multipart|indicators|config|reportjson) echo "-dict=$ROOT/tests/fuzz/dict/$1.dict" ;;
  esac
}

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export QT_LOGGING_RULES='*=false' # Qt's own warnings about bad input would only slow the fuzzer
LOGS=$BUILD/logs
mkdir -p "$LOGS"
SUMMARY=$BUILD/last-run.txt
JOBS=${FUZZ_JOBS:-1} # targets run at once (each is one process on one core)

# One target: its log, its figures in $LOGS/<target>.row, its failing inputs kept.
run_target() {
  local t=$1
  mkdir -p "$BUILD/corpus/$t" "$BUILD/artifacts/$t" "$BUILD/seeds/$t"
  rm -f "$BUILD/artifacts/$t"/* "$LOGS/$t.row"
  local inputs=("$BUILD/corpus/$t" "$BUILD/seeds/$t")
  [ -d "$ROOT/tests/fuzz/regressions/$t" ] && inputs+=("$ROOT/tests/fuzz/regressions/$t")
  echo "run-fuzz: $t for ${SECONDS_EACH}s"
  /usr/bin/time -f '%U %S' -o "$LOGS/$t.time" \
    "$BIN/fuzz_$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2560 -max_len="$(max_len "$t")" \
      -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$t/" $(dict "$t") \
      "${inputs[@]}" >"$LOGS/$t.log" 2>&1
  local rc=$?
  local execs rate rss cpu result=ok
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOGS/$t.log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$LOGS/$t.log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$LOGS/$t.log" | tail -1)
  cpu=$(awk 'END { printf "%.0f", $1 + $2 }' "$LOGS/$t.time" 2>/dev/null)
  if [ $rc -ne 0 ] || ls "$BUILD/artifacts/$t"/* >/dev/null 2>&1; then
    result="FAILED (exit $rc)"
    mkdir -p "$ROOT/tests/fuzz/regressions/$t"
    for a in "$BUILD/artifacts/$t"/*; do
      [ -f "$a" ] && cp "$a" "$ROOT/tests/fuzz/regressions/$t/" && echo "run-fuzz: kept $(basename "$a") in tests/fuzz/regressions/$t/"
    done
    grep -E -m1 -A30 'ERROR|WARNING: MemorySanitizer|runtime error|==[0-9]+==|Timeout|out-of-memory|leak' "$LOGS/$t.log" | head -40
  fi
  printf '%s %s %s %s %s\n' "${execs:-0}" "${rate:-0}" "${cpu:-0}" "${rss:-0}" "$result" >"$LOGS/$t.row"
}

running=0
for t in "${TARGETS[@]}"; do
  run_target "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait

printf '%-16s %12s %9s %9s %8s  %s\n' target executions exec/s cpu_s rss_mb result >"$SUMMARY"
failed=0 total_cpu=0 total_execs=0
for t in "${TARGETS[@]}"; do
  read -r execs rate cpu rss result <"$LOGS/$t.row" 2>/dev/null || { execs=0 rate=0 cpu=0 rss=0 result="FAILED (no result)"; }
  [ "$result" = ok ] || failed=1
  printf '%-16s %12s %9s %9s %8s  %s\n' "$t" "$execs" "$rate" "$cpu" "$rss" "$result" >>"$SUMMARY"
  total_cpu=$((total_cpu + cpu))
  total_execs=$((total_execs + execs))
done
printf '%-16s %12s %9s %9s\n' total "$total_execs" "" "$total_cpu" >>"$SUMMARY"
echo "run-fuzz: $(date -u +%Y-%m-%dT%H:%MZ), ${SECONDS_EACH}s per target, $JOBS at once" >>"$SUMMARY"
cat "$SUMMARY"
exit $failed

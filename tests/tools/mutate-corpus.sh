#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Mutation runs over the real corpus (issue #24, item 2), as Wireshark's own
# editcap -E runs: every capture of ../shared/pcaps/real and apps is damaged
# MUTANTS times (default 200) and each result is analyzed by the ASan+UBSan
# build of packetlens-cli. Mutant k of a capture is `editcap -E 0.02 --seed k`
# (2 % of packet bytes changed at random); every even k is also cut at a
# random offset (cut headers, records and blocks). Each analysis must end
# with a report (exit 0 and the JSON written) or a clear error (a documented
# exit code and a "packetlens-cli: …" line naming the file), with no
# sanitizer report, within HANG_S seconds (default 5; killed after 120).
#   tests/tools/mutate-corpus.sh [CLI] [OUT]
# Environment: MUTANTS, JOBS (parallel captures, default 2), HANG_S,
# BATCH_BYTES and BATCH_MAX (mutants per process, below),
# PACKETLENS_CORPUS_DIR (default ../shared/pcaps), DIRS (default "real apps").
# Results: OUT/results.tsv (one line per mutant), OUT/summary.txt; failing
# mutants are kept in OUT/failures/. Exit 1 when any mutant failed.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CLI=${1:-$ROOT/build/asan/src/cli/packetlens-cli}
OUT=${2:-$ROOT/build/mutate}
CORPUS=${PACKETLENS_CORPUS_DIR:-$ROOT/../shared/pcaps}
export MUTANTS=${MUTANTS:-200} HANG_S=${HANG_S:-5} CLI OUT
# Mutants analyzed by one process: as many as make BATCH_BYTES of capture,
# at most BATCH_MAX (1: a process per mutant).
export BATCH_BYTES=${BATCH_BYTES:-4194304} BATCH_MAX=${BATCH_MAX:-25}
JOBS=${JOBS:-2}
DIRS=${DIRS:-real apps}

[ -x "$CLI" ] || { echo "mutate: $CLI is missing (make build-asan)" >&2; exit 2; }
command -v editcap >/dev/null || { echo "mutate: editcap is missing (installer/install-deps.sh mutate)" >&2; exit 2; }
command -v jq >/dev/null || { echo "mutate: jq is missing (installer/install-deps.sh mutate)" >&2; exit 2; }
if [ ! -d "$CORPUS" ]; then echo "mutate: SKIPPED: no capture corpus at $CORPUS"; exit 0; fi
rm -rf "$OUT"
mkdir -p "$OUT/work" "$OUT/failures" "$OUT/parts"

# The output format editcap must keep (its default would turn pcap into pcapng).
file_type() {
  case $(od -An -tx1 -N4 "$1" | tr -d ' ') in
    0a0d0d0a) echo pcapng ;;
    4d3cb2a1|a1b23c4d) echo nsecpcap ;;
    *) echo pcap ;;
  esac
}

# Mutant k of a capture into WORK/mK; prints its kind (fails when editcap
# refuses the capture).
make_mutant() { # capture k work
  local cap=$1 k=$2 m="$3/m$2" size
  editcap -F "$(file_type "$cap")" -E 0.02 --seed "$k" "$cap" "$m" 2>/dev/null || return 1
  if [ $((k % 2)) -eq 0 ]; then
    size=$(stat -c %s "$m")
    head -c $(( (k * 2654435761 + size * 40503) % (size > 1 ? size : 1) )) "$m" >"$m.cut" && mv "$m.cut" "$m"
    echo editcap+cut
  else
    echo editcap
  fi
}

# Analyzes FILE... with the ASan CLI (killed after 120 s) into JSON and ERR;
# sets rc (its exit code) and ms (its wall time).
analyze_timed() { # json err file...
  local json=$1 err=$2 start end
  shift 2
  start=$(date +%s%N)
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    timeout -s KILL 120 "$CLI" analyze "$@" --no-history --quiet --json "$json" >/dev/null 2>"$err"
  rc=$?
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
}

# One mutant: make it, analyze it in a process of its own, judge it; prints
# one result line.
run_mutant() { # capture k work
  local cap=$1 k=$2 w=$3 m="$3/m$2" kind
  kind=$(make_mutant "$cap" "$k" "$w") || { echo -e "$cap\t$k\tskipped\t-\t0\teditcap-refused"; return; }
  local rc ms verdict
  analyze_timed "$m.json" "$m.err" "$m"
  if grep -qE 'Sanitizer|runtime error:' "$m.err" || { [ $rc -ge 124 ] && [ $rc -ne 137 ]; }; then
    verdict=crash
  elif [ $rc -eq 137 ] || [ $ms -gt $((HANG_S * 1000)) ]; then
    verdict=hang
  elif [ $rc -eq 0 ] && [ "$(head -c1 "$m.json" 2>/dev/null)" = "{" ] && [ "$(tail -c2 "$m.json" | head -c1)" = "}" ]; then
    verdict=report
  elif [ $rc -ge 2 ] && [ $rc -le 8 ] && grep -q "^packetlens-cli: .*m$k" "$m.err"; then
    verdict=error
  else
    verdict=unclear
  fi
  if [ $verdict != report ] && [ $verdict != error ]; then
    local keep="$OUT/failures/$(basename "$cap").m$k"
    cp "$m" "$keep" && cp "$m.err" "$keep.stderr"
  fi
  echo -e "$cap\t$k\t$kind\t$rc\t$ms\t$verdict"
  rm -f "$m" "$m.json" "$m.err"
}
# Several mutants of a capture analyzed by one process (the CLI takes many
# files), to spare the sanitized program's start-up per mutant. This is only
# a fast path: a batch that crashed, took more than HANG_S seconds in all or
# left any mutant without a verdict is judged again one mutant per process
# (run_mutant), so every verdict is the one a process of its own would give;
# a batch under HANG_S seconds means each of its analyses was. A mutant
# named by an error line is an error, one with a report is a report; the
# rc column says b<exit code of the batch> for them.
run_batch() { # capture work k...
  local cap=$1 w=$2 k kind
  shift 2
  local ks=() kinds=() files=()
  for k in "$@"; do
    if kind=$(make_mutant "$cap" "$k" "$w"); then
      ks+=("$k"); kinds+=("$kind"); files+=("$w/m$k")
    else
      echo -e "$cap\t$k\tskipped\t-\t0\teditcap-refused"
    fi
  done
  [ ${#ks[@]} -gt 0 ] || return 0
  local rc ms
  analyze_timed "$w/batch.json" "$w/batch.err" "${files[@]}"
  local again=() i
  if grep -qE 'Sanitizer|runtime error:' "$w/batch.err" || { [ $rc -ne 0 ] && { [ $rc -lt 2 ] || [ $rc -gt 8 ]; }; } \
     || [ $ms -gt $((HANG_S * 1000)) ]; then
    again=("${ks[@]}")
  else
    local reported=""
    [ -s "$w/batch.json" ] && reported=$(jq -r 'if type == "array" then .[] else . end | .capture.file_name' "$w/batch.json" 2>/dev/null)
    for i in "${!ks[@]}"; do
      k=${ks[$i]}
      if grep -qF -e "packetlens-cli: $w/m$k:" -e "packetlens-cli: m$k:" "$w/batch.err"; then
        echo -e "$cap\t$k\t${kinds[$i]}\tb$rc\t$((ms / ${#ks[@]}))\terror"
      elif grep -qxF "m$k" <<<"$reported"; then
        echo -e "$cap\t$k\t${kinds[$i]}\tb$rc\t$((ms / ${#ks[@]}))\treport"
      else
        again+=("$k")
      fi
    done
  fi
  rm -f "${files[@]}" "$w/batch.json" "$w/batch.err"
  for k in "${again[@]}"; do run_mutant "$cap" "$k" "$w"; done
}
export -f make_mutant analyze_timed run_mutant run_batch file_type

mutate_capture() { # capture index
  local w="$OUT/work/$2" part="$OUT/parts/$2.tsv" size per first last
  mkdir -p "$w"
  size=$(stat -c %s "$1")
  per=$(( BATCH_BYTES / (size > 0 ? size : 1) ))
  per=$(( per < 1 ? 1 : (per > BATCH_MAX ? BATCH_MAX : per) ))
  for (( first = 1; first <= MUTANTS; first += per )); do
    last=$(( first + per - 1 < MUTANTS ? first + per - 1 : MUTANTS ))
    if [ "$per" -eq 1 ]; then run_mutant "$1" "$first" "$w"; else run_batch "$1" "$w" $(seq "$first" "$last"); fi
  done >"$part"
  rmdir "$w" 2>/dev/null
  echo "mutate: $(basename "$1"): $(grep -c -v -P '\t(report|error|editcap-refused)$' "$part") failures of $MUTANTS"
}
export -f mutate_capture

captures=()
for d in $DIRS; do
  while IFS= read -r f; do captures+=("$f"); done < <(find "$CORPUS/$d" -type f | sort)
done
echo "mutate: ${#captures[@]} captures x $MUTANTS mutants, $JOBS at a time, with $CLI"
started=$(date +%s)
for i in "${!captures[@]}"; do printf '%s\0%s\0' "${captures[$i]}" "$i"; done \
  | xargs -0 -n2 -P "$JOBS" bash -c 'mutate_capture "$0" "$1"'
cat "$OUT"/parts/*.tsv >"$OUT/results.tsv"
elapsed=$(( $(date +%s) - started ))
{
  echo "mutate: $(date -u +%Y-%m-%dT%H:%MZ), $(wc -l <"$OUT/results.tsv") mutants of ${#captures[@]} captures in ${elapsed}s ($JOBS jobs)"
  echo "verdicts:"
  cut -f6 "$OUT/results.tsv" | sort | uniq -c
  echo "exit codes:"
  cut -f4 "$OUT/results.tsv" | sort -n | uniq -c
  echo "kinds:"
  cut -f3 "$OUT/results.tsv" | sort | uniq -c
  echo "slowest analyses (ms):"
  sort -t$'\t' -k5,5n "$OUT/results.tsv" | tail -3 | cut -f1,2,5
} | tee "$OUT/summary.txt"
! grep -qP '\t(crash|hang|unclear)$' "$OUT/results.tsv"

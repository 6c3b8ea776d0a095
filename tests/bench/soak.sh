#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Soak (issue #24, item 5; not part of make test): memory, descriptors and
# stored files over time must reach a plateau.
# 1. The REST server (packetlens-cli serve, release build) for MINUTES minutes
#    under 10 clients: 6 upload, poll, download the report (JSON, HTML or
#    ZIP) and delete; one browses /files and reports; one polls /stats,
#    /files and /health; one uploads slowly (12 KiB/s); one gives up in the
#    middle of its uploads (curl stops after 2 s). Every 10 s: the server's
#    RSS, open descriptors and stored files.
# 2. The app (packetlens-appsoak: the main window, offscreen) opens and closes
#    APP_ROUNDS captures one after another; its RSS every 10 rounds.
# Each series is printed with its least-squares slope over the second half
# (after the warm-up) and judged: a plateau, or not. Exit 1 when one is not,
# a client got an answer it should not have, or the server died.
#   tests/bench/soak.sh [--minutes N] [--app-rounds N] [--rest-only | --app-only]
# Environment: BUILD (default build/release), PACKETLENS_CORPUS_DIR (the app's
# captures: real/ and apps/ of ../shared/pcaps; without it the bundled sample).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD=${BUILD:-build/release}
CLI=$BUILD/src/cli/packetlens-cli
SYNTH=$BUILD/tests/bench/packetlens-synth
APPSOAK=$BUILD/tests/bench/packetlens-appsoak
CORPUS=${PACKETLENS_CORPUS_DIR:-$ROOT/../shared/pcaps}
MINUTES=30 APP_ROUNDS=200 PARTS="rest app"
while [ $# -gt 0 ]; do
  case $1 in
    --minutes) MINUTES=$2; shift ;;
    --app-rounds) APP_ROUNDS=$2; shift ;;
    --rest-only) PARTS=rest ;;
    --app-only) PARTS=app ;;
    *) echo "usage: soak.sh [--minutes N] [--app-rounds N] [--rest-only | --app-only]" >&2; exit 1 ;;
  esac
  shift
done
for b in "$CLI" "$SYNTH" "$APPSOAK"; do [ -x "$b" ] || { echo "soak: $b is missing (make build)" >&2; exit 2; }; done
T=$(mktemp -d)
PID=
PIDS=()
cleanup() {
  touch "$T/stop"
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT
export HOME=$T/home XDG_DATA_HOME=$T/data XDG_CONFIG_HOME=$T/config
mkdir -p "$HOME" "$T/caps" "$T/errors" "$T/count"
status=0

# Least-squares slope of column 2 against column 1 over the second half of a
# series ("x y" lines), per unit of x.
slope() {
  awk 'NF == 2 && $1 !~ /[a-z#]/ { x[n] = $1; y[n] = $2; n++ }
       END { s = int(n / 2); m = n - s; if (m < 2) { print 0; exit }
             for (i = s; i < n; i++) { sx += x[i]; sy += y[i] }
             mx = sx / m; my = sy / m
             for (i = s; i < n; i++) { num += (x[i] - mx) * (y[i] - my); den += (x[i] - mx) ^ 2 }
             printf "%.3f\n", den ? num / den : 0 }' "$1"
}
# Mean, minimum and maximum of column 2 over a half of the series (1 or 2).
stats_of() {
  awk -v half="$2" 'NF == 2 && $1 !~ /[a-z#]/ { y[n++] = $2 }
       END { s = half == 1 ? 0 : int(n / 2); e = half == 1 ? int(n / 2) : n; min = ""; max = ""
             for (i = s; i < e; i++) { t += y[i]; if (min == "" || y[i] < min) min = y[i]; if (max == "" || y[i] > max) max = y[i] }
             printf "%.0f %s %s\n", (e > s ? t / (e - s) : 0), min, max }' "$1"
}
# judge NAME FILE UNIT_OF_X X_PER_WINDOW ALLOWED_GROWTH_PER_WINDOW: a plateau
# when the second half's slope, over one window, stays within the allowance.
judge() {
  local name=$1 file=$2 unit=$3 window=$4 allowed=$5 s growth
  s=$(slope "$file")
  growth=$(awk -v s="$s" -v w="$window" 'BEGIN { printf "%.1f", s * w }')
  read -r mean1 min1 max1 <<<"$(stats_of "$file" 1)"
  read -r mean2 min2 max2 <<<"$(stats_of "$file" 2)"
  local verdict=plateau
  awk -v g="$growth" -v a="$allowed" 'BEGIN { exit !(g > a) }' && { verdict="GROWING"; status=1; }
  printf '  %-22s first half mean %s (%s..%s), second half mean %s (%s..%s); slope %s per %s = %s per %s %s: %s\n' \
    "$name" "$mean1" "$min1" "$max1" "$mean2" "$min2" "$max2" "$s" "$unit" "$growth" "$window $unit" "(allowed $allowed)" "$verdict"
}

# ---- 1. the REST server -----------------------------------------------------
KEY=soak-key-0123456789abcdef0123
api() { curl -sS --max-time 300 --expect100-timeout 3600 -H "X-API-Key: $KEY" -w '\n%{http_code}' "$@"; }
code() { tail -n 1 <<<"$1"; }
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$2" | head -n 1; }
stopping() { [ -e "$T/stop" ]; }
bad() { echo "$(date +%T) $2" >>"$T/errors/$1"; }
count() { echo >>"$T/count/$1"; }

# Upload, poll to the end, download one format of the report, delete.
# CLIENT NAME, CAPTURE, CURL OPTIONS for the upload.
cycle() {
  local c=$1 cap=$2 r id fmt
  shift 2
  r=$(api "$@" -F "file=@$cap" "$URL/upload") || { bad "$c" "upload: curl failed"; return; }
  case $(code "$r") in 200|201) ;; *) bad "$c" "upload answered $(code "$r"): $(head -c 300 <<<"$r")"; return ;; esac
  id=$(field file_id "$r")
  while :; do # until the analysis ends; the pause paces the polling as Retry-After does
    r=$(api "$URL/analysis/$id") || { bad "$c" "analysis: curl failed"; return; }
    [ "$(code "$r")" = 202 ] || break
    sleep 0.2
  done
  [ "$(code "$r")" = 200 ] || { bad "$c" "analysis $id answered $(code "$r")"; return; }
  fmt=$(( $(cat "$T/count/$c" 2>/dev/null | wc -l) % 3 ))
  r=$(api -o /dev/null "$URL/reports/$id$( [ $fmt = 1 ] && echo '?format=html'; [ $fmt = 2 ] && echo '?format=zip')") \
    && [ "$(code "$r")" = 200 ] || { bad "$c" "report $id: $r"; return; }
  r=$(api -X DELETE "$URL/files/$id")
  case $(code "$r") in 200|204) ;; *) bad "$c" "delete $id answered $(code "$r")" ;; esac
  count "$c"
}
uploader() { # its own captures, so that two clients never upload the same bytes
  local c=$1 i=0
  until stopping; do cycle "u$c" "$T/caps/c$(( (i * 6 + c) % 60 )).pcap"; i=$((i + 1)); done
}
slow() {
  local i=0
  until stopping; do cycle slow "$T/caps/s$((i % 4)).pcap" --limit-rate 12k; i=$((i + 1)); done
}
quitter() { # stops in the middle of its upload: the server must drop it and keep nothing
  local i=0 rc
  until stopping; do
    curl -sS -o /dev/null --max-time 2 --limit-rate 64k -H "X-API-Key: $KEY" -F "file=@$T/caps/q$((i % 2)).pcap" "$URL/upload" 2>/dev/null
    rc=$?
    [ $rc = 28 ] || bad quitter "curl ended with $rc, not a time-out mid-upload"
    count quitter
    i=$((i + 1))
  done
}
browser() { # the stored files and their reports, as a dashboard reads them
  local r id
  until stopping; do
    r=$(api "$URL/files?limit=20") && [ "$(code "$r")" = 200 ] || bad browser "files: $r"
    id=$(field file_id "$r")
    if [ -n "$id" ]; then
      r=$(api -o /dev/null "$URL/reports/$id")
      case $(code "$r") in 200|202|404|422) ;; *) bad browser "report $id answered $(code "$r")" ;; esac # it may be deleted or running
    fi
    count browser
    sleep 0.5
  done
}
poller() {
  local r p
  until stopping; do
    for p in stats files health; do
      r=$(api -o /dev/null "$URL/$p") && [ "$(code "$r")" = 200 ] || bad poller "$p: $r"
    done
    count poller
    sleep 0.5
  done
}

rest_soak() {
  echo "soak: REST server for $MINUTES min under 10 clients"
  for i in $(seq 0 59); do "$SYNTH" --out "$T/caps/c$i.pcap" --packets 1500 --seed $((i + 1)) --attacks >/dev/null 2>&1; done
  for i in 0 1 2 3; do "$SYNTH" --out "$T/caps/s$i.pcap" --packets 600 --seed $((500 + i)) >/dev/null 2>&1; done
  for i in 0 1; do "$SYNTH" --out "$T/caps/q$i.pcap" --packets 20000 --seed $((600 + i)) >/dev/null 2>&1; done
  echo "soak: captures $(du -h "$T/caps/c0.pcap" | cut -f1) (uploads), $(du -h "$T/caps/s0.pcap" | cut -f1) (slow), $(du -h "$T/caps/q0.pcap" | cut -f1) (given up)"
  "$CLI" serve --port 0 --db "$T/history.sqlite" --storage "$T/storage" --api-key "$KEY" --quiet >"$T/serve.out" 2>&1 &
  PID=$!
  for _ in $(seq 600); do grep -q '^API key' "$T/serve.out" && break; sleep 0.1; done # its line, 60 s guard
  URL=$(sed -n 's/^PacketLens REST API on \(http[^ ]*\)\/$/\1/p' "$T/serve.out")
  [ -n "$URL" ] || { cat "$T/serve.out"; status=1; return; }
  rm -f "$T/stop"
  for c in 0 1 2 3 4 5; do uploader "$c" & PIDS+=($!); done
  slow & PIDS+=($!)
  quitter & PIDS+=($!)
  browser & PIDS+=($!)
  poller & PIDS+=($!)
  printf '%8s %10s %5s %7s %9s\n' minute rss_kib fds stored cycles | tee "$T/rest.txt"
  local start=$SECONDS end=$((SECONDS + MINUTES * 60)) m rss fds files cycles
  while [ $SECONDS -lt $end ]; do
    kill -0 "$PID" 2>/dev/null || { echo "soak: the server died"; status=1; break; }
    m=$(awk -v s=$((SECONDS - start)) 'BEGIN { printf "%.2f", s / 60 }')
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$PID/status")
    fds=$(ls "/proc/$PID/fd" | wc -l)
    files=$(find "$T/storage" -type f 2>/dev/null | wc -l)
    cycles=$(cat "$T"/count/* 2>/dev/null | wc -l)
    printf '%8s %10s %5s %7s %9s\n' "$m" "$rss" "$fds" "$files" "$cycles" | tee -a "$T/rest.txt"
    echo "$m $rss" >>"$T/rss.series"; echo "$m $fds" >>"$T/fds.series"; echo "$m $files" >>"$T/files.series"
    sleep 10 # the sampling interval
  done
  touch "$T/stop"
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
  PIDS=()
  echo "soak: REST over $MINUTES min: $(cat "$T"/count/* | wc -l) client cycles ($(for f in "$T"/count/*; do printf '%s %s, ' "$(basename "$f")" "$(wc -l <"$f")"; done | sed 's/, $//'))"
  local rssMean; rssMean=$(stats_of "$T/rss.series" 2 | cut -d' ' -f1)
  judge "server RSS (KiB)" "$T/rss.series" min 10 "$(awk -v m="$rssMean" 'BEGIN { a = m * 0.05; printf "%.0f", (a > 4096 ? a : 4096) }')"
  judge "open descriptors" "$T/fds.series" min 10 4
  judge "stored files" "$T/files.series" min 10 4
  if ls "$T"/errors/* >/dev/null 2>&1; then
    echo "soak: unexpected answers:"; tail -n 5 "$T"/errors/*; status=1
  else
    echo "soak: every client got the answers it should"
  fi
  kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; PID=
}

# ---- 2. the app -------------------------------------------------------------
app_soak() {
  local caps=()
  if [ -d "$CORPUS" ]; then
    while IFS= read -r f; do caps+=("$f"); done < <(find "$CORPUS/real" "$CORPUS/apps" -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) | sort | head -n "$APP_ROUNDS")
  else
    echo "soak: no corpus at $CORPUS: the app opens the bundled sample again and again (answered from its history)"
    caps=("$ROOT/resources/samples/sample.pcap")
  fi
  echo "soak: the app opens and closes $APP_ROUNDS captures ($(printf '%s\n' "${caps[@]}" | wc -l) distinct), offscreen"
  QT_QPA_PLATFORM=offscreen "$APPSOAK" "$APP_ROUNDS" "${caps[@]}" | tee "$T/app.txt"
  local rc=${PIPESTATUS[0]}
  [ "$rc" = 0 ] || { echo "soak: the app soak failed (exit $rc: 3 = a capture gave no report)"; status=1; }
  grep -E '^[0-9]+ [0-9]+$' "$T/app.txt" >"$T/app.series"
  local rssMean; rssMean=$(stats_of "$T/app.series" 2 | cut -d' ' -f1)
  judge "app RSS (KiB)" "$T/app.series" rounds 100 "$(awk -v m="$rssMean" 'BEGIN { a = m * 0.05; printf "%.0f", (a > 4096 ? a : 4096) }')"
}

for part in $PARTS; do "${part}_soak"; done
[ $status = 0 ] && echo "soak: PASS" || echo "soak: FAIL"
exit $status

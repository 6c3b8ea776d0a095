#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The history under many writers (make bench): ANALYSES small distinct
# captures analyzed by WORKERS `packetlens-cli analyze --db` processes into
# SQLite (one machine) and into PostgreSQL (a throwaway server on this machine,
# fsync on), while `serve` on the same database answers /stats in a loop (a
# request, then a pause of STATS_PAUSE seconds, as a dashboard polls: the
# same load for both engines).
# Prints for each engine: analyses per second, /stats latency (median, p95)
# during the run, rows per analysis and database size per 1000 analyses.
# Asserts nothing. Usage: tests/bench/history-load.sh
#   (BUILD=build/release ANALYSES=1000 WORKERS=4 STATS_PAUSE=0.1)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build/release}
CLI=$BUILD/src/cli/packetlens-cli
SAMPLE=resources/samples/sample.pcap
ANALYSES=${ANALYSES:-1000}
WORKERS=${WORKERS:-4}
STATS_PAUSE=${STATS_PAUSE:-0.1}
T=$(mktemp -d)
SERVE=
STATS=
cleanup() {
  touch "$T/stop" 2>/dev/null || true
  [ -n "$STATS" ] && kill "$STATS" 2>/dev/null || true
  [ -n "$SERVE" ] && kill "$SERVE" 2>/dev/null && wait "$SERVE" 2>/dev/null || true
  bash tests/support/throwaway-postgres.sh stop "$T/pg" >/dev/null 2>&1 || true
  rm -rf "$T"
}
trap cleanup EXIT
export HOME=$T/home XDG_DATA_HOME=$T/data XDG_CONFIG_HOME=$T/config
unset PACKETLENS_API_KEY
mkdir -p "$HOME" "$T/caps"

le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }
for i in $(seq 1 "$ANALYSES"); do # the sample with one more frame naming it: distinct bytes
  out=$T/caps/c$i.pcap
  cp "$SAMPLE" "$out"
  { printf "$(le32 $((1700000000 + i)))$(le32 0)$(le32 60)$(le32 60)"
    printf '\xff\xff\xff\xff\xff\xff\x02\x00\x00\x00\x00\x01\x88\xb5'
    printf '%s' "$(printf '%-46.46s' "packetlens-history-load-$i")"; } >>"$out"
done
echo "history load: $ANALYSES distinct captures of $(stat -c %s "$SAMPLE") bytes, $WORKERS workers"

start_serve() { # DB STORAGE: sets URL, KEY, SERVE
  "$CLI" serve --port 0 --db "$1" --storage "$2" --quiet >"$T/serve.out" 2>"$T/serve.err" &
  SERVE=$!
  until grep -q '^API key: ' "$T/serve.out"; do
    kill -0 "$SERVE" 2>/dev/null || { cat "$T/serve.err" >&2; exit 1; }
    sleep 0.1
  done
  URL=$(sed -n 's/^PacketLens REST API on \(http[^ ]*\)\/$/\1/p' "$T/serve.out")
  KEY=$(sed -n 's/^API key: //p' "$T/serve.out")
}
stats_loop() { # a dashboard's polling: a request, a pause of STATS_PAUSE s, until told to stop; one latency (s) a line
  while [ ! -e "$T/stop" ]; do
    curl -s -o /dev/null --max-time 60 -H "X-API-Key: $KEY" -w '%{http_code} %{time_total}\n' "$URL/stats" >>"$T/stats.times" || true
    sleep "$STATS_PAUSE"
  done
}
percentile() { sort -n | awk -v p="$1" '{a[NR]=$1} END { if (NR == 0) { print "-"; exit } i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; printf "%.1f", a[i] * 1000 }'; }

run_engine() { # NAME DB SIZE_COMMAND ROWS_COMMAND
  local name=$1 db=$2 size=$3 rows=$4
  rm -f "$T/stop" "$T/stats.times"
  start_serve "$db" "$T/storage-$name"
  local before; before=$($size)
  stats_loop & STATS=$!
  local t0; t0=$(date +%s.%N)
  local pids=() w
  for w in $(seq 1 "$WORKERS"); do
    local files=()
    for i in $(seq "$w" "$WORKERS" "$ANALYSES"); do files+=("$T/caps/c$i.pcap"); done
    "$CLI" analyze --db "$db" --quiet "${files[@]}" 2>>"$T/workers.err" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || echo "  (a worker exited with an error: $(tail -n 1 "$T/workers.err"))"; done
  local t1; t1=$(date +%s.%N)
  touch "$T/stop"
  wait "$STATS" || true
  STATS=
  kill -TERM "$SERVE"; wait "$SERVE" || true; SERVE=
  local after; after=$($size)
  local n; n=$($rows analyses)
  local bad; bad=$(awk '$1 != 200' "$T/stats.times" | wc -l)
  awk -v n="$ANALYSES" -v a="$t0" -v b="$t1" -v e="$name" -v w="$WORKERS" \
    'BEGIN { printf "%-11s %d analyses by %d workers in %.1f s: %.1f analyses/s\n", e ":", n, w, b - a, n / (b - a) }'
  echo "            /stats during the run: $(wc -l <"$T/stats.times") answers ($bad not 200), median $(awk '{print $2}' "$T/stats.times" | percentile 50) ms, p95 $(awk '{print $2}' "$T/stats.times" | percentile 95) ms"
  local c f; c=$($rows captures); f=$($rows findings)
  awk -v a="$n" -v c="$c" -v f="$f" 'BEGIN { printf "            rows: %d analyses, %d findings, %d captures: %.1f rows per analysis\n", a, f, c, (a + f + c) / a }'
  awk -v b="$before" -v s="$after" -v n="$n" 'BEGIN { printf "            size: %.1f MiB empty, %.1f MiB after: %.1f MiB per 1000 analyses\n", b / 1048576, s / 1048576, (s - b) / 1048576 * 1000 / n }'
}

# SQLite: one file on this machine (its -wal checkpointed into it before it is measured).
SQLITE_DB=$T/history.sqlite
sqlite_size() { if [ -f "$SQLITE_DB" ]; then sqlite3 "$SQLITE_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null; stat -c %s "$SQLITE_DB"; else echo 0; fi; }
sqlite_rows() { sqlite3 "$SQLITE_DB" "SELECT count(*) FROM $1"; }
"$CLI" history list --db "$SQLITE_DB" >/dev/null # the empty schema, measured as "empty"
run_engine sqlite "$SQLITE_DB" sqlite_size sqlite_rows

# PostgreSQL: a throwaway server with fsync on (as a real one runs).
out=$(bash tests/support/throwaway-postgres.sh start "$T/pg" --durable)
if [ -s "$T/pg/skip" ]; then
  echo "postgresql: skipped: $(cat "$T/pg/skip")"
  exit 0
fi
echo "            ($out)"
PGPASSWORD=$(cat "$T/pg/password")
export PGPASSWORD
PG_URI=$(cat "$T/pg/uri")
PG_PORT=$(sed 's|.*:\([0-9]*\)/.*|\1|' <<<"$PG_URI")
pg_sql() { "$(cat "$T/pg/bindir")/psql" -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U packetlens -d packetlens -c "$1"; }
pg_size() { pg_sql "CHECKPOINT" >/dev/null 2>&1 || true; pg_sql "SELECT pg_database_size(current_database())"; }
pg_rows() { pg_sql "SELECT count(*) FROM $1"; }
"$CLI" history list --db "$PG_URI" >/dev/null
run_engine postgresql "$PG_URI" pg_size pg_rows

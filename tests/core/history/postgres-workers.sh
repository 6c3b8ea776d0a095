#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A shared history on PostgreSQL, as a team's batch would use it (issue 25):
#   - 4 `packetlens-cli analyze --db postgresql://…` worker processes over 40
#     captures, 4 of them given to every worker (as two jobs of a batch given
#     the same file would be), while `serve` on the same database answers
#     /stats all along and stores an upload in --storage (never in the database);
#   - a fifth worker (a helper process) holds the analysis of one of those
#     captures running and is killed with SIGKILL; `history recover` run while
#     everybody is alive marks nothing;
#   - afterwards: every capture has exactly one done analysis (none lost, none
#     duplicated), the killed worker's analysis is still running, and a server
#     started next marks it (and only it) interrupted.
# Nothing waits on a clock: each step waits for a process or an answer (the
# short sleeps are the pauses of loops polling for a server's line or answer).
# Usage: postgres-workers.sh PACKETLENS_CLI HISTORY_STRESS SAMPLE_PCAP PG_STATE
set -euo pipefail
CLI=$1
STRESS=$2
SAMPLE=$3
STATE=$4
if [ -s "$STATE/skip" ]; then echo "SKIP: $(cat "$STATE/skip")"; exit 77; fi
[ -s "$STATE/uri" ] || { echo "FAIL: no throwaway PostgreSQL server in $STATE (did postgres-start fail?)" >&2; exit 1; }
command -v curl >/dev/null || { echo "FAIL: curl is not installed" >&2; exit 1; }
PGPASSWORD=$(cat "$STATE/password")
export PGPASSWORD
BINDIR=$(cat "$STATE/bindir")
BASE=$(sed 's|/[^/]*$||' "$STATE/uri")
PORT=${BASE##*:}
NAME=workers_$$
sql() { "$BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U packetlens -d "${2:-$NAME}" -c "$1"; }
sql "CREATE DATABASE $NAME" packetlens
DB=$BASE/$NAME
T=$(mktemp -d)
export HOME=$T/home XDG_DATA_HOME=$T/data XDG_CONFIG_HOME=$T/config
unset PACKETLENS_API_KEY
mkdir -p "$HOME" "$T/caps"
PIDS=()
SERVE=
cleanup() {
  for p in "${PIDS[@]}" $SERVE; do kill -KILL "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  sql "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" packetlens >/dev/null 2>&1 || true
  rm -rf "$T"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for f in "$T"/*.err; do [ -s "$f" ] && sed "s|^|  $(basename "$f"): |" "$f" >&2; done
  [ -f "$T/serve.out" ] && tail -n 20 "$T/serve.out" | sed 's/^/  serve: /' >&2
  exit 1
}
ok() { echo "ok: $*"; }

# Distinct captures: the sample with one more frame naming each.
le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }
make_capture() { # NAME SEQ
  local out=$T/caps/$1.pcap
  cp "$SAMPLE" "$out"
  { printf "$(le32 $((1700000000 + $2)))$(le32 0)$(le32 60)$(le32 60)"
    printf '\xff\xff\xff\xff\xff\xff\x02\x00\x00\x00\x00\x01\x88\xb5'
    printf '%s' "$(printf '%-46.46s' "packetlens-postgres-workers-$1")"; } >>"$out"
  echo "$out"
}
for i in $(seq 0 40); do make_capture "c$i" "$i" >/dev/null; done

# A first analysis: the database is usable, and the CLI's settings hash is known.
"$CLI" analyze --db "$DB" --quiet "$T/caps/c0.pcap" 2>"$T/first.err" || fail "the first analyze failed"
[ -s "$T/first.err" ] && fail "the first analyze complained"
HASH=$("$CLI" history list --db "$DB" --json | sed -n 's/.*"id": \([0-9]*\).*/\1/p' | head -n 1 \
       | xargs -I{} "$CLI" history show {} --db "$DB" --json | sed -n 's/.*"settings_hash": "\([^"]*\)".*/\1/p')
[ -n "$HASH" ] || fail "no settings hash in the history"

"$CLI" serve --port 0 --db "$DB" --storage "$T/storage" --workers 2 >"$T/serve.out" 2>"$T/serve.err" &
SERVE=$!
until grep -q '^API key: ' "$T/serve.out"; do # the server's own line
  kill -0 "$SERVE" 2>/dev/null || fail "serve exited at start"
  sleep 0.1 # polling pace; the loop ends on the server's line
done
URL=$(sed -n 's/^PacketLens REST API on \(http[^ ]*\)\/$/\1/p' "$T/serve.out")
KEY=$(sed -n 's/^API key: //p' "$T/serve.out")
api() { curl -sS --max-time 120 -H "X-API-Key: $KEY" -w '\n%{http_code}' "$@"; }
code() { tail -n 1 <<<"$1"; }

# An upload goes to --storage, never into the database.
UP=$(make_capture upload 999)
r=$(api -H 'Content-Type: application/vnd.tcpdump.pcap' --data-binary "@$UP" "$URL/upload?name=upload.pcap")
[ "$(code "$r")" = 201 ] || fail "upload answered $(code "$r"): $r"
FID=$(sed -n 's/.*"file_id":"\([^"]*\)".*/\1/p' <<<"$r")
UPSHA=$(sha256sum "$UP" | cut -d' ' -f1)
while :; do # until the server's analysis ends (its answer, not a clock)
  r=$(api "$URL/analysis/$FID")
  [ "$(code "$r")" = 202 ] || break
  sleep 0.05 # polling pace, as a client following Retry-After; the loop ends on the answer
done
grep -q '"status":"done"' <<<"$r" || fail "the upload's analysis answered $(code "$r"): $r"
loc=$(sql "SELECT location FROM captures WHERE sha256 = '$UPSHA' AND stored = 1")
case "$loc" in "$T/storage/"*) ;; *) fail "the upload was recorded at '$loc', not under --storage" ;; esac
[ -f "$loc" ] && cmp -s "$loc" "$UP" || fail "the stored bytes of the upload are not in $loc"
ok "upload stored in --storage ($loc), analyzed by the server into PostgreSQL"

# /stats all along: every answer 200, the count of captures never going back.
stats_loop() {
  local last=0 n=0 r c
  while :; do
    r=$(api "$URL/stats") || { echo "stats: curl failed" >>"$T/stats.err"; return; }
    [ "$(code "$r")" = 200 ] || { echo "stats answered $(code "$r"): $r" >>"$T/stats.err"; return; }
    c=$(sed -n 's/.*"captures":\([0-9]*\).*/\1/p' <<<"$r")
    [ "$c" -ge "$last" ] || { echo "stats went back from $last to $c captures" >>"$T/stats.err"; return; }
    last=$c n=$((n + 1))
    echo "$n" >"$T/stats.count"
    [ -e "$T/stop" ] && return
  done
}
stats_loop & STATS=$!
until [ -s "$T/stats.count" ] || [ -s "$T/stats.err" ]; do sleep 0.05; done # its first answer

# The fifth worker: holds c40's analysis running until killed.
coproc HOLD { exec "$STRESS" "$DB" --claim-and-wait "$(sha256sum "$T/caps/c40.pcap" | cut -d' ' -f1)" "$HASH"; }
HOLDER=$HOLD_PID # bash unsets HOLD_PID as soon as it reaps the coprocess (after the kill below)
PIDS+=("$HOLDER")
read -r HELD <&"${HOLD[0]}" || fail "the helper did not claim its analysis"

# Four workers: captures 1-4 are given to all of them, 5-40 split among them.
for w in 1 2 3 4; do
  files=("$T"/caps/c{1..4}.pcap)
  for i in $(seq $((4 + w)) 4 40); do files+=("$T/caps/c$i.pcap"); done
  "$CLI" analyze --db "$DB" --quiet --json "$T/w$w.json" "${files[@]}" 2>"$T/worker-$w.err" &
  PIDS+=($!)
  WORKERS[$w]=$!
done
out=$("$CLI" history recover --db "$DB") || fail "history recover failed"
[ "$out" = "marked 0 analysis(es) interrupted" ] || fail "history recover touched live workers' analyses: $out"
ok "history recover with every worker alive: $out"
kill -KILL "$HOLDER"
wait "$HOLDER" 2>/dev/null || true
for w in 1 2 3 4; do
  wait "${WORKERS[$w]}" || fail "worker $w exited with an error"
  [ -s "$T/worker-$w.err" ] && fail "worker $w complained"
  [ "$(grep -c '"sha256"' "$T/w$w.json")" -ge 13 ] || fail "worker $w wrote fewer than 13 reports"
done
PIDS=()
touch "$T/stop"
wait "$STATS"
[ -s "$T/stats.err" ] && fail "/stats failed during the run"
r=$(api "$URL/stats")
[ "$(sed -n 's/.*"captures":\([0-9]*\).*/\1/p' <<<"$r")" = 42 ] || fail "/stats counts other than 42 captures: $r"
ok "4 workers x 13 captures (40 distinct) while /stats answered $(cat "$T/stats.count") times, all 200"

dups=$(sql "SELECT count(*) FROM (SELECT capture_id FROM analyses WHERE status = 'done' GROUP BY capture_id HAVING count(*) > 1) d")
done_caps=$(sql "SELECT count(DISTINCT capture_id) FROM analyses WHERE status = 'done'")
done_rows=$(sql "SELECT count(*) FROM analyses WHERE status = 'done'")
[ "$dups" = 0 ] && [ "$done_caps" = 42 ] && [ "$done_rows" = 42 ] \
  || fail "expected one done analysis for each of 42 captures: $done_rows done rows over $done_caps captures, $dups duplicated"
[ "$(sql "SELECT status FROM analyses WHERE id = $HELD")" = running ] || fail "the killed worker's analysis is not left running"
[ "$(sql "SELECT count(*) FROM analyses WHERE status <> 'done'")" = 1 ] || fail "analyses other than the killed one are not done"
ok "each capture stored once ($done_rows done analyses); the killed worker's analysis $HELD left running"

kill -TERM "$SERVE"
wait "$SERVE" || fail "serve exited with an error after SIGTERM"
SERVE=
# The next server to start marks the dead worker's analysis, and only it.
"$CLI" serve --port 0 --db "$DB" --storage "$T/storage" >"$T/serve2.out" 2>"$T/serve2.err" &
SERVE=$!
until grep -q '^API key: ' "$T/serve2.out"; do
  kill -0 "$SERVE" 2>/dev/null || fail "the second serve exited at start"
  sleep 0.1 # polling pace; the loop ends on the server's line
done
kill -TERM "$SERVE"
wait "$SERVE" || true
SERVE=
grep -q 'marked 1 analysis(es) left running by a stopped process as interrupted' "$T/serve2.err" \
  || fail "the second server did not mark the killed worker's analysis: $(cat "$T/serve2.err")"
[ "$(sql "SELECT status FROM analyses WHERE id = $HELD")" = interrupted ] || fail "analysis $HELD is not interrupted"
[ "$(sql "SELECT count(*) FROM analyses WHERE status = 'done'")" = 42 ] || fail "the server at start touched done analyses"
ok "the next server at start marked the killed worker's analysis $HELD interrupted, nothing else"
echo "postgres-workers: all passed"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Several processes on one history database, the everyday case (the app, a
# script and the server sharing the default history):
#   - packetlens-cli serve under load: two clients uploading distinct captures,
#     polling each analysis to its end and reading reports, /stats and /files;
#   - two `packetlens-cli analyze --db` loops over distinct captures;
#   - `packetlens-cli history list` in a loop;
#   - an external sqlite3 reader in a loop.
# They run side by side for DURATION seconds of load (each loop ends its
# current step and stops when told; nothing below depends on how many steps
# fit in that time). Afterwards every acknowledged upload and analysis must be
# in the history, PRAGMA integrity_check must answer ok, no process may have
# seen an error, and the server must never have lost its -wal/-shm files
# (the symptom of another connection's locks being dropped).
# Usage: shared-history.sh PACKETLENS_CLI SAMPLE_PCAP [DURATION_SECONDS]
set -euo pipefail
CLI=$1
SAMPLE=$2
DURATION=${3:-60}
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 is not installed (installer/install-deps.sh installs it)" >&2; exit 1; }
command -v curl >/dev/null || { echo "FAIL: curl is not installed" >&2; exit 1; }
T=$(mktemp -d)
export HOME=$T/home XDG_DATA_HOME=$T/data XDG_CONFIG_HOME=$T/config
unset PACKETLENS_API_KEY
mkdir -p "$HOME" "$T/caps" "$T/acks" "$T/errors"
DB=$T/history.sqlite
PID=
LOOPS=()
cleanup() {
  touch "$T/stop" 2>/dev/null || true
  for p in "${LOOPS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID"; fi
  rm -rf "$T"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for f in "$T"/errors/*; do [ -s "$f" ] && sed "s|^|  $(basename "$f"): |" "$f" >&2; done
  [ -f "$T/serve.out" ] && tail -n 40 "$T/serve.out" | sed 's/^/  serve: /' >&2
  exit 1
}
ok() { echo "ok: $*"; }

# A copy of the sample with one more frame whose payload names it: distinct
# bytes (and SHA-256) for every capture the test makes.
le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }
make_capture() { # NAME SEQ
  local out=$T/caps/$1.pcap tag
  cp "$SAMPLE" "$out"
  tag=$(printf '%-46.46s' "packetlens-shared-history-$1")
  {
    printf "$(le32 $((1700000000 + $2)))$(le32 0)$(le32 60)$(le32 60)"
    printf '\xff\xff\xff\xff\xff\xff\x02\x00\x00\x00\x00\x01\x88\xb5'
    printf '%s' "$tag"
  } >>"$out"
  echo "$out"
}

# Starts the server; sets URL, KEY, PID.
"$CLI" serve --port 0 --db "$DB" --storage "$T/storage" --workers 2 >"$T/serve.out" 2>&1 &
PID=$!
for _ in $(seq 600); do # waits for the server's own line, checking every 0.1 s (60 s guard a hang)
  grep -q '^API key: ' "$T/serve.out" && break
  kill -0 "$PID" 2>/dev/null || fail "serve exited at start"
  sleep 0.1 # polling pace; the loop ends on the server's line
done
URL=$(sed -n 's/^PacketLens REST API on \(http[^ ]*\)\/$/\1/p' "$T/serve.out")
KEY=$(sed -n 's/^API key: //p' "$T/serve.out")
[ -n "$URL" ] && [ -n "$KEY" ] || fail "no URL or key printed"

api() { curl -sS --max-time 120 -H "X-API-Key: $KEY" -w '\n%{http_code}' "$@"; }
code() { tail -n 1 <<<"$1"; }
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$2" | head -n 1; }
stopped() { [ -e "$T/stop" ]; }

# Upload client C: upload, poll to the end, read the report, stats and files.
uploader() {
  local c=$1 i=0 r id
  local err=$T/errors/upload-$c
  while :; do
    i=$((i + 1))
    local cap; cap=$(make_capture "u$c-$i" $((c * 100000 + i)))
    r=$(api -H 'Content-Type: application/vnd.tcpdump.pcap' --data-binary "@$cap" "$URL/upload?name=u$c-$i.pcap") \
      || { echo "upload $i: curl failed" >>"$err"; return; }
    [ "$(code "$r")" = 201 ] || { echo "upload $i answered $(code "$r"): $r" >>"$err"; return; }
    id=$(field file_id "$r")
    echo "$id $(sha256sum "$cap" | cut -d' ' -f1)" >>"$T/acks/uploads"
    while :; do # until the analysis ends (the server's answer, not a clock)
      r=$(api "$URL/analysis/$id") || { echo "analysis $id: curl failed" >>"$err"; return; }
      [ "$(code "$r")" = 202 ] || break
      sleep 0.05 # polling pace; the loop ends on the server's answer
    done
    [ "$(code "$r")" = 200 ] && grep -q '"status":"done"' <<<"$r" \
      || { echo "analysis $id answered $(code "$r"): $r" >>"$err"; return; }
    echo "$id" >>"$T/acks/analyses"
    r=$(api -o /dev/null "$URL/reports/$id") && [ "$(code "$r")" = 200 ] || { echo "report $id: $r" >>"$err"; return; }
    r=$(api "$URL/stats") && [ "$(code "$r")" = 200 ] || { echo "stats: $r" >>"$err"; return; }
    r=$(api "$URL/files?limit=5") && [ "$(code "$r")" = 200 ] || { echo "files: $r" >>"$err"; return; }
    stopped && break
  done
}

# CLI worker W: analyze --db, one distinct capture after another.
analyzer() {
  local w=$1 i=0 cap
  local err=$T/errors/analyze-$w
  while :; do
    i=$((i + 1))
    cap=$(make_capture "a$w-$i" $((w * 100000 + 50000 + i)))
    if ! "$CLI" analyze --db "$DB" --quiet --json "$T/caps/a$w.json" "$cap" 2>"$T/caps/a$w.err"; then
      { echo "analyze $cap failed:"; cat "$T/caps/a$w.err"; } >>"$err"; return
    fi
    if [ -s "$T/caps/a$w.err" ]; then # "history not recorded: …" and the like
      { echo "analyze $cap complained:"; cat "$T/caps/a$w.err"; } >>"$err"; return
    fi
    sha256sum "$cap" | cut -d' ' -f1 >>"$T/acks/cli"
    stopped && break
  done
}

lister() {
  local err=$T/errors/history-list n=0
  while :; do
    if ! "$CLI" history list --db "$DB" >"$T/list.out" 2>"$T/list.err" || [ -s "$T/list.err" ]; then
      { echo "history list failed:"; cat "$T/list.err"; } >>"$err"; return
    fi
    n=$((n + 1))
    stopped && break
  done
  echo "$n" >"$T/acks/lists"
}

reader() {
  local err=$T/errors/sqlite3 n=0
  while :; do
    if ! sqlite3 -bail -cmd '.timeout 10000' "$DB" 'SELECT count(*) FROM analyses' >/dev/null 2>"$T/sqlite3.err"; then
      { echo "sqlite3 reader failed:"; cat "$T/sqlite3.err"; } >>"$err"; return
    fi
    n=$((n + 1))
    stopped && break
  done
  echo "$n" >"$T/acks/reads"
}

uploader 1 & LOOPS+=($!)
uploader 2 & LOOPS+=($!)
analyzer 1 & LOOPS+=($!)
analyzer 2 & LOOPS+=($!)
lister & LOOPS+=($!)
reader & LOOPS+=($!)

# The server's open files, sampled while the others run: a -wal or -shm shown
# "(deleted)" means another process removed them under its connections.
lost_wal() { ls -l "/proc/$PID/fd" 2>/dev/null | grep -E '(-wal|-shm) \(deleted\)' || true; }
end=$((SECONDS + DURATION))
while [ $SECONDS -lt $end ]; do
  [ -z "$(lost_wal)" ] || fail "the server's -wal/-shm were deleted under it: $(lost_wal)"
  kill -0 "$PID" 2>/dev/null || fail "the server died"
  sleep 1 # the sampling interval of a load that runs DURATION seconds by design
done
touch "$T/stop"
for p in "${LOOPS[@]}"; do wait "$p" || fail "a load loop exited with an error"; done
LOOPS=()
[ -z "$(lost_wal)" ] || fail "the server's -wal/-shm were deleted under it: $(lost_wal)"

for f in "$T"/errors/*; do [ -s "$f" ] && fail "a process saw an error ($(basename "$f"))"; done
uploads=$(wc -l <"$T/acks/uploads")
analyses=$(wc -l <"$T/acks/analyses")
cli=$(wc -l <"$T/acks/cli")
[ "$uploads" -ge 2 ] && [ "$cli" -ge 2 ] || fail "too little was acknowledged to judge ($uploads uploads, $cli CLI analyses)"

# Every acknowledged upload answers as done while the server still runs.
while read -r id sha; do
  r=$(api "$URL/analysis/$id")
  [ "$(code "$r")" = 200 ] && grep -q '"status":"done"' <<<"$r" || fail "acknowledged upload $id answers $(code "$r"): $r"
done <"$T/acks/uploads"
if grep -E ' -> 5[0-9][0-9] ' "$T/serve.out"; then fail "the server answered 5xx"; fi

kill -TERM "$PID"
code=0
wait "$PID" || code=$?
PID=
[ "$code" = 0 ] || fail "serve exited with $code after SIGTERM"

# After the server's clean stop: the file is sound and holds everything acknowledged.
check=$(sqlite3 -bail "$DB" 'PRAGMA integrity_check')
[ "$check" = ok ] || fail "integrity_check: $check"
done_of() { sqlite3 -bail "$DB" "SELECT count(*) FROM analyses a JOIN captures c ON c.id = a.capture_id WHERE c.sha256 = '$1' AND a.status = 'done'"; }
while read -r id sha; do
  [ "$(done_of "$sha")" -ge 1 ] || fail "acknowledged upload $id ($sha) has no done analysis in the history"
done <"$T/acks/uploads"
while read -r sha; do
  [ "$(done_of "$sha")" -ge 1 ] || fail "acknowledged CLI analysis of $sha is missing from the history"
done <"$T/acks/cli"
total=$(sqlite3 -bail "$DB" "SELECT count(*) FROM analyses WHERE status = 'done'")
[ "$total" -eq $((uploads + cli)) ] || fail "the history holds $total done analyses, $((uploads + cli)) were acknowledged"
ok "$uploads uploads ($analyses polled to done), $cli CLI analyses, $(cat "$T/acks/lists") history lists and $(cat "$T/acks/reads") sqlite3 reads on one database: all acknowledged writes present, integrity ok"
echo "shared-history: all passed"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The REST API as a user drives it with curl: packetlens-cli serve on a free
# port with a temporary history and home; uploads with curl -F and
# curl --data-binary (neither may stall on Expect: 100-continue), poll the
# analysis, JSON/HTML/zip reports, stats, files, delete; a 2 GB upload is
# refused 413 at once; the generated key is kept across restarts; SIGINT and
# SIGTERM stop the server cleanly.
# Usage: rest-curl.sh PACKETLENS_CLI SAMPLE_PCAP [CORPUS_REAL_DIR]
set -euo pipefail
CLI=$1
SAMPLE=$2
CORPUS=${3:-}
T=$(mktemp -d)
export HOME=$T/home XDG_DATA_HOME=$T/data XDG_CONFIG_HOME=$T/config
unset PACKETLENS_API_KEY
mkdir -p "$HOME"
PID=
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID"; fi
  rm -rf "$T"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; [ -f "$T/serve.out" ] && sed 's/^/  serve: /' "$T/serve.out" >&2; exit 1; }
ok() { echo "ok: $*"; }

# Starts the server; sets URL, KEY, PID.
start() {
  "$CLI" serve --port 0 --db "$T/history.sqlite" "$@" >"$T/serve.out" 2>&1 &
  PID=$!
  for _ in $(seq 600); do # until the server prints its key (the loop ends on that line; 60 s guard a hang)
    grep -q '^API key: ' "$T/serve.out" && break
    kill -0 "$PID" 2>/dev/null || fail "serve exited at start"
    sleep 0.1 # polling pace; the loop ends on the server's line
  done
  URL=$(sed -n 's/^PacketLens REST API on \(http[^ ]*\)\/$/\1/p' "$T/serve.out")
  KEY=$(sed -n 's/^API key: //p' "$T/serve.out")
  [ -n "$URL" ] && [ -n "$KEY" ] || fail "no URL or key printed"
}

# Stops with a signal; the server must exit 0 (the loop ends when it has
# exited; 120 s guard a hang, not a speed).
stop() {
  kill "-$1" "$PID"
  for _ in $(seq 1200); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$PID" 2>/dev/null && fail "serve still running 120 s after SIG$1"
  local code=0
  wait "$PID" || code=$?
  PID=
  [ "$code" = 0 ] || fail "serve exited with $code after SIG$1"
  grep -q '^stopped$' "$T/serve.out" || fail "no clean stop after SIG$1"
  ok "SIG$1 stops the server cleanly"
}

# curl with the key; prints the body, then "STATUS SECONDS BYTES_SENT" on the
# last line. curl waits for "100 Continue" as long as it takes: a server that
# did not answer Expect would stall it into --max-time, so an answer shows it
# did (no clock in the test decides).
api() { curl -sS --max-time 120 --expect100-timeout 3600 -H "X-API-Key: $KEY" -w '\n%{http_code} %{time_total} %{size_upload}' "$@"; }
status() { tail -n 1 <<<"$1" | cut -d' ' -f1; }
seconds() { tail -n 1 <<<"$1" | cut -d' ' -f2; }
uploaded() { tail -n 1 <<<"$1" | cut -d' ' -f3; }
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$2" | head -n 1; }

# upload (already done) -> analysis -> reports -> stats -> files -> delete
flow() {
  local what=$1 id=$2 r
  for _ in $(seq 600); do
    r=$(api "$URL/analysis/$id")
    [ "$(status "$r")" = 202 ] || break
    sleep 0.2 # polling pace, as a client following Retry-After; the loop ends on the answer
  done
  [ "$(status "$r")" = 200 ] || fail "$what: analysis answered $(status "$r"): $r"
  grep -q '"status":"done"' <<<"$r" || fail "$what: analysis not done"
  r=$(api "$URL/reports/$id" -o "$T/report.json")
  [ "$(status "$r")" = 200 ] && grep -q '"schema":"packetlens.report/1"' "$T/report.json" || fail "$what: JSON report"
  r=$(api "$URL/reports/$id?format=html" -o "$T/report.html")
  [ "$(status "$r")" = 200 ] && grep -q '<svg' "$T/report.html" || fail "$what: HTML report"
  r=$(api "$URL/report/$id?format=zip" -o "$T/report.zip")
  [ "$(status "$r")" = 200 ] && [ "$(head -c 2 "$T/report.zip")" = PK ] || fail "$what: zip bundle"
  if command -v unzip >/dev/null; then
    unzip -l "$T/report.zip" | grep evidence.pcap >/dev/null || fail "$what: bundle without evidence.pcap"
  fi
  r=$(api "$URL/stats")
  [ "$(status "$r")" = 200 ] && grep -q '"captures":' <<<"$r" || fail "$what: stats"
  r=$(api "$URL/files?limit=500")
  [ "$(status "$r")" = 200 ] && grep -q "\"file_id\":\"$id\"" <<<"$r" || fail "$what: not in /files"
  r=$(api -X DELETE "$URL/files/$id")
  [ "$(status "$r")" = 200 ] || fail "$what: delete answered $(status "$r")"
  r=$(api "$URL/analysis/$id")
  [ "$(status "$r")" = 404 ] || fail "$what: deleted id answered $(status "$r")"
  ok "$what: upload, analysis, JSON/HTML/zip reports, stats, files, delete"
}

# Uploads with curl -F (forced Expect: 100-continue); sets ID.
upload_form() {
  local what=$1 file=$2 want=${3:-201} r
  r=$(api -H 'Expect: 100-continue' -F "file=@$file" "$URL/upload")
  [ "$(status "$r")" = "$want" ] || fail "$what: curl -F answered $(status "$r"): $r"
  ID=$(field file_id "$r")
  [ -n "$ID" ] || fail "$what: no file_id"
}

[ -f "$SAMPLE" ] || fail "sample capture $SAMPLE missing"

start
[ "$(curl -sS -o /dev/null -w '%{http_code}' "$URL/health")" = 200 ] || fail "health"
FIRST_KEY=$KEY
[ "${#KEY}" -ge 22 ] || fail "generated key too short"

# curl -F, then the same bytes with --data-binary: 200 with the same id.
upload_form "sample.pcap (curl -F)" "$SAMPLE"
r=$(api -H 'Expect: 100-continue' -H 'Content-Type: application/vnd.tcpdump.pcap' --data-binary "@$SAMPLE" "$URL/upload")
[ "$(status "$r")" = 200 ] && [ "$(field file_id "$r")" = "$ID" ] || fail "same bytes again: $(status "$r")"
ok "curl --data-binary of the same bytes: 200, same id, no stall"
flow "sample.pcap" "$ID"

# --data-binary first, as a fresh upload.
r=$(api -H 'Content-Type: application/octet-stream' --data-binary "@$SAMPLE" "$URL/upload?name=again.pcap")
[ "$(status "$r")" = 201 ] || fail "curl --data-binary answered $(status "$r"): $r"
flow "sample.pcap (curl --data-binary)" "$(field file_id "$r")"

if command -v zip >/dev/null; then
  cp "$SAMPLE" "$T/inner.pcap" && (cd "$T" && zip -q evidence.zip inner.pcap)
  upload_form "evidence.zip (curl -F)" "$T/evidence.zip"
  flow "evidence.zip" "$ID"
else
  echo "SKIP zip part: the zip command is not installed"
fi

if [ -n "$CORPUS" ] && [ -d "$CORPUS" ]; then
  CAP=$CORPUS/http_wireshark_sample_http_cap.pcap
  [ -f "$CAP" ] || CAP=$(find "$CORPUS" -maxdepth 1 -name '*.pcap' | sort | head -n 1)
  upload_form "corpus $(basename "$CAP")" "$CAP"
  flow "corpus $(basename "$CAP")" "$ID"
else
  echo "SKIP corpus part: no corpus at '${CORPUS:-(not given)}' (../shared/pcaps/real beside the checkout)"
fi

# Refusals.
printf 'not a capture at all' >"$T/junk.bin"
r=$(api -F "file=@$T/junk.bin" "$URL/upload")
[ "$(status "$r")" = 415 ] || fail "junk answered $(status "$r")"
r=$(curl -sS -H 'X-API-Key: wrong' -w '\n%{http_code}' "$URL/stats")
[ "$(tail -n 1 <<<"$r")" = 401 ] || fail "wrong key"
r=$(api -H 'Host: rebind.example' "$URL/stats")
[ "$(status "$r")" = 403 ] || fail "foreign Host answered $(status "$r")"
truncate -s 2G "$T/huge.bin"
r=$(api -X POST -H 'Content-Type: application/octet-stream' -T "$T/huge.bin" "$URL/upload")
[ "$(status "$r")" = 413 ] || fail "2 GB upload answered $(status "$r")"
# Refused from the head alone: curl sent (next to) nothing of the body.
[ "$(uploaded "$r")" -lt $((64 << 20)) ] || fail "2 GB upload refused only after $(uploaded "$r") bytes of it were sent"
rm -f "$T/huge.bin"
ok "refusals: 415 junk, 401 wrong key, 403 foreign Host, 413 for 2 GB in $(seconds "$r") s"
[ -z "$(find "$XDG_DATA_HOME" -name '.upload-*')" ] || fail "temporary upload files left behind"

stop INT

# Crash debris: an analysis left running by a process that is gone, and an
# unfinished upload file. The next start marks the one interrupted and removes
# the other (a live process' running analysis is never touched: unit tests).
true & DEAD=$!
wait "$DEAD"
command -v sqlite3 >/dev/null || fail "sqlite3 is not installed (installer/install-deps.sh installs it)"
sqlite3 -bail "$T/history.sqlite" "INSERT INTO captures (sha256, name, first_seen, last_seen) VALUES ('debris', 'debris.pcap', 't', 't');
  INSERT INTO analyses (capture_id, engine_version, settings_hash, status, started, owner_host, owner_pid, owner_start, heartbeat)
  SELECT id, 'x', 'x', 'running', 't', '$(uname -n)', $DEAD, '$(cat /proc/sys/kernel/random/boot_id)/1', 't' FROM captures WHERE sha256 = 'debris'" \
  || fail "cannot plant the crashed analysis"
STORAGE=$(find "$XDG_DATA_HOME" -type d -name captures | head -n 1)
[ -n "$STORAGE" ] || fail "no storage folder"
printf 'half an upload' >"$STORAGE/.upload-00000000deadbeef"
start
grep -q 'marked 1 analysis(es) left running by a stopped process as interrupted' "$T/serve.out" || fail "serve did not recover the crashed analysis"
grep -q 'removed 1 unfinished upload' "$T/serve.out" || fail "serve did not remove the stale upload"
[ ! -e "$STORAGE/.upload-00000000deadbeef" ] || fail "the stale upload file is still there"
[ "$(sqlite3 "$T/history.sqlite" "SELECT status FROM analyses WHERE owner_pid = $DEAD")" = interrupted ] || fail "crashed analysis not interrupted"
[ "$(stat -c %a "$T/history.sqlite")" = 600 ] || fail "history database is not 0600"
[ "$(stat -c %a "$XDG_CONFIG_HOME/PacketLens/PacketLens.conf")" = 600 ] || fail "settings with the API key are not 0600"
ok "serve at start: crashed analysis interrupted, stale upload removed, files 0600"
[ "$KEY" = "$FIRST_KEY" ] || fail "the generated key was not kept in the settings"
ok "the generated key is kept across restarts"
stop TERM

PACKETLENS_API_KEY=from-env-0123456789abcdef start
[ "$KEY" = from-env-0123456789abcdef ] || fail "PACKETLENS_API_KEY not used"
stop TERM
start --api-key from-flag-0123456789abcdef
[ "$KEY" = from-flag-0123456789abcdef ] || fail "--api-key not used"
stop INT
ok "PACKETLENS_API_KEY and --api-key set the key"

code=0
"$CLI" serve --port 0 --db "$T/history.sqlite" --bind 0.0.0.0 >"$T/remote.out" 2>&1 || code=$?
[ "$code" = 1 ] && grep -q -- '--allow-remote' "$T/remote.out" || fail "non-loopback bind without --allow-remote: exit $code"
ok "a non-loopback bind needs --allow-remote"
echo "rest-curl: all passed"

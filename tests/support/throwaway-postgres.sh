#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A throwaway PostgreSQL server for the tests and the bench: initdb + pg_ctl
# in a temporary folder, on a free loopback port (a random one; taken ones
# are tried again), with a password
# (scram-sha-256) for its one role. initdb refuses to run as root; when this
# runs as root (as CI does), the server runs as $PACKETLENS_PG_USER (default:
# nobody) through runuser.
#   throwaway-postgres.sh start STATE [--durable]
#       starts it; writes STATE/uri (postgresql://packetlens@127.0.0.1:PORT/packetlens),
#       STATE/password (root-only), STATE/bindir. Without --durable, fsync is
#       off (the tests kill clients, never the server); the bench uses --durable.
#       Where the server package is absent it writes the reason to STATE/skip
#       and exits 0: the tests that need a server skip with that message.
#   throwaway-postgres.sh stop STATE
#       stops it and removes its folder and STATE.
set -euo pipefail
cmd=${1:?usage: throwaway-postgres.sh start|stop STATE [--durable]}
STATE=${2:?usage: throwaway-postgres.sh start|stop STATE [--durable]}
DURABLE=${3:-}
PGUSER_OS=${PACKETLENS_PG_USER:-nobody}

as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$PGUSER_OS" -- "$@"; else "$@"; fi
}

find_bindir() {
  local d
  for d in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

stop() {
  [ -d "$STATE" ] || return 0
  if [ -s "$STATE/dir" ]; then
    local dir; dir=$(cat "$STATE/dir")
    if [ -d "$dir/data" ]; then
      as_server "$(cat "$STATE/bindir")/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    case "$dir" in /tmp/packetlens-pg.*) rm -rf "$dir" ;; esac
  fi
  rm -rf "$STATE"
}

start() {
  stop
  mkdir -p "$STATE"
  chmod 700 "$STATE"
  local bindir
  if ! bindir=$(find_bindir); then
    echo "PostgreSQL server not installed (no initdb/pg_ctl under /usr/lib/postgresql; installer/install-deps.sh installs postgresql)" >"$STATE/skip"
    echo "SKIP: $(cat "$STATE/skip")"
    return 0
  fi
  echo "$bindir" >"$STATE/bindir"
  local dir; dir=$(mktemp -d /tmp/packetlens-pg.XXXXXX)
  echo "$dir" >"$STATE/dir"
  head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$STATE/password"
  chmod 600 "$STATE/password"
  cp "$STATE/password" "$dir/pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown -R "$PGUSER_OS" "$dir"; fi
  as_server "$bindir/initdb" -D "$dir/data" -U packetlens --pwfile="$dir/pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --no-locale -N >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; echo "FAIL: initdb" >&2; return 1; }
  rm -f "$dir/pwfile"
  local opts="-c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=200 -c shared_buffers=32MB"
  [ "$DURABLE" = --durable ] || opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  local port try
  for try in 1 2 3 4 5 6 7 8; do # a port another program holds makes the start fail: try another
    port=$((20000 + RANDOM % 40000))
    if as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "-p $port $opts" start >/dev/null; then
      break
    fi
    port=
  done
  [ -n "$port" ] || { cat "$dir/server.log" >&2; echo "FAIL: the PostgreSQL server did not start" >&2; return 1; }
  PGPASSWORD=$(cat "$STATE/password") "$bindir/createdb" -h 127.0.0.1 -p "$port" -U packetlens packetlens
  echo "postgresql://packetlens@127.0.0.1:$port/packetlens" >"$STATE/uri"
  echo "throwaway PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir, run as $([ "$(id -u)" -eq 0 ] && echo "$PGUSER_OS" || id -un))"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: throwaway-postgres.sh start|stop STATE [--durable]" >&2; exit 1 ;;
esac

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Proves the Debian packages install, work and purge cleanly on a fresh Debian 12:
#  1. builds them (make package) unless --no-build;
#  2. lints them: lintian (0 errors; warnings fixed or overridden), desktop-file-validate,
#     appstreamcli validate --no-net;
#  3. debootstraps a clean bookworm root (minbase) from this machine's apt source;
#  4. installs both .deb there with apt-get (dependencies from the archive), then:
#     packetlens-cli --version, analyze the bundled sample to JSON, serve + GET /health,
#     the app under xvfb-run --screenshots (PNGs exist);
#  5. apt-get purge: no file of ours is left.
# Needs root (debootstrap, chroot), network to the Debian mirror, ~1.5 GB in /var/tmp.
# Not part of `make test`. Usage: installer/test-install.sh [--no-build] [--keep]
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=1 KEEP=0
for a in "$@"; do
  case $a in
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    *) echo "usage: $0 [--no-build] [--keep]" >&2; exit 1 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "test-install: needs root (debootstrap, chroot)" >&2; exit 1; }
START=$SECONDS
step() { printf '\n== %s (%ds)\n' "$*" $((SECONDS - START)); }
fail() { echo "test-install: FAILED: $*" >&2; exit 1; }

step "tools"
need=()
for p in debootstrap lintian desktop-file-utils appstream; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

step "packages"
[ $BUILD -eq 1 ] && make package
PKGDIR=build/release/packages
CLI_DEB=$(ls -t $PKGDIR/packetlens-cli_*.deb | head -1)
APP_DEB=$(ls -t $PKGDIR/packetlens_*.deb | head -1)
for d in "$CLI_DEB" "$APP_DEB"; do
  printf '%-50s %8s bytes, installed %6s KiB\n' "$(basename "$d")" "$(stat -c %s "$d")" "$(dpkg-deb -f "$d" Installed-Size)"
done
dpkg-deb -f "$CLI_DEB" Depends | tr ',' '\n' | grep -Eiq 'widgets|charts|qt6gui|libx11|xcb|opengl' \
  && fail "packetlens-cli depends on a graphical library: $(dpkg-deb -f "$CLI_DEB" Depends)"
dpkg-deb -f "$APP_DEB" Depends | grep -q "packetlens-cli (= $(dpkg-deb -f "$CLI_DEB" Version))" \
  || fail "packetlens does not depend on packetlens-cli of its version"

step "lintian, desktop-file-validate, appstreamcli"
# lintian exits non-zero on errors (the default --fail-on error).
lintian --info --display-info --pedantic "$CLI_DEB" "$APP_DEB" | tee "$PKGDIR/lintian.txt"
grep -q '^E:' "$PKGDIR/lintian.txt" && fail "lintian errors"
grep -q '^W:' "$PKGDIR/lintian.txt" && fail "lintian warnings not fixed nor overridden"
X=$(mktemp -d)
dpkg-deb -x "$APP_DEB" "$X"
desktop-file-validate "$X"/usr/share/applications/*.desktop
appstreamcli validate --no-net --explain "$X"/usr/share/metainfo/*.metainfo.xml
rm -rf "$X"

step "clean Debian 12 root"
MIRROR=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
[ -n "$MIRROR" ] || MIRROR=$(awk '$1=="deb" && $3 ~ /^bookworm/ {print $2; exit}' /etc/apt/sources.list)
MIRROR=${MIRROR%% *}
ROOT=$(mktemp -d /var/tmp/packetlens-test-install.XXXXXX)
cleanup() {
  [ -f "$ROOT/tmp/serve.pid" ] && kill "$(cat "$ROOT/tmp/serve.pid")" 2>/dev/null || true
  for m in proc sys dev/pts; do mountpoint -q "$ROOT/$m" && umount -l "$ROOT/$m"; done
  if [ $KEEP -eq 0 ]; then
    # Nothing may be mounted below ROOT when it is removed.
    findmnt -rn -o TARGET | grep -q "^$ROOT" || rm -rf --one-file-system "$ROOT"
  else
    echo "kept: $ROOT"
  fi
}
trap cleanup EXIT
T0=$SECONDS
debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 \
  || { tail -20 "$ROOT.debootstrap.log"; fail debootstrap; }
rm -f "$ROOT.debootstrap.log"
echo "debootstrap from $MIRROR: $((SECONDS - T0)) s"
cat > "$ROOT/etc/apt/sources.list" <<SOURCES
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb ${MIRROR%/debian}/debian-security bookworm-security main
SOURCES
mount -t proc proc "$ROOT/proc"
mount -t sysfs sys "$ROOT/sys"
mount -t devpts devpts "$ROOT/dev/pts" -o newinstance,ptmxmode=0666
in_root() { chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

step "apt-get install ./packetlens-cli ./packetlens"
cp "$CLI_DEB" "$APP_DEB" "$ROOT/tmp/"
in_root apt-get update -qq
T0=$SECONDS
in_root apt-get install -y -qq "/tmp/$(basename "$CLI_DEB")" "/tmp/$(basename "$APP_DEB")" >/dev/null
echo "installed with dependencies in $((SECONDS - T0)) s"
# Test tools only (not ours): a virtual X server and an HTTP client.
in_root apt-get install -y -qq --no-install-recommends xvfb xauth curl >/dev/null

step "checks inside the root"
in_root sh -c 'packetlens-cli --version && packetlens --version'
in_root test -s /etc/packetlens/api-key
[ "$(stat -c %a "$ROOT/etc/packetlens/api-key")" = 640 ] || fail "api-key mode is not 0640"
in_root test -f /lib/systemd/system/packetlens-serve.service
in_root sh -c 'mkdir -p /tmp/home && HOME=/tmp/home packetlens-cli analyze /usr/share/packetlens/samples/sample.pcap --json /tmp/report.json --quiet'
grep -q '"port_scan"' "$ROOT/tmp/report.json" || fail "the sample's report has no port scan"
in_root sh -c 'HOME=/tmp/home packetlens-cli analyze /usr/share/packetlens/samples/sample.pcap --no-history --html /tmp/report-ru.html --lang ru --quiet'
# As packetlens-serve.service runs it: the key from the file postinst made.
in_root sh -c 'HOME=/tmp/home PACKETLENS_API_KEY_FILE=/etc/packetlens/api-key packetlens-cli serve --quiet --port 0 --db /tmp/home/serve.sqlite --storage /tmp/home/st > /tmp/serve.out 2>&1 & echo $! > /tmp/serve.pid'
for _ in $(seq 50); do grep -q "REST API on" "$ROOT/tmp/serve.out" && break; sleep 0.2; done
URL=$(sed -n 's/^PacketLens REST API on //p' "$ROOT/tmp/serve.out")
[ -n "$URL" ] || { cat "$ROOT/tmp/serve.out"; fail "serve did not start"; }
in_root curl -fsS "${URL%/}/health"; echo
in_root sh -c "curl -fsS -o /dev/null -H \"X-API-Key: \$(cat /etc/packetlens/api-key)\" ${URL%/}/stats" || fail "/stats with the key of /etc/packetlens/api-key"
grep -qf "$ROOT/etc/packetlens/api-key" "$ROOT/tmp/serve.out" && fail "serve printed the key"
kill "$(cat "$ROOT/tmp/serve.pid")" && rm "$ROOT/tmp/serve.pid"
in_root sh -c 'HOME=/tmp/home QT_QPA_PLATFORM=xcb xvfb-run -a packetlens --screenshots /tmp/shots /usr/share/packetlens/samples/sample.pcap' \
  >"$ROOT/tmp/app.log" 2>&1 || { cat "$ROOT/tmp/app.log"; fail "the app under xvfb-run"; }
n=$(find "$ROOT/tmp/shots" -name '*.png' -size +1k | wc -l)
[ "$n" -ge 3 ] || fail "the app saved $n screenshots"
echo "app: $n screenshots"
grep -q '^application/x-pcapng$' "$ROOT/usr/share/mime/types" || fail "application/x-pcapng not registered"

step "apt-get purge"
in_root apt-get purge -y -qq packetlens packetlens-cli >/dev/null
grep -q '^application/x-pcapng$' "$ROOT/usr/share/mime/types" && fail "application/x-pcapng still registered"
in_root apt-get autoremove --purge -y -qq >/dev/null
left=$(find "$ROOT" -mindepth 1 -xdev \( -path "$ROOT/tmp" -o -path "$ROOT/proc" -o -path "$ROOT/sys" \) -prune -o -iname '*packetlens*' -print)
[ -z "$left" ] || fail "left behind: $left"
[ -e "$ROOT/etc/packetlens" ] && fail "/etc/packetlens left"
echo "purged: no file of ours left"

step "done in $((SECONDS - START)) s"

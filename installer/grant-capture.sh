#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Lets the members of the group 'packetlens' capture live with PacketLens, the way
# Wireshark's dumpcap is set up (the same group the Debian package's
# postinst makes): only the small capture helper
# packetlens-capture (libpcap, no Qt) gets CAP_NET_RAW and CAP_NET_ADMIN, and
# only the group may run it. The app, the CLI and the server stay unprivileged.
#
#   sudo installer/grant-capture.sh [PATH/TO/packetlens-capture]
#   sudo usermod -aG packetlens "$USER"    # then log in again
set -euo pipefail

helper="${1:-build/release/src/capturehelper/packetlens-capture}"
if [ "$(id -u)" -ne 0 ]; then
  echo "grant-capture.sh: run it as root (sudo)" >&2
  exit 1
fi
if [ ! -x "$helper" ]; then
  echo "grant-capture.sh: $helper is not an executable (build first, or give its path)" >&2
  exit 1
fi
command -v setcap >/dev/null || { echo "grant-capture.sh: setcap not found (apt-get install libcap2-bin)" >&2; exit 1; }
getent group packetlens >/dev/null || groupadd --system packetlens
chown root:packetlens "$helper"
chmod 0750 "$helper"
setcap cap_net_raw,cap_net_admin=eip "$helper"
echo "$helper: group packetlens, mode 0750, $(getcap "$helper" | cut -d' ' -f2-)"
echo "add users with: usermod -aG packetlens USER (they log in again)"

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdio>
#include <string>

namespace packetlens::helper {

// `packetlens-capture -D`: the interfaces libpcap can capture on, one per line,
// tab-separated: name, description, flags (up,running,loopback,wireless),
// link type (a LINKTYPE_ value, -1 when unknown), addresses (comma-separated).
// Needs no privileges: the link type is read from sysfs, never by opening a
// device. Returns the exit code.
int listDevices(FILE *out);

// The LINKTYPE_ value libpcap gives a Linux interface, from its name and
// /sys/class/net/<name>/type; -1 when it cannot tell.
int linkTypeOf(const std::string &name);

} // namespace packetlens::helper

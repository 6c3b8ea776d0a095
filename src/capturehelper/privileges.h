// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace packetlens::helper {

// Gives up every capability the helper holds (it needs CAP_NET_RAW and
// CAP_NET_ADMIN only to open the capture socket), and the right to gain any
// through exec. Returns false when the kernel refused.
bool dropPrivileges();

} // namespace packetlens::helper

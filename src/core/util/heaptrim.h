// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace packetlens {

// Hands the allocator's free pages back to the system (glibc's malloc_trim;
// nothing elsewhere). For after a large table was compacted or a burst of
// work ended: freed memory in the middle of the heap otherwise stays in the
// process' RSS.
void giveBackFreeMemory();

} // namespace packetlens

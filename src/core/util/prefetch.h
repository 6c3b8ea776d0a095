// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// For the small functions that only ask memory for something soon needed
// (__builtin_prefetch): GCC 12 takes such a function for one without side
// effects and drops the calls to it, so they are forced inline, where the
// prefetch instruction itself stays.
#define PACKETLENS_PREFETCH_INLINE __attribute__((always_inline)) inline

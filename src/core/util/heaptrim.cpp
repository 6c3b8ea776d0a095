// SPDX-License-Identifier: GPL-3.0-or-later
#include "heaptrim.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace packetlens {

void giveBackFreeMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace packetlens

// SPDX-License-Identifier: GPL-3.0-or-later
#include "privileges.h"

#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace packetlens::helper {

bool dropPrivileges()
{
    __user_cap_header_struct header{};
    header.version = _LINUX_CAPABILITY_VERSION_3;
    header.pid = 0;
    __user_cap_data_struct data[2] = {}; // effective, permitted and inheritable: none
    const bool dropped = ::syscall(SYS_capset, &header, data) == 0;
    const bool noNew = ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0;
    return dropped && noNew;
}

} // namespace packetlens::helper

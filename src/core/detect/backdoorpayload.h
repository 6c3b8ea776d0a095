// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace packetlens::detect {

// What the first payload of a connection on a back-door port shows beyond the
// port number: a Windows program (a Meterpreter-style stage, "MZ" at the start
// or after a 4-byte length), a shell being driven (a short command line such as
// "id" or "whoami", or its answer "uid=…"), or a Windows command prompt. Only
// these raise a port-only alarm; nothing here is a guess from the port.
enum class BackdoorPayload : uint8_t { None, Executable, ShellCommand, ShellOutput };

BackdoorPayload recognizeBackdoorPayload(const uint8_t *data, uint32_t len);
// The catalogue id of what was seen (report/messagecatalog.cpp); "" for None.
const char *backdoorPayloadId(BackdoorPayload p);

} // namespace packetlens::detect

// SPDX-License-Identifier: GPL-3.0-or-later
#include "backdoorpayload.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace packetlens::detect {

namespace {

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// "MZ" followed within the first 512 bytes by the PE header's "PE\0\0" or the
// DOS stub's text; a stage sent after a 4-byte length counts too.
bool isExecutable(const uint8_t *d, uint32_t len)
{
    for (uint32_t at : {0u, 4u}) {
        if (len < at + 64 || d[at] != 'M' || d[at + 1] != 'Z')
            continue;
        const std::string_view head(reinterpret_cast<const char *>(d + at), std::min<uint32_t>(len - at, 512));
        if (head.find("This program cannot be run in DOS mode") != std::string_view::npos
            || head.find(std::string_view("PE\0\0", 4)) != std::string_view::npos)
            return true;
    }
    return false;
}

// A whole payload that is one short printable line ending in a newline.
bool oneShortLine(std::string_view s)
{
    if (s.size() < 2 || s.size() > 200 || s.back() != '\n')
        return false;
    return std::all_of(s.begin(), s.end() - 1, [](char c) { return (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\r'; });
}

// The commands an operator types first into a fresh shell (reconnaissance).
bool isShellCommand(std::string_view line)
{
    static constexpr std::string_view kCommands[] = {
        "id", "whoami", "uname", "hostname", "pwd", "ls", "dir", "ifconfig", "ipconfig", "netstat", "ps",
        "cat /etc/passwd", "cat /etc/shadow", "systeminfo", "net user", "tasklist", "python -c", "python3 -c",
        "/bin/sh", "/bin/bash", "bash -i", "sh -i", "wget http", "curl http", "chmod +x", "cmd.exe", "powershell"};
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' '))
        line.remove_suffix(1);
    for (std::string_view c : kCommands)
        if (line == c || (startsWith(line, c) && line.size() > c.size() && line[c.size()] == ' '))
            return true;
    return false;
}

bool isShellOutput(std::string_view s)
{
    if (startsWith(s, "uid=") && s.find("gid=") != std::string_view::npos)
        return true;
    if (startsWith(s, "Microsoft Windows [Version "))
        return true;
    return startsWith(s, "root@") && s.find("# ") != std::string_view::npos && s.size() < 200;
}

} // namespace

BackdoorPayload recognizeBackdoorPayload(const uint8_t *data, uint32_t len)
{
    if (!data || len == 0)
        return BackdoorPayload::None;
    if (isExecutable(data, len))
        return BackdoorPayload::Executable;
    const std::string_view s(reinterpret_cast<const char *>(data), std::min<uint32_t>(len, 4096));
    if (isShellOutput(s))
        return BackdoorPayload::ShellOutput;
    if (oneShortLine(s) && isShellCommand(s))
        return BackdoorPayload::ShellCommand;
    return BackdoorPayload::None;
}

const char *backdoorPayloadId(BackdoorPayload p)
{
    switch (p) {
    case BackdoorPayload::Executable: return "port.payload.executable";
    case BackdoorPayload::ShellCommand: return "port.payload.shell_command";
    case BackdoorPayload::ShellOutput: return "port.payload.shell_output";
    case BackdoorPayload::None: break;
    }
    return "";
}

} // namespace packetlens::detect

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../report/report.h"

#include <QString>

namespace packetlens::HtmlObjects {

// The HTML report's "Files" section: the files the capture carried (the
// report's objects: protocol, name, type, size, SHA-256, who fetched or sent
// them, the packet that completed them), or "" when it carried none.
QString section(const Report &r, bool russian);

} // namespace packetlens::HtmlObjects

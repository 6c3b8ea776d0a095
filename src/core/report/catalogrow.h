// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <span>

namespace packetlens {

// One catalogue row: a message id, its English text and its Russian text
// (UTF-8), with %1…%9 for the arguments (src/core/report/message.h).
struct CatalogueRow
{
    const char *id;
    const char *en;
    const char *ru;
};

// The core's error and warning texts (src/core/report/errorcatalog.cpp), kept
// apart from the findings' messages; both are one catalogue.
std::span<const CatalogueRow> errorCatalogueRows();

} // namespace packetlens

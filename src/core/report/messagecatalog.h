// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace packetlens {

// One sentence or phrase in each UI language, with %1…%9 for its arguments
// (src/core/report/message.h). The Russian text may leave out an argument
// English needs (a plural "s"), never name one English lacks.
struct MessagePattern
{
    QString en, ru;
};

// nullptr when the id is not in the catalogue.
const MessagePattern *findMessagePattern(const QString &id);

} // namespace packetlens

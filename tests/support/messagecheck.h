// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Issue 21: every finding says its summary, threshold and recommendation as
// catalogue messages whose English is exactly the report's text and whose
// Russian is whole (no argument left unfilled, in Cyrillic).
#include "core/report/message.h"
#include "core/report/report.h"

#include <QRegularExpression>
#include <QString>

namespace packetlens::test {

inline QString messageProblem(const ReportFinding &f)
{
    static const QRegularExpression placeholder(QStringLiteral("%[1-9]"));
    static const QRegularExpression cyrillic(QStringLiteral("[а-яА-ЯёЁ]"));
    const std::pair<const QString *, const Message *> texts[] = {
        {&f.summary, &f.summaryMessage}, {&f.threshold, &f.thresholdMessage}, {&f.recommendation, &f.recommendationMessage}};
    for (const auto &[text, m] : texts) {
        if (m->isEmpty())
            return QStringLiteral("%1 %2: no message for \"%3\"").arg(f.id, f.category, *text);
        const QString en = renderMessage(*m, QStringLiteral("en"));
        if (en != *text)
            return QStringLiteral("%1 %2: message %3 says \"%4\" in English, the report \"%5\"").arg(f.id, f.category, m->id, en, *text);
        const QString ru = renderMessage(*m, QStringLiteral("ru"));
        if (ru.isEmpty() || ru.contains(placeholder) || !ru.contains(cyrillic))
            return QStringLiteral("%1 %2: message %3 in Russian: \"%4\"").arg(f.id, f.category, m->id, ru);
    }
    return QString();
}

} // namespace packetlens::test

// SPDX-License-Identifier: GPL-3.0-or-later
#include "format.h"

#include <QLocale>

namespace packetlens {

QString humanBytes(double b)
{
    return humanBytes(b, QStringLiteral("en"));
}

QString humanBytes(double b, const QString &language)
{
    static const char *const en[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    static const char *const ru[] = {"байт", "КиБ", "МиБ", "ГиБ", "ТиБ"};
    const bool russian = language.startsWith(QLatin1String("ru"));
    int u = 0;
    while (b >= 1024 && u < 4) {
        b /= 1024;
        ++u;
    }
    const QLocale locale = russian ? QLocale(QLocale::Russian, QLocale::Russia) : QLocale::c();
    return QStringLiteral("%1 %2").arg(locale.toString(b, 'f', u ? 1 : 0), QString::fromUtf8(russian ? ru[u] : en[u]));
}

} // namespace packetlens

// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartstyle.h"

#include "i18n.h"

#include <QChart>
#include <QHash>
#include <QLocale>

namespace packetlens::gui::ChartStyle {

QColor paletteColor(int index)
{
    // Tableau 20: ten hues in a strong and a light shade, told apart on light
    // and dark backgrounds (grey kept last, for "other").
    static const QRgb palette[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, 0xedc948, 0xb07aa1, 0xff9da7,
                                   0x9c755f, 0xa0cbe8, 0xffbe7d, 0x8cd17d, 0xb6992d, 0xf1ce63, 0x499894, 0x86bcb6,
                                   0xd37295, 0xfabfd2, 0xd4a6c8, 0xbab0ac};
    return QColor::fromRgb(palette[(index % kPaletteSize + kPaletteSize) % kPaletteSize]);
}

QColor protocolColor(const QString &protocol)
{
    // The protocols most captures show, each its own colour; others by name.
    static const QHash<QString, int> fixed = {
        {QStringLiteral("tcp"), 0},   {QStringLiteral("tls"), 1},   {QStringLiteral("http"), 2},  {QStringLiteral("quic"), 3},
        {QStringLiteral("udp"), 4},   {QStringLiteral("dns"), 5},   {QStringLiteral("icmp"), 6},  {QStringLiteral("icmpv6"), 7},
        {QStringLiteral("arp"), 8},   {QStringLiteral("mdns"), 9},  {QStringLiteral("ssh"), 10},  {QStringLiteral("dhcp"), 11},
        {QStringLiteral("ntp"), 12},  {QStringLiteral("ftp"), 13},  {QStringLiteral("smtp"), 14}, {QStringLiteral("smb2"), 15},
        {QStringLiteral("llmnr"), 16}, {QStringLiteral("nbns"), 17}, {QStringLiteral("gquic"), 18}, {QStringLiteral("other"), 19}};
    const auto it = fixed.constFind(protocol);
    if (it != fixed.constEnd())
        return paletteColor(*it);
    uint32_t h = 2166136261u; // FNV-1a: the same colour in every run
    for (const QChar c : protocol) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    return paletteColor(int(h % (kPaletteSize - 1)));
}

Scale byteScale(double max)
{
    static const char *const en[] = {"B", "kB", "MB", "GB", "TB"};
    static const char *const ru[] = {"Б", "кБ", "МБ", "ГБ", "ТБ"};
    const char *const *units = currentLanguage() == QLatin1String("ru") ? ru : en;
    Scale s;
    int i = 0;
    while (max / s.divisor >= 1000 && i < 4) {
        s.divisor *= 1000;
        ++i;
    }
    s.unit = QString::fromUtf8(units[i]);
    return s;
}

QString bytesText(double bytes)
{
    const Scale s = byteScale(bytes);
    const double v = bytes / s.divisor;
    return QStringLiteral("%1 %2").arg(QLocale().toString(v, 'f', s.divisor == 1 ? 0 : v < 10 ? 2 : v < 100 ? 1 : 0), s.unit);
}

void localize(QChart *chart)
{
    chart->setLocalizeNumbers(true);
    chart->setLocale(QLocale());
}

} // namespace packetlens::gui::ChartStyle

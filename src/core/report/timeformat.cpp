// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeformat.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>

namespace packetlens {

void appendIsoTimestamp(std::string &out, int64_t ns, int digits)
{
    int64_t sec = ns / 1000000000;
    int64_t frac = ns % 1000000000;
    if (frac < 0) {
        frac += 1000000000;
        --sec;
    }
    const time_t t = time_t(sec);
    struct tm tm {};
    gmtime_r(&t, &tm);
    char buf[64];
    const size_t n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    out.append(buf, n);
    if (digits > 0) {
        if (digits > 9)
            digits = 9;
        int64_t div = 1;
        for (int i = digits; i < 9; ++i)
            div *= 10;
        int64_t f = frac / div; // < 10^digits: written zero-padded to `digits`
        char d[9];
        for (int i = digits - 1; i >= 0; --i, f /= 10)
            d[i] = char('0' + f % 10);
        out += '.';
        out.append(d, size_t(digits));
    }
    out += 'Z';
}

bool parseIsoTimestamp(const QString &text, int64_t *ns, int *digits)
{
    const QByteArray t = text.toLatin1();
    int year = 0, mon = 0, day = 0, hour = 0, min = 0, sec = 0, consumed = 0;
    if (std::sscanf(t.constData(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &mon, &day, &hour, &min, &sec, &consumed) != 6 || year < 0)
        return false;
    struct tm tm {};
    tm.tm_year = year - 1900;
    tm.tm_mon = mon - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = min;
    tm.tm_sec = sec;
    const int64_t whole = int64_t(timegm(&tm));
    // The analysis saturates packet times to 1824..2116 (RawPacket::timeNs):
    // a time outside is not one it wrote, and would not fit in nanoseconds.
    constexpr int64_t kMaxSec = INT64_MAX / 2 / 1000000000;
    if (whole > kMaxSec || whole < -kMaxSec)
        return false;
    int64_t frac = 0;
    int n = 0;
    const char *p = t.constData() + consumed;
    if (*p == '.') {
        for (++p; *p >= '0' && *p <= '9'; ++p, ++n)
            if (n < 9)
                frac = frac * 10 + (*p - '0');
    }
    if (*p != 'Z' || p[1] != '\0')
        return false;
    for (int i = std::min(n, 9); i < 9; ++i)
        frac *= 10;
    *ns = whole * 1000000000 + frac;
    if (digits)
        *digits = n;
    return true;
}

QString isoTimestamp(int64_t ns, int digits)
{
    std::string s;
    appendIsoTimestamp(s, ns, digits);
    return QString::fromLatin1(s.data(), qsizetype(s.size()));
}

} // namespace packetlens

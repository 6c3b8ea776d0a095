#include "timeformat.h"

#include <ctime>

namespace packetlens {

QString isoTimestamp(int64_t ns, int digits)
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
    size_t n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    QString out = QString::fromLatin1(buf, int(n));
    if (digits > 0) {
        if (digits > 9)
            digits = 9;
        int64_t div = 1;
        for (int i = digits; i < 9; ++i)
            div *= 10;
        out += QStringLiteral(".%1").arg(frac / div, digits, 10, QLatin1Char('0'));
    }
    out += QLatin1Char('Z');
    return out;
}

} // namespace packetlens

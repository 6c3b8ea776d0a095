#include "timeformat.h"

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

QString isoTimestamp(int64_t ns, int digits)
{
    std::string s;
    appendIsoTimestamp(s, ns, digits);
    return QString::fromLatin1(s.data(), qsizetype(s.size()));
}

} // namespace packetlens

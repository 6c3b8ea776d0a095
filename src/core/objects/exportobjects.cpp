// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportobjects.h"

#include "objectcarver.h"

#include "../service/capturewalk.h"

namespace packetlens {

namespace {
constexpr uint64_t kMaxKept = 1ull << 30; // bytes kept over all streams
} // namespace

QStringList objectProtocols()
{
    return {QStringLiteral("http"), QStringLiteral("ftp-data"), QStringLiteral("smtp")};
}

bool carveObjects(const QString &path, const QStringList &protocols, std::vector<CapturedObject> &out, QString *error, int entry)
{
    ObjectCarver c(protocols, kMaxKept);
    const auto visit = [&](const WalkedPacket &w) {
        if (w.pos.tcp)
            c.add(w.number, w.raw->timeNs(), *w.d, w.pos.stream, w.pos.dir, w.pos.relSeq);
    };
    if (!walkCapture(path, visit, error, nullptr, entry))
        return false;
    out = c.finish();
    return true;
}

} // namespace packetlens

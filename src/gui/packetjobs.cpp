// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetjobs.h"

#include "packetspool.h"
#include "streamtable.h"

#include "core/decode/packetdecoder.h"
#include "core/inspect/displayfilter.h"
#include "core/inspect/packetsummary.h"

#include <algorithm>
#include <numeric>

namespace packetlens::gui {

RowText makeRowText(const PacketSource &src, uint32_t index)
{
    RowText t;
    PacketSpool::Packet p;
    const PacketRecord &r = src.records->at(index);
    if (!src.spool->read(r, p)) {
        t.info = QStringLiteral("[bytes unavailable]");
        return t;
    }
    PacketDecoder decoder;
    DecodedPacket d;
    decoder.decode(p.linkType, p.bytes.data(), uint32_t(p.bytes.size()), r.len, d);
    d.tcpRetransmission = r.flags & PacketRecord::Retransmission;
    t.protocol = packetProtocolLabel(d);
    StreamPosition pos;
    t.info = packetInfo(d, src.streams && src.streams->position(index, d, pos) ? &pos : nullptr);
    return t;
}

std::vector<uint32_t> filterRows(const PacketSource &src, const DisplayFilter &filter, uint32_t from, uint32_t to,
                                 const std::atomic<bool> &stop)
{
    std::vector<uint32_t> out;
    PacketDecoder decoder;
    DecodedPacket d;
    PacketSpool::Packet p;
    QString info;
    const uint32_t experts = src.experts ? src.experts->size() : 0;
    for (uint32_t i = from; i < to; ++i) {
        if ((i & 1023) == 0 && stop.load(std::memory_order_relaxed))
            return {};
        const PacketRecord &r = src.records->at(i);
        if (!src.spool->read(r, p))
            continue;
        decoder.decode(p.linkType, p.bytes.data(), uint32_t(p.bytes.size()), r.len, d);
        d.tcpRetransmission = r.flags & PacketRecord::Retransmission;
        FilterSubject s{&d, uint64_t(i) + 1, r.len, nullptr, experts ? src.experts->find(i, experts) : nullptr,
                        src.streams ? src.streams->streamOf(i) : -1, int(r.proto)};
        if (filter.needsInfo()) {
            StreamPosition pos;
            info = packetInfo(d, src.streams && src.streams->position(i, d, pos) ? &pos : nullptr);
            s.info = &info;
        }
        if (filter.matches(s))
            out.push_back(i);
    }
    return out;
}

namespace {
// Addresses sort as addresses (10.0.0.9 before 10.0.0.10), MACs after IPs.
std::vector<uint32_t> addressRanks(const QStringList &addresses)
{
    std::vector<uint32_t> order(size_t(addresses.size()) + 1);
    std::iota(order.begin(), order.end(), 0u);
    std::vector<IpAddress> ips(order.size());
    for (qsizetype i = 0; i < addresses.size(); ++i)
        IpAddress::parse(addresses[i].toStdString(), ips[size_t(i) + 1]);
    std::sort(order.begin() + 1, order.end(), [&](uint32_t a, uint32_t b) {
        const bool ia = ips[a].isValid(), ib = ips[b].isValid();
        if (ia != ib)
            return ia;
        if (ia)
            return ips[a] < ips[b];
        return addresses[a - 1] < addresses[b - 1];
    });
    std::vector<uint32_t> rank(order.size());
    for (uint32_t i = 0; i < order.size(); ++i)
        rank[order[i]] = i;
    return rank;
}
} // namespace

std::vector<uint32_t> sortRows(const PacketSource &src, std::vector<uint32_t> rows, PacketColumn column,
                               bool descending, const std::atomic<bool> &stop)
{
    const RecordStore &rec = *src.records;
    auto sortBy = [&](auto key) {
        using Key = decltype(key(0u));
        std::vector<std::pair<Key, uint32_t>> keyed;
        keyed.reserve(rows.size());
        for (size_t i = 0; i < rows.size(); ++i) {
            if ((i & 4095) == 0 && stop.load(std::memory_order_relaxed))
                return false;
            keyed.emplace_back(key(rows[i]), rows[i]);
        }
        if (descending)
            std::stable_sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return b.first < a.first; });
        else
            std::stable_sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (size_t i = 0; i < rows.size(); ++i)
            rows[i] = keyed[i].second;
        return true;
    };
    std::sort(rows.begin(), rows.end()); // ties in packet order
    bool done = true;
    switch (column) {
    case PacketColumn::Number:
        if (descending)
            std::reverse(rows.begin(), rows.end());
        break;
    case PacketColumn::Time: done = sortBy([&](uint32_t i) { return rec.at(i).tsNs; }); break;
    case PacketColumn::Length: done = sortBy([&](uint32_t i) { return rec.at(i).len; }); break;
    case PacketColumn::Source:
    case PacketColumn::Destination: {
        const std::vector<uint32_t> rank = addressRanks(src.addresses);
        const bool bySrc = column == PacketColumn::Source;
        done = sortBy([&](uint32_t i) {
            const uint32_t a = bySrc ? rec.at(i).src : rec.at(i).dst;
            return a < rank.size() ? rank[a] : 0u;
        });
        break;
    }
    case PacketColumn::Protocol:
    case PacketColumn::Info: {
        const bool info = column == PacketColumn::Info;
        done = sortBy([&](uint32_t i) {
            const RowText t = makeRowText(src, i);
            return info ? t.info : t.protocol;
        });
        break;
    }
    case PacketColumn::Count: break;
    }
    return done ? rows : std::vector<uint32_t>{};
}

} // namespace packetlens::gui

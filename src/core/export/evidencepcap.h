// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../capture/captureopener.h"

#include "../report/report.h"

#include <QString>

#include <set>

namespace packetlens {

// Writes the packets findings cite (1-based numbers) to a classic pcap with
// libpcap, keeping their original link type and timestamps (ns precision).
// The capture is read again; `captureName` picks the entry of an archive
// (the report's capture.file_name).
struct EvidenceResult
{
    bool ok = false;
    int written = 0;
    int skippedOtherLinkType = 0;
    QString error;
};

EvidenceResult writeEvidencePcap(const QString &capturePath, const QString &captureName,
                                 const std::set<uint64_t> &packets, const QString &outPath,
                                 const OpenOptions &options = {});

// The packet numbers all findings of a report cite.
std::set<uint64_t> citedPackets(const Report &report);

} // namespace packetlens

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exportobjects.h"
#include "objectstreams.h"

#include "../decode/decodedpacket.h"

#include <map>

namespace packetlens {

// The carvers, one per protocol, over reassembled streams (objectcarving.cpp).
void carveHttp(const ObjectStream &s, std::vector<CapturedObject> &out);
void carveSmtp(const ObjectStream &s, std::vector<CapturedObject> &out);
// FTP: the control connection's transfer commands, paired in order with the
// data connections it announced (control.dataIds); data streams carved
// already are skipped, and with skipFull those that passed the size limit.
void carveFtp(int64_t controlId, const ObjectStream &control, const std::map<int64_t, ObjectStream> &streams,
              bool skipFull, std::vector<CapturedObject> &out);
// The argument of each transfer command the control connection's client
// sent so far (RETR, STOR, APPE, STOU); empty for listings (LIST, NLST, MLSD).
QList<QByteArray> ftpTransfers(const ObjectStream &control);
// Which of the control connection's transfers a data stream carries (its
// place among the data streams the control connection announced).
qsizetype ftpTransferIndex(const ObjectStream &control, int64_t dataStream);
// One data stream's file, named `name` (nothing for a listing or no bytes).
void carveFtpData(const ObjectStream &control, const ObjectStream &data, const QByteArray &name, std::vector<CapturedObject> &out);
// Endpoints an FTP control segment announces (227, 229, PORT, EPRT).
QList<QByteArray> ftpAnnouncedEndpoints(const QByteArray &payload, const DecodedPacket &d);

} // namespace packetlens

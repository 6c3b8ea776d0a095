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
// data connections it announced.
void carveFtp(int64_t controlId, const ObjectStream &control, const std::map<int64_t, ObjectStream> &streams, std::vector<CapturedObject> &out);
// Endpoints an FTP control segment announces (227, 229, PORT, EPRT).
QList<QByteArray> ftpAnnouncedEndpoints(const QByteArray &payload, const DecodedPacket &d);

} // namespace packetlens

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exportobjects.h"
#include "objectstreams.h"

#include "../decode/decodedpacket.h"

#include <map>

namespace packetlens {

// Carves the objects (HTTP, FTP-DATA, SMTP) of TCP streams fed to it packet
// by packet. Export Objects feeds it a whole capture and keeps the bytes;
// the analysis (ObjectLog) closes each stream as its conversation ends, so
// that only the open streams' bytes are held.
class ObjectCarver
{
public:
    // protocols: "http", "ftp-data", "smtp"; empty: all. keepLimit: bytes
    // kept over all open streams (a stream that would pass it stops growing;
    // its objects are carved from what was kept when carveTruncated, else not at all).
    ObjectCarver(const QStringList &protocols, uint64_t keepLimit, bool carveTruncated = true);
    // One TCP segment of `stream` (any id unique within the capture); dir 0
    // is the side that sent the stream's first packet; seq as on the wire
    // or relative, compared modulo 2^32.
    void add(uint64_t number, int64_t tsNs, const DecodedPacket &d, int64_t stream, int dir, uint32_t seq);
    // The same; with closedOut, an HTTP or SMTP stream that this segment
    // closes on the wire (FIN from both sides, or a reset) is carved at once
    // into closedOut and its bytes freed, instead of when close() is called:
    // a live session or a busy capture holds only the streams still open.
    // Its later packets are ignored, but for a SYN that opens the same ports
    // again (a new connection, carved as a new stream). An FTP data stream is
    // carved so once its control connection's transfer command is known.
    void add(uint64_t number, int64_t tsNs, const DecodedPacket &d, int64_t stream, int dir, uint32_t seq,
             std::vector<CapturedObject> *closedOut);
    // The stream ended: its HTTP and SMTP objects are carved now (into out,
    // in no particular order) and its bytes freed. FTP data streams wait for
    // finish() (unless add() carved them as they closed), and so does an FTP
    // control connection while one of its data streams is not carved.
    void close(int64_t stream, std::vector<CapturedObject> &out);
    // Carves what is left; every object (with `earlier`, the closed streams'
    // objects) in the order they completed, named, typed and hashed.
    std::vector<CapturedObject> finish(std::vector<CapturedObject> earlier = {});
    // Streams that passed the keep limit: their later objects are missing.
    uint64_t truncatedStreams() const { return m_truncated; }
    // Streams held (open ones, markers of carved ones, FTP control connections).
    size_t streamsHeld() const { return m_streams.size(); }

private:
    ObjectStream *streamFor(int64_t stream, int dir, const DecodedPacket &d);
    bool classify(const DecodedPacket &d, ObjectStream &s) const;
    bool wants(const char *p) const { return m_protocols.isEmpty() || m_protocols.contains(QLatin1String(p)); }
    void release(ObjectStream &s);
    void carve(ObjectStream &s, std::vector<CapturedObject> &out);
    bool carveFtpFile(int64_t stream, ObjectStream &s, std::vector<CapturedObject> &out);
    void releaseControl(int64_t id);

    QStringList m_protocols;
    uint64_t m_limit;
    bool m_carveTruncated;
    std::map<int64_t, ObjectStream> m_streams;
    std::map<QByteArray, int64_t> m_announced; // FTP data endpoints seen in 227/229/PORT/EPRT, by control stream
    uint64_t m_kept = 0;
    uint64_t m_truncated = 0;
};

// Names, types and hashes carved objects (in place), in the order they completed.
void finishObjects(std::vector<CapturedObject> &objects);

} // namespace packetlens

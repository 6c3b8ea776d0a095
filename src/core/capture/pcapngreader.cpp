// SPDX-License-Identifier: GPL-3.0-or-later
#include "pcapngreader.h"
#include "core/report/errortext.h"

namespace packetlens {

PcapngReader::PcapngReader(std::unique_ptr<BufferedSource> src) : m_src(std::move(src)) {}

bool PcapngReader::fail(const QString &why)
{
    stopAt(m_src->offset(), why);
    m_done = true;
    return false;
}

// No byte left: the end, or a read error, or a file without a section.
bool PcapngReader::atEnd()
{
    if (m_src->failed())
        return fail(errorText("error.file.read", {m_src->error()}));
    if (!m_sawSection)
        return fail(errorText("error.pcapng.no_section"));
    m_done = true;
    return false;
}

bool PcapngReader::next(RawPacket &pkt)
{
    while (!m_done) {
        const size_t have = m_src->fill(12);
        if (have == 0)
            return atEnd();
        uint32_t type = 0, len = 0;
        QString why;
        if (!readHeader(m_src->peek(), have, type, len, why))
            return fail(why);
        if (m_src->fill(len) < len)
            return fail(cutInBlock(m_src->available(), len));
        // The block stays valid in the buffer until the next fill(), i.e.
        // until the caller asks for the next packet.
        const uint8_t *b = m_src->peek();
        if (!trailerMatches(b, len))
            return fail(errorText("error.pcapng.trailer"));
        m_src->consume(len);
        const Step step = readBlock(type, b, len, pkt, why);
        if (step == Step::Packet)
            return true;
        if (step == Step::Stop)
            return fail(why);
    }
    return false;
}

} // namespace packetlens

// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversation.h"

namespace packetlens {

const char *connStateName(ConnState s)
{
    static const char *const names[ConnStateCount] = {"S0",     "S1",     "SF",    "REJ", "S2",  "S3", "RSTO",
                                                      "RSTR",   "RSTOS0", "RSTRH", "SH",  "SHR", "OTH"};
    return s < ConnStateCount ? names[s] : "OTH";
}

ConnState connState(const Conv &c)
{
    if (c.proto != 6)
        return c.respPackets ? SF : S0;
    const uint16_t f = c.flags;
    const bool syn = f & OrigSyn, synAck = f & RespSynAck;
    if (syn && synAck) {
        if (f & OrigRst)
            return RSTO;
        if (f & RespRst)
            return RSTR;
        if ((f & OrigFin) && (f & RespFin))
            return SF;
        if (f & OrigFin)
            return S2;
        if (f & RespFin)
            return S3;
        return S1;
    }
    if (syn) {
        if (f & RespRst)
            return REJ;
        if (f & OrigRst)
            return RSTOS0;
        if (f & OrigFin)
            return SH;
        return c.respPackets ? OTH : S0;
    }
    if (synAck) {
        if (f & RespRst)
            return RSTRH;
        if (f & RespFin)
            return SHR;
    }
    return OTH;
}

} // namespace packetlens

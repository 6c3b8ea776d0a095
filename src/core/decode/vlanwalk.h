// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "byteview.h"

#include <cstdint>

namespace packetlens {

// The one walk over 802.1Q / 802.1ad tags after an EtherType, shared by the
// decoder and the conversation table's look-ahead hint (which reads headers
// a few packets ahead without decoding them).
namespace vlan {

constexpr uint16_t kTagQ = 0x8100, kTagAd = 0x88a8, kTagOld = 0x9100;

inline bool isTag(uint16_t type)
{
    return type == kTagQ || type == kTagAd || type == kTagOld;
}

enum class Stop { Done, Short, TooMany };

// Steps over the tags at the start of `v` while `type` names one: `type`
// becomes the EtherType after them and `offset` the bytes they took.
// onTag(tci, at) is called for each tag. Stops early (Short) when a tag is
// cut, or after maxTags tags with another still announced (TooMany).
template<typename OnTag>
inline Stop walk(ByteView v, uint16_t &type, size_t &offset, int maxTags, OnTag onTag)
{
    offset = 0;
    for (int tags = 0; isTag(type); ++tags) {
        if (tags >= maxTags)
            return Stop::TooMany;
        uint16_t tci = 0;
        if (!v.be16(offset, tci) || !v.be16(offset + 2, type))
            return Stop::Short;
        onTag(tci, offset);
        offset += 4;
        if (type <= 1500) // an 802.3 length: LLC follows
            return Stop::Done;
    }
    return Stop::Done;
}

} // namespace vlan
} // namespace packetlens

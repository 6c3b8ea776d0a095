// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>

#include <cstdint>
#include <string>
#include <string_view>

namespace packetlens {

// A JSON array of flat objects, written as text and parsed once. For the
// report's long lists (a thousand conversations and endpoints) this is
// several times faster than building each QJsonObject key by key (every
// insert searches the object and grows its storage); the result is the same.
class JsonRows
{
public:
    void beginRow();
    void add(std::string_view key, std::string_view text); // a string (escaped here)
    void add(std::string_view key, int64_t n);
    void addTimestamp(std::string_view key, int64_t ns, int digits); // ISO-8601 UTC, as isoTimestamp()
    QJsonArray toArray() const;

private:
    void key(std::string_view k);
    std::string m_text;
    bool m_firstField = true;
};

} // namespace packetlens

// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonrows.h"

#include "timeformat.h"

#include <QByteArray>
#include <QJsonDocument>

#include <charconv>

namespace packetlens {

void JsonRows::beginRow()
{
    m_text += m_text.empty() ? "[{" : "},{";
    m_firstField = true;
}

void JsonRows::key(std::string_view k)
{
    if (!m_firstField)
        m_text += ',';
    m_firstField = false;
    m_text += '"';
    m_text += k;
    m_text += "\":";
}

void JsonRows::add(std::string_view k, std::string_view text)
{
    key(k);
    m_text += '"';
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            m_text += '\\';
            m_text += c;
        } else if (u < 0x20) {
            static const char hex[] = "0123456789abcdef";
            m_text += "\\u00";
            m_text += hex[u >> 4];
            m_text += hex[u & 15];
        } else {
            m_text += c; // UTF-8 passes through
        }
    }
    m_text += '"';
}

void JsonRows::add(std::string_view k, int64_t n)
{
    key(k);
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    m_text.append(buf, r.ptr);
}

void JsonRows::addTimestamp(std::string_view k, int64_t ns, int digits)
{
    key(k);
    m_text += '"';
    appendIsoTimestamp(m_text, ns, digits); // digits and punctuation only: nothing to escape
    m_text += '"';
}

QJsonArray JsonRows::toArray() const
{
    if (m_text.empty())
        return {};
    const std::string text = m_text + "}]";
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), qsizetype(text.size())), &err);
    Q_ASSERT(err.error == QJsonParseError::NoError);
    return doc.array();
}

} // namespace packetlens

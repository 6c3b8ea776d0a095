// SPDX-License-Identifier: GPL-3.0-or-later
#include "liverequest.h"

#include "core/live/capturehelper.h"

#include <QJsonArray>
#include <QRandomGenerator>

namespace packetlens {

namespace {
// A CaptureSink into the server's capture store (see storeSink()).
class StoreSink : public CaptureSink
{
public:
    StoreSink(std::unique_ptr<CaptureStore::Writer> writer, const QString &name) : m_writer(std::move(writer)), m_name(name) {}
    bool write(const uint8_t *data, size_t n) override { return m_writer->write(reinterpret_cast<const char *>(data), qint64(n), &m_error); }
    bool finish(const QString &, QString *error) override
    {
        CaptureStore::WriteError kind = CaptureStore::WriteError::None;
        return m_writer->finish(m_name, &m_stored, &kind, error);
    }
    QString path() const override { return m_stored.path; }
    QString error() const override { return m_error; }

private:
    std::unique_ptr<CaptureStore::Writer> m_writer;
    QString m_name, m_error;
    CaptureStore::Stored m_stored;
};

} // namespace

std::unique_ptr<CaptureSink> storeSink(std::unique_ptr<CaptureStore::Writer> writer, const QString &name)
{
    return std::make_unique<StoreSink>(std::move(writer), name);
}

QString newLiveId()
{
    const quint64 v = QRandomGenerator::system()->generate64();
    return QStringLiteral("%1").arg(v, 16, 16, QLatin1Char('0'));
}

ApiResponse liveErrorResponse(LiveError e, const QString &message)
{
    switch (e) {
    case LiveError::NoPermission: return ApiResponse::error(ApiError::CaptureNotPermitted, message);
    case LiveError::NoSuchInterface:
    case LiveError::BadFilter: return ApiResponse::error(ApiError::BadRequest, message);
    default: return ApiResponse::error(ApiError::CaptureFailed, message);
    }
}

// The filter checked against the interface's link type before anything starts.
bool checkLiveFilter(const LiveOptions &o, QString *why)
{
    if (o.filter.isEmpty())
        return true;
    int linkType = 1;
    QList<CaptureInterface> list;
    if (CaptureHelper::interfaces(&list, why))
        for (const CaptureInterface &i : list)
            if (i.name == o.source.interface && i.linkType >= 0)
                linkType = i.linkType;
    if (checkCaptureFilter(o.filter, linkType, o.snaplen, why))
        return true;
    *why = QStringLiteral("invalid capture filter '%1': %2").arg(o.filter, *why);
    return false;
}

QJsonObject interfaceJson(const CaptureInterface &i)
{
    return QJsonObject{{QStringLiteral("name"), i.name},
                       {QStringLiteral("description"), i.description},
                       {QStringLiteral("addresses"), QJsonArray::fromStringList(i.addresses)},
                       {QStringLiteral("flags"), QJsonArray::fromStringList(i.flags)},
                       {QStringLiteral("link_type"), i.linkType},
                       {QStringLiteral("link_type_name"), i.linkTypeName}};
}

} // namespace packetlens

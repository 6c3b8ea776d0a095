// SPDX-License-Identifier: GPL-3.0-or-later
#include "liveerror.h"
#include "core/report/errortext.h"

namespace packetlens {

QString liveErrorCode(LiveError e)
{
    switch (e) {
    case LiveError::None: return QStringLiteral("none");
    case LiveError::NoPermission: return QStringLiteral("no_permission");
    case LiveError::NoSuchInterface: return QStringLiteral("no_such_interface");
    case LiveError::BadFilter: return QStringLiteral("bad_filter");
    case LiveError::InterfaceDown: return QStringLiteral("interface_down");
    case LiveError::HelperMissing: return QStringLiteral("helper_missing");
    case LiveError::NotACapture: return QStringLiteral("not_a_capture");
    case LiveError::Io: return QStringLiteral("io");
    case LiveError::Failed: return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

QString captureGrantHint(const QString &helperPath)
{
    return errorText("error.live.grant", {helperPath});
}

} // namespace packetlens

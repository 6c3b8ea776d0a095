#include "liveerror.h"

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
    return QStringLiteral("Capturing needs root or the capabilities CAP_NET_RAW and CAP_NET_ADMIN, which only the capture "
                          "helper %1 needs to hold (PacketLens itself never runs privileged). Either join the group "
                          "'packetlens', whose members may run the helper with them (the Debian package sets it up; "
                          "from a build: sudo installer/grant-capture.sh %1): sudo usermod -aG packetlens $USER, then "
                          "log in again; or grant them to the helper for every user:\n"
                          "  sudo setcap cap_net_raw,cap_net_admin=eip %1")
        .arg(helperPath);
}

} // namespace packetlens

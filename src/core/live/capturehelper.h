// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "liveerror.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace packetlens {

// An interface the capture helper can capture on (`packetlens-capture -D`).
struct CaptureInterface
{
    QString name, description;
    QStringList flags;     // "up", "running", "loopback", "wireless", "disconnected"
    int linkType = -1;     // LINKTYPE_ value; -1 unknown
    QString linkTypeName;  // "EN10MB", "LINUX_SLL", … ("" when unknown)
    QStringList addresses;
    bool isUp() const { return flags.contains(QLatin1String("up")); }
    bool isLoopback() const { return flags.contains(QLatin1String("loopback")); }
};

// The capture helper program, packetlens-capture (src/capturehelper): where
// it is, the interfaces it offers, how its exit tells what went wrong.
namespace CaptureHelper {

// Its path: $PACKETLENS_CAPTURE_HELPER, else beside the running program, else
// in the build tree, else on PATH; "" when none is found.
QString locate();
// The interfaces, `any` included; false with the reason when the helper is
// missing or fails.
bool interfaces(QList<CaptureInterface> *out, QString *error);
// The helper's exit code and standard error as an error and its message
// (LiveError::None for a clean end).
LiveError errorOf(int exitCode, const QString &errorOutput, QString *message);
// Exit code of the helper when the interface went down (or away) mid-capture.
constexpr int kExitInterfaceDown = 5;

} // namespace CaptureHelper

// Checks a capture filter against a link type (libpcap compiles it, no
// device opened); false with libpcap's complaint.
bool checkCaptureFilter(const QString &filter, int linkType, int snaplen, QString *error);

} // namespace packetlens

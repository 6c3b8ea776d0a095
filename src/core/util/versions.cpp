// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/versions.h"

#include <openssl/crypto.h>
#include <pcap/pcap.h>

#include <QtGlobal>

namespace packetlens {

LibraryVersions libraryVersions()
{
    return {QString::fromLatin1(qVersion()), QString::fromLatin1(pcap_lib_version()),
            QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION))};
}

QString engineVersion()
{
    return QStringLiteral(PACKETLENS_VERSION "+a%1").arg(kAnalysisRevision);
}

} // namespace packetlens

// SPDX-License-Identifier: GPL-3.0-or-later
#include "filewrite.h"
#include "core/report/errortext.h"

#include "databasefiles.h"

#include <QSaveFile>

namespace packetlens {

bool writeWholeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    if (DatabaseFiles::isInUse(path)) {
        *error = DatabaseFiles::refusal(path);
        return false;
    }
    QSaveFile f(path);
    // flush() before commit(): Qt 6.4's commit() ignores a failed flush of the
    // buffer, so a short file on a full disk would be renamed into place empty.
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.flush() || !f.commit()) {
        *error = errorText("error.file.cannot_write", {path, f.errorString()});
        f.cancelWriting();
        return false;
    }
    return true;
}

} // namespace packetlens

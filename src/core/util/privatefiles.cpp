// SPDX-License-Identifier: GPL-3.0-or-later
#include "privatefiles.h"
#include "core/report/errortext.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace packetlens::PrivateFiles {

namespace {
QString osError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}
} // namespace

bool makeFolder(const QString &path, bool tighten, QStringList *warnings, QString *error)
{
    const QString abs = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QStringList missing;
    for (QString p = abs; !p.isEmpty() && !QFileInfo::exists(p); p = QFileInfo(p).path()) {
        missing.prepend(p);
        if (p == QFileInfo(p).path())
            break;
    }
    for (const QString &p : std::as_const(missing)) {
        if (::mkdir(QFile::encodeName(p).constData(), 0700) != 0 && errno != EEXIST) {
            *error = errorText("error.file.cannot_create_folder", {p, osError()});
            return false;
        }
    }
    struct stat st {};
    if (::stat(QFile::encodeName(abs).constData(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        *error = errorText("error.file.not_folder", {abs});
        return false;
    }
    if (tighten && (st.st_mode & 077) && ::getuid() == st.st_uid) {
        if (::chmod(QFile::encodeName(abs).constData(), st.st_mode & 0700) == 0 && warnings)
            *warnings << errorText("error.file.made_private_folder", {abs});
    }
    return true;
}

void tightenFile(const QString &path, QStringList *warnings)
{
    const QByteArray name = QFile::encodeName(path);
    struct stat st {};
    if (::stat(name.constData(), &st) != 0 || !S_ISREG(st.st_mode) || !(st.st_mode & 077) || st.st_uid != ::getuid())
        return;
    if (::chmod(name.constData(), st.st_mode & 0600) == 0 && warnings)
        *warnings << errorText("error.file.made_private", {path});
}

bool createFile(const QString &path, QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd); // the file did not exist: nothing in this process can hold a lock on it
        return true;
    }
    if (errno == EEXIST)
        return true;
    *error = errorText("error.file.cannot_create", {path, osError()});
    return false;
}

} // namespace packetlens::PrivateFiles

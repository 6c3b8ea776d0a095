// SPDX-License-Identifier: GPL-3.0-or-later
#include "sha256.h"
#include "core/report/errortext.h"

#include "databasefiles.h"
#include "mappedfile.h"

#include <QFile>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace packetlens {

namespace {
// SHA-256 fetched from OpenSSL's default provider once for the process
// (EVP_sha256() would make every EVP_DigestInit_ex fetch it again); the
// function-local static makes the first caller fetch it while any other
// waits. It is kept for the life of the process.
const EVP_MD *sha256Method()
{
    static const EVP_MD *const fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return fetched ? fetched : EVP_sha256();
}
} // namespace

void Sha256::prepare()
{
    // OpenSSL frees its state from an atexit handler unless told not to. Our
    // threads (and libpq's SCRAM, which draws random bytes on the workers that
    // connect to PostgreSQL) hold per-thread OpenSSL state that each thread
    // frees as it ends, and QThread::wait() returns before a thread's
    // thread-local destructors have run: a process exiting right after
    // joining its workers ran that cleanup while a worker was still freeing
    // its own, leaving the worker's random generator behind (the
    // LeakSanitizer reports of serve after SIGTERM) and risking a crash. The
    // process's memory goes back to the system at exit anyway. This must be
    // OpenSSL's first use in the process: programs call it first in main().
    static const bool noAtExit = OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr) == 1;
    (void)noAtExit;
    sha256Method();
}

void Sha256::threadEnds()
{
    OPENSSL_thread_stop();
}

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(static_cast<EVP_MD_CTX *>(m_ctx), sha256Method(), nullptr);
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX *>(m_ctx));
}

void Sha256::update(const void *data, size_t n)
{
    EVP_DigestUpdate(static_cast<EVP_MD_CTX *>(m_ctx), data, n);
}

QString Sha256::finalHex()
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX *>(m_ctx), md, &len);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(md), int(len)).toHex());
}

QString Sha256::ofMapped(MappedFile &map, const std::atomic<bool> *cancel, QString *error,
                         const std::function<void(const QString &)> &early)
{
    Sha256 h;
    QString hex;
    const uint8_t *end = map.data() + map.size();
    auto chunk = [&](const uint8_t *p, size_t n) {
        h.update(p, n);
        if (p + n == end && !map.shrank()) {
            hex = h.finalHex();
            if (early)
                early(hex);
        }
    };
    if (!map.steward(chunk, cancel))
        return {};
    if (map.shrank()) { // cut short by another program while it was hashed
        if (error)
            *error = errorText("error.file.cut_while_hashed");
        return {};
    }
    return hex.isEmpty() ? h.finalHex() : hex;
}

QString Sha256::ofFile(const QString &path, const std::atomic<bool> *cancel, QString *error)
{
    // A regular file is hashed through a memory map (no copy into a buffer);
    // hashed pages are dropped from the resident set as it goes.
    MappedFile map;
    if (map.open(path))
        return ofMapped(map, cancel, error);
    Sha256 h;
    if (DatabaseFiles::isInUse(path)) {
        if (error)
            *error = DatabaseFiles::refusal(path);
        return {};
    }
    // Anything else (an empty file, a pipe): read it.
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (error)
            *error = QString::fromLocal8Bit(std::strerror(errno));
        return {};
    }
    std::vector<uint8_t> buf(1 << 20);
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            ::close(fd);
            return {};
        }
        const ssize_t got = ::read(fd, buf.data(), buf.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            if (error)
                *error = QString::fromLocal8Bit(std::strerror(errno));
            ::close(fd);
            return {};
        }
        if (got == 0)
            break;
        h.update(buf.data(), size_t(got));
    }
    ::close(fd);
    return h.finalHex();
}

} // namespace packetlens

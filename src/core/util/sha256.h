// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>

#include <atomic>
#include <cstdint>

namespace packetlens {

class MappedFile;

// Incremental SHA-256 on OpenSSL's libcrypto (about ten times faster than
// QCryptographicHash here; see README).
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;
    void update(const void *data, size_t n);
    QString finalHex(); // lower-case hex; the object is finished afterwards

    // Sets OpenSSL up for the process (no cleanup at exit, see sha256.cpp) and
    // fetches the digest. Programs call it first in main(), before any thread
    // starts; the first Sha256 made fetches the digest anyway.
    static void prepare();
    // Frees this thread's OpenSSL state now; a QThread's function calls it
    // last, since QThread::wait() returns before thread-local destructors run.
    static void threadEnds();

    // Hashes a whole file; returns an empty string on error or cancel.
    static QString ofFile(const QString &path, const std::atomic<bool> *cancel = nullptr,
                          QString *error = nullptr);

    // Hashes a mapped file as the steward of its mapping (see MappedFile): a
    // packet reader reading the same mapping meanwhile finds its pages mapped.
    // The steward returns only when the reader is done; `early`, when given,
    // is told the hash as soon as the last byte is hashed.
    static QString ofMapped(MappedFile &map, const std::atomic<bool> *cancel = nullptr, QString *error = nullptr,
                            const std::function<void(const QString &)> &early = {});

private:
    void *m_ctx;
};

} // namespace packetlens

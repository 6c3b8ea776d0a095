#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>

namespace packetlens {

// A regular file mapped read-only. If another program cuts the file short
// while it is mapped, touching a page past the new end would kill the
// process with SIGBUS; a process-wide handler instead maps zero pages over
// the rest of the mapping and marks it shrunk, so the reader sees zeros,
// checks shrank() and stops with a message. Pages already read can be
// dropped from the resident set (release), keeping RSS flat on large files.
class MappedFile
{
public:
    MappedFile() = default;
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    // False when the path is not a regular, non-empty file that can be mapped.
    bool open(const QString &path);
    const uint8_t *data() const { return m_data; }
    uint64_t size() const { return m_size; }
    bool shrank() const;
    // Drops [from, to) (rounded to pages) from the resident set.
    void release(uint64_t from, uint64_t to);

private:
    const uint8_t *m_data = nullptr;
    uint64_t m_size = 0;
    int m_slot = -1; // in the handler's table
};

} // namespace packetlens

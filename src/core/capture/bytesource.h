// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace packetlens {

// A sequential stream of bytes: a file, a gzip stream, a zip entry.
class ByteSource
{
public:
    virtual ~ByteSource() = default;
    // Reads up to n bytes; returns the count, 0 at end, -1 on error (see error()).
    virtual int64_t read(uint8_t *buf, int64_t n) = 0;
    // Bytes of the underlying file consumed so far and its total size (for progress).
    virtual uint64_t progressPosition() const = 0;
    virtual uint64_t progressTotal() const = 0;
    QString error() const { return m_error; }

protected:
    QString m_error;
};

// Plain file via POSIX read() with large reads.
class FileSource : public ByteSource
{
public:
    ~FileSource() override;
    bool open(const QString &path);
    int64_t read(uint8_t *buf, int64_t n) override;
    uint64_t progressPosition() const override { return m_pos; }
    uint64_t progressTotal() const override { return m_size; }

private:
    int m_fd = -1;
    uint64_t m_pos = 0;
    uint64_t m_size = 0;
};

// gzip (or multi-member gzip) file, decompressed as it is read. Stops with an
// error when the output exceeds maxBytes or maxRatio times the input size.
class GzipSource : public ByteSource
{
public:
    GzipSource(uint64_t maxBytes, double maxRatio) : m_maxBytes(maxBytes), m_maxRatio(maxRatio) {}
    ~GzipSource() override;
    bool open(const QString &path);
    int64_t read(uint8_t *buf, int64_t n) override;
    uint64_t progressPosition() const override;
    uint64_t progressTotal() const override { return m_size; }

private:
    void *m_gz = nullptr;
    uint64_t m_size = 0;
    uint64_t m_out = 0;
    uint64_t m_maxBytes;
    double m_maxRatio;
};

// Adds a read buffer and peek() over another source.
class BufferedSource
{
public:
    explicit BufferedSource(std::unique_ptr<ByteSource> src, size_t bufSize = 1 << 20);
    // Makes at least n bytes available if the stream has them; returns how many are.
    size_t fill(size_t n);
    const uint8_t *peek() const { return m_buf.data() + m_start; }
    size_t available() const { return m_end - m_start; }
    void consume(size_t n);
    // Copies up to n bytes out, like read(2): what is buffered, or when
    // nothing is, what the stream gives next (a pipe is not waited on until
    // n bytes came); 0 at its end.
    size_t read(uint8_t *out, size_t n);
    bool failed() const { return m_failed; }
    QString error() const { return m_src->error(); }
    uint64_t offset() const { return m_offset; } // bytes consumed from the stream
    ByteSource &source() { return *m_src; }

private:
    std::unique_ptr<ByteSource> m_src;
    std::vector<uint8_t> m_buf;
    size_t m_start = 0, m_end = 0;
    uint64_t m_offset = 0;
    bool m_eof = false;
    bool m_failed = false;
};

} // namespace packetlens

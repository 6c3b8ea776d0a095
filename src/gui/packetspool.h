#pragma once

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace packetlens::gui {

// The captured bytes of every packet of one analysis, appended by the engine
// thread to a temporary file and read back at random by any thread (pread),
// so that the packet list keeps only compact records in memory and can show
// gzip and zip captures, which cannot be seeked, as fast as plain files.
class PacketSpool
{
public:
    PacketSpool();
    ~PacketSpool();
    PacketSpool(const PacketSpool &) = delete;
    PacketSpool &operator=(const PacketSpool &) = delete;

    bool open(QString *error);
    QString path() const { return m_path; }

    // Writer side (one thread): returns the packet's offset.
    uint64_t append(int linkType, const uint8_t *data, uint32_t caplen);
    bool flush(); // makes everything appended readable

    // Reader side (any thread).
    struct Packet
    {
        int linkType = 0;
        std::vector<uint8_t> bytes;
    };
    bool read(uint64_t offset, Packet &out) const;

private:
    QString m_path;
    int m_writeFd = -1;
    int m_readFd = -1;
    uint64_t m_size = 0;
    std::vector<uint8_t> m_buffer;
};

} // namespace packetlens::gui

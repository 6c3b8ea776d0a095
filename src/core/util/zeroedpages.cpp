// SPDX-License-Identifier: GPL-3.0-or-later
#include "zeroedpages.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>
#include <sys/mman.h>
#include <unistd.h>
#include <utility>

namespace packetlens {

namespace {
constexpr size_t kHuge = size_t(2) << 20;
}

ZeroedPages::ZeroedPages(size_t bytes)
{
    if (bytes == 0)
        return;
    const size_t page = size_t(sysconf(_SC_PAGESIZE));
    // Tables of 1 MiB and more are rounded up to whole 2 MiB pages and
    // aligned to them (map 2 MiB more, cut the ends off); smaller ones keep
    // ordinary pages.
    const bool huge = bytes >= kHuge / 2;
    const size_t len = huge ? (bytes + kHuge - 1) / kHuge * kHuge : (bytes + page - 1) / page * page;
    const size_t mapLen = huge ? len + kHuge : len;
    void *m = mmap(nullptr, mapLen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        throw std::bad_alloc();
    auto *base = static_cast<char *>(m);
    if (huge) {
        const uintptr_t at = reinterpret_cast<uintptr_t>(base);
        char *aligned = base + ((kHuge - at % kHuge) % kHuge);
        if (aligned > base)
            munmap(base, size_t(aligned - base));
        if (aligned + len < base + mapLen)
            munmap(aligned + len, size_t(base + mapLen - (aligned + len)));
        base = aligned;
#ifdef MADV_HUGEPAGE
        madvise(base, len, MADV_HUGEPAGE);
#endif
    }
    m_data = base;
    m_size = len;
}

void copyNonZeroPages(void *to, const void *from, size_t bytes)
{
    constexpr size_t kPage = 4096;
    const auto *src = static_cast<const unsigned char *>(from);
    auto *dst = static_cast<unsigned char *>(to);
    for (size_t off = 0; off < bytes; off += kPage) {
        const size_t n = std::min(kPage, bytes - off);
        const auto *words = reinterpret_cast<const uint64_t *>(src + off);
        bool zero = true;
        for (size_t i = 0; i < n / 8 && zero; ++i)
            zero = words[i] == 0;
        for (size_t i = n / 8 * 8; i < n && zero; ++i)
            zero = src[off + i] == 0;
        if (!zero)
            std::memcpy(dst + off, src + off, n);
    }
}

ZeroedPages::~ZeroedPages()
{
    if (m_data)
        munmap(m_data, m_size);
}

ZeroedPages::ZeroedPages(ZeroedPages &&o) noexcept
    : m_data(std::exchange(o.m_data, nullptr)), m_size(std::exchange(o.m_size, 0))
{
}

ZeroedPages &ZeroedPages::operator=(ZeroedPages &&o) noexcept
{
    if (this != &o) {
        if (m_data)
            munmap(m_data, m_size);
        m_data = std::exchange(o.m_data, nullptr);
        m_size = std::exchange(o.m_size, 0);
    }
    return *this;
}

} // namespace packetlens

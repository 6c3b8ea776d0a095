// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <type_traits>

namespace packetlens {

// Zero-filled memory straight from the kernel for a large table of fixed
// size, asked to be backed by 2 MiB pages where the system allows
// (transparent huge pages, madvise mode included). Filling a table through
// 4 KiB pages costs a page fault per page (several microseconds each in a
// VM: the detectors' three first-event tables took 12 ms before the first
// packet) and a memset of memory that is already zero; here it is one fault
// per 2 MiB, and random lookups miss the TLB less. Falls back to ordinary
// pages silently.
class ZeroedPages
{
public:
    ZeroedPages() = default;
    explicit ZeroedPages(size_t bytes); // throws std::bad_alloc
    ~ZeroedPages();
    ZeroedPages(ZeroedPages &&o) noexcept;
    ZeroedPages &operator=(ZeroedPages &&o) noexcept;
    ZeroedPages(const ZeroedPages &) = delete;
    ZeroedPages &operator=(const ZeroedPages &) = delete;

    void *data() const { return m_data; }
    size_t size() const { return m_size; }

private:
    void *m_data = nullptr;
    size_t m_size = 0; // the mapped length (a multiple of the page size)
};

// Copies `bytes` from `from` to `to` (fresh zeroed pages), skipping the
// source's pages that hold only zeros.
void copyNonZeroPages(void *to, const void *from, size_t bytes);

// An array of n Ts in ZeroedPages. T must be a trivially copyable and
// destructible type whose all-zero bytes are its empty value (checked by the
// caller's tests). The Ts are read straight from the mapped memory, as from
// malloc's (C++23 would spell this std::start_lifetime_as_array).
template<typename T>
class ZeroedArray
{
    static_assert(std::is_trivially_destructible_v<T> && std::is_trivially_copyable_v<T>);

public:
    explicit ZeroedArray(size_t n) : m_pages(n * sizeof(T)), m_n(n) {}
    ZeroedArray(ZeroedArray &&) noexcept = default;
    ZeroedArray &operator=(ZeroedArray &&) noexcept = default;
    // A copy in pages of its own; the source's all-zero pages are not
    // written (they stay the kernel's zero pages: a sparse table costs what
    // it holds). A live capture's provisional detection works on copies.
    ZeroedArray(const ZeroedArray &o) : m_pages(o.m_n * sizeof(T)), m_n(o.m_n)
    {
        copyNonZeroPages(m_pages.data(), o.m_pages.data(), m_n * sizeof(T));
    }
    ZeroedArray &operator=(const ZeroedArray &o)
    {
        if (this != &o)
            *this = ZeroedArray(o);
        return *this;
    }
    T &operator[](size_t i) { return static_cast<T *>(m_pages.data())[i]; }
    const T &operator[](size_t i) const { return static_cast<const T *>(m_pages.data())[i]; }
    size_t size() const { return m_n; }

private:
    ZeroedPages m_pages;
    size_t m_n;
};

} // namespace packetlens

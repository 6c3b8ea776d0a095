// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

namespace packetlens {

// An owning pointer that copies what it points to when it is copied (a
// std::unique_ptr that state may hold and still be copyable: a live
// capture's provisional detection works on copies of the detectors).
template<typename T>
class DeepPtr
{
public:
    DeepPtr() = default;
    DeepPtr(std::unique_ptr<T> p) : m_p(std::move(p)) {}
    DeepPtr(const DeepPtr &o) : m_p(o.m_p ? std::make_unique<T>(*o.m_p) : nullptr) {}
    DeepPtr(DeepPtr &&) noexcept = default;
    DeepPtr &operator=(const DeepPtr &o)
    {
        if (this != &o)
            m_p = o.m_p ? std::make_unique<T>(*o.m_p) : nullptr;
        return *this;
    }
    DeepPtr &operator=(DeepPtr &&) noexcept = default;
    DeepPtr &operator=(std::unique_ptr<T> p)
    {
        m_p = std::move(p);
        return *this;
    }

    T *get() const { return m_p.get(); }
    T &operator*() const { return *m_p; }
    T *operator->() const { return m_p.get(); }
    explicit operator bool() const { return bool(m_p); }
    void reset() { m_p.reset(); }

private:
    std::unique_ptr<T> m_p;
};

} // namespace packetlens

#pragma once
// A vector whose resize() leaves trivial elements uninitialised, for per-unit arrays that the kernel's threads
// write in full. Zeroing them first would be one more pass over them, by one thread, and that thread would take
// all their page faults: for a million units, about a fifth of the kernel's time.

#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace thidua {
namespace detail {

template <class T>
struct default_init_allocator : std::allocator<T> {
    using std::allocator<T>::allocator;
    template <class U>
    struct rebind {
        using other = default_init_allocator<U>;
    };
    /// Value-initialisation (what resize() asks for) becomes default-initialisation: nothing for a trivial type.
    template <class U>
    void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
        ::new (static_cast<void*>(p)) U;
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

}  // namespace detail

template <class T>
using uninit_vector = std::vector<T, detail::default_init_allocator<T>>;

}  // namespace thidua

#pragma once
/// Storage of the per-unit arrays that scoring produces (scores, rankings, classes): `uninit_vector`.
///
/// - resize() leaves trivial elements uninitialised: the kernel's threads write every element of their units, and
///   zeroing first would be one more pass over the arrays, made by one thread taking all their page faults.
/// - Blocks of 1 MiB or more are taken from, and given back to, the array cache. A million units' report holds
///   about 150 MB of such arrays; the system's fresh pages are zeroed and mapped on their first write, which took a
///   quarter of scoring's time, and the C library returns blocks this large to the system as soon as they are
///   freed. The cache keeps freed blocks (up to set_array_cache_limit() bytes, the oldest given back first) for the
///   next allocation of the same size: scoring the same population again (what-if variants, a notebook re-run)
///   reuses the last report's memory.

#include <array>
#include <cstddef>
#include <memory>
#include <mutex>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace thidua {

namespace detail {

class array_cache {
public:
    static constexpr std::size_t smallest = std::size_t{1} << 20;
    static constexpr std::size_t default_limit = std::size_t{256} << 20;

    /// The process's cache. Never destroyed: reports in static storage may give blocks back during exit.
    static array_cache& instance() {
        static array_cache* cache = new array_cache;
        return *cache;
    }

    void* allocate(std::size_t bytes) {
        if (bytes >= smallest) {
            const std::lock_guard<std::mutex> lock(mutex_);
            for (std::size_t i = count_; i-- > 0;) {  // the most recently freed first: its pages are the warmest
                if (blocks_[i].bytes == bytes) {
                    void* p = blocks_[i].p;
                    remove(i);
                    return p;
                }
            }
        }
        return ::operator new(bytes);
    }

    void deallocate(void* p, std::size_t bytes) noexcept {
        if (bytes >= smallest) {
            const std::lock_guard<std::mutex> lock(mutex_);
            if (bytes <= limit_) {
                if (count_ == blocks_.size()) release_oldest();
                blocks_[count_++] = {p, bytes};
                held_ += bytes;
                while (held_ > limit_) release_oldest();
                return;
            }
        }
        ::operator delete(p);
    }

    void set_limit(std::size_t bytes) {
        const std::lock_guard<std::mutex> lock(mutex_);
        limit_ = bytes;
        while (held_ > limit_) release_oldest();
    }

    std::size_t held() {
        const std::lock_guard<std::mutex> lock(mutex_);
        return held_;
    }

private:
    struct block {
        void* p = nullptr;
        std::size_t bytes = 0;
    };

    void remove(std::size_t i) noexcept {
        held_ -= blocks_[i].bytes;
        for (std::size_t j = i + 1; j < count_; ++j) blocks_[j - 1] = blocks_[j];
        --count_;
    }
    void release_oldest() noexcept {
        ::operator delete(blocks_[0].p);
        remove(0);
    }

    std::mutex mutex_;
    std::array<block, 64> blocks_{};  ///< [0, count_), oldest first; fixed, so that giving back never allocates
    std::size_t count_ = 0, held_ = 0, limit_ = default_limit;
};

/// std::allocator, but value-initialisation (what resize() asks for) becomes default-initialisation, nothing for
/// a trivial type, and large blocks go through the array cache.
template <class T>
struct default_init_allocator : std::allocator<T> {
    using std::allocator<T>::allocator;
    template <class U>
    struct rebind {
        using other = default_init_allocator<U>;
    };
    T* allocate(std::size_t n) { return static_cast<T*>(array_cache::instance().allocate(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept { array_cache::instance().deallocate(p, n * sizeof(T)); }
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

/// A vector whose resize() leaves trivial elements uninitialised and whose large blocks are reused (see above).
template <class T>
using uninit_vector = std::vector<T, detail::default_init_allocator<T>>;

}  // namespace thidua

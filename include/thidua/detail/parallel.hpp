#pragma once
// Splitting work over threads: the kernel's units, a population's units, stability draws.

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace thidua::detail {

/// The threads to use: `requested`, or as many as the hardware has when 0.
inline unsigned thread_count(unsigned requested) {
    return requested ? requested : std::max(1u, std::thread::hardware_concurrency());
}

/// Runs work(t) for t = 0 … threads − 1, work(0) on the calling thread, and rethrows the exception of the lowest
/// t that threw, so that the error reported does not depend on which thread finished first.
template <class Work>
void in_parallel(unsigned threads, Work&& work) {
    std::vector<std::exception_ptr> errors(threads);
    auto guarded = [&](unsigned t) {
        try {
            work(t);
        } catch (...) {
            errors[t] = std::current_exception();
        }
    };
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < threads; ++t) workers.emplace_back(guarded, t);
    guarded(0);
    for (auto& w : workers) w.join();
    for (const auto& e : errors) {
        if (e) std::rethrow_exception(e);
    }
}

}  // namespace thidua::detail

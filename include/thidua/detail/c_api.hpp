#pragma once
// What the opaque handles of the C API (thidua/c.h) hold, and the guard every entry point runs its body in, which
// turns whatever the body throws into a status and a thidua_error. Shared by src/capi/ and tests/cpp/test_capi.cpp.

#include <cstddef>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/c.h"
#include "thidua/core/error.hpp"
#include "thidua/report/report.hpp"
#include "thidua/scoring/plan.hpp"

struct thidua_error {
    int status = THIDUA_OK;
    std::string text, message, document, pointer, column;
    std::size_t line = 0;
};

struct thidua_campaign {
    thidua::plan plan;
};

struct thidua_report {
    /// The strings a thidua_unit_row points to, for one unit.
    struct row_text {
        std::string id, name, cluster, total, class_id, class_title;
    };

    thidua::report report;
    /// Filled by the first thidua_report_unit() call, once: scoring alone never pays for the copies.
    mutable std::vector<row_text> rows;
    mutable std::once_flag rows_once;

    explicit thidua_report(thidua::report r) : report(std::move(r)) {}
};

namespace thidua::detail {

/// A NULL passed where the C API needs a pointer, or a position beyond the report: THIDUA_INVALID_ARGUMENT.
class c_argument_error : public std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

/// Throws c_argument_error naming `name` when `p` is NULL.
inline void require(const void* p, const char* name) {
    if (p == nullptr) throw c_argument_error(std::string(name) + " is NULL");
}

/// The error the C API hands out when memory ran out: preallocated, and never freed by thidua_error_free().
thidua_error* c_out_of_memory() noexcept;

/// A new thidua_error of `status` for `e` (the out-of-memory error when making it fails).
thidua_error* c_error(int status, const thidua::error& e) noexcept;
thidua_error* c_error(int status, const char* what) noexcept;

/// Runs `body`; returns THIDUA_OK, or the status of what it threw with the error stored in `*error` (when `error`
/// is not NULL; else the error is dropped). `*error` is NULL after a success.
template <class Body>
int c_call(thidua_error** error, Body&& body) noexcept {
    if (error != nullptr) *error = nullptr;
    thidua_error* failure = nullptr;
    try {
        body();
        return THIDUA_OK;
    } catch (const parse_error& e) {
        failure = c_error(THIDUA_PARSE_ERROR, e);
    } catch (const schema_error& e) {
        failure = c_error(THIDUA_SCHEMA_ERROR, e);
    } catch (const reference_error& e) {
        failure = c_error(THIDUA_REFERENCE_ERROR, e);
    } catch (const validation_error& e) {
        failure = c_error(THIDUA_VALIDATION_ERROR, e);
    } catch (const arithmetic_error& e) {
        failure = c_error(THIDUA_ARITHMETIC_ERROR, e);
    } catch (const limit_error& e) {
        failure = c_error(THIDUA_LIMIT_ERROR, e);
    } catch (const thidua::error& e) {
        failure = c_error(THIDUA_INTERNAL_ERROR, e);
    } catch (const c_argument_error& e) {
        failure = c_error(THIDUA_INVALID_ARGUMENT, e.what());
    } catch (const std::bad_alloc&) {
        failure = c_out_of_memory();
    } catch (const std::exception& e) {
        failure = c_error(THIDUA_INTERNAL_ERROR, e.what());
    } catch (...) {
        failure = c_error(THIDUA_INTERNAL_ERROR, "an exception that is not a std::exception");
    }
    const int status = failure->status;
    if (error != nullptr) {
        *error = failure;
    } else {
        thidua_error_free(failure);
    }
    return status;
}

/// A copy of `text` in memory the caller frees with thidua_string_free() (malloc).
char* c_string(std::string_view text);

}  // namespace thidua::detail

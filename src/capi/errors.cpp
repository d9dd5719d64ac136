// The C API's errors, strings and version: what thidua/c.h hands out besides campaigns and reports.

#include <cstdlib>
#include <cstring>

#include "thidua/core/version.hpp"
#include "thidua/detail/c_api.hpp"

namespace thidua::detail {

namespace {

// Short enough for the strings' own small buffers: making it at load time allocates nothing.
thidua_error out_of_memory{THIDUA_OUT_OF_MEMORY, "out of memory", "out of memory", {}, {}, {}, 0};

}  // namespace

thidua_error* c_out_of_memory() noexcept { return &out_of_memory; }

thidua_error* c_error(int status, const thidua::error& e) noexcept {
    try {
        const auto& where = e.where();
        // As Python's thidua.Error: a pointer only when the place is not a line of a text.
        return new thidua_error{status,        e.what(),
                                e.message(),   where.document,
                                where.line == 0 ? where.pointer : std::string(),
                                where.column,  where.line};
    } catch (...) {
        return c_out_of_memory();
    }
}

thidua_error* c_error(int status, const char* what) noexcept {
    try {
        return new thidua_error{status, what, what, {}, {}, {}, 0};
    } catch (...) {
        return c_out_of_memory();
    }
}

char* c_string(std::string_view text) {
    auto* out = static_cast<char*>(std::malloc(text.size() + 1));
    if (out == nullptr) throw std::bad_alloc();
    std::memcpy(out, text.data(), text.size());
    out[text.size()] = '\0';
    return out;
}

}  // namespace thidua::detail

extern "C" {

const char* thidua_version(void) { return thidua::version; }

const char* thidua_status_name(int status) {
    switch (status) {
        case THIDUA_OK: return "ok";
        case THIDUA_PARSE_ERROR: return "parse";
        case THIDUA_SCHEMA_ERROR: return "schema";
        case THIDUA_REFERENCE_ERROR: return "reference";
        case THIDUA_VALIDATION_ERROR: return "validation";
        case THIDUA_ARITHMETIC_ERROR: return "arithmetic";
        case THIDUA_LIMIT_ERROR: return "limit";
        case THIDUA_INVALID_ARGUMENT: return "invalid_argument";
        case THIDUA_OUT_OF_MEMORY: return "out_of_memory";
        case THIDUA_INTERNAL_ERROR: return "internal";
        default: return "unknown";
    }
}

int thidua_error_status(const thidua_error* error) { return error ? error->status : THIDUA_OK; }
const char* thidua_error_text(const thidua_error* error) { return error ? error->text.c_str() : ""; }
const char* thidua_error_message(const thidua_error* error) { return error ? error->message.c_str() : ""; }
const char* thidua_error_document(const thidua_error* error) { return error ? error->document.c_str() : ""; }
const char* thidua_error_pointer(const thidua_error* error) { return error ? error->pointer.c_str() : ""; }
std::size_t thidua_error_line(const thidua_error* error) { return error ? error->line : 0; }
const char* thidua_error_column(const thidua_error* error) { return error ? error->column.c_str() : ""; }

void thidua_error_free(thidua_error* error) {
    if (error != thidua::detail::c_out_of_memory()) delete error;
}

void thidua_string_free(char* text) { std::free(text); }

}  // extern "C"

#pragma once
// Typed, located access to a json_document: every accessor that finds the wrong type, an unknown key or a bad
// number throws a thidua::error whose pointer names the value.

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "thidua/core/date.hpp"
#include "thidua/core/decimal.hpp"
#include "thidua/detail/json_dom.hpp"
#include "thidua/detail/messages.hpp"
#include "thidua/core/error.hpp"

namespace thidua::detail {

/// RFC 6901 escaping of one reference token.
std::string escape_pointer_token(std::string_view token);

/// Reads "true" or "false" in any letter case into `value`; false when the text is neither.
bool boolean_text(std::string_view text, bool& value);

/// Builds the error for a decimal text that failed to parse.
std::string decimal_problem_text(std::string_view text, decimal_problem problem);

/// "'2024-02-30' is not a calendar date (YYYY-MM-DD)".
inline std::string date_problem_text(std::string_view text) {
    return quoted(text) + " is not a calendar date (write YYYY-MM-DD, e.g. 2024-02-29)";
}

/// "unknown key 'maxpoints'; did you mean 'max_points'? (allowed: id, title, …)".
std::string unknown_key_message(std::string_view key, std::span<const std::string_view> allowed);

/// "'ration' is not one of ratio, bands, boolean, manual; did you mean 'ratio'?".
std::string not_one_of_message(std::string_view text, std::span<const std::string_view> names);

class json_value {
public:
    json_value(const json_document& doc, std::uint32_t node, std::string pointer, const std::string& document)
        : doc_(&doc), node_(node), pointer_(std::move(pointer)), document_(&document) {}

    json_type type() const { return doc_->type(node_); }
    const std::string& pointer() const { return pointer_; }
    location where() const { return {*document_, pointer_, 0, {}}; }

    template <class Error = schema_error>
    [[noreturn]] void fail(const std::string& message) const {
        throw Error(message, where());
    }

    std::string_view string() const;          ///< a string
    std::string id() const;                   ///< a non-empty string
    decimal number() const;                   ///< a number or a numeric string, read exactly
    std::int64_t integer() const;             ///< a whole number
    bool boolean() const;
    date day() const;                         ///< a "YYYY-MM-DD" string naming a calendar date
    std::string_view raw_text() const { return doc_->text(node_); }
    std::uint32_t node() const { return node_; }

    std::uint32_t size() const;               ///< items of an array (throws unless an array)
    std::uint32_t member_count() const;       ///< members of an object (throws unless an object)
    template <class F>
    void for_each_item(F&& f) const {
        const std::uint32_t n = size();
        std::uint32_t child = node_ + 1;
        for (std::uint32_t i = 0; i < n; ++i) {
            f(i, json_value(*doc_, child, pointer_ + "/" + std::to_string(i), *document_));
            child = doc_->next(child);
        }
    }

    /// Calls f(key, value) for each member of an object (throws unless an object).
    template <class F>
    void for_each_member(F&& f) const {
        expect(json_type::object);
        std::uint32_t child = node_ + 1;
        for (std::uint32_t i = 0; i < doc_->size(node_); ++i) {
            const auto key = doc_->key(child);
            f(key, json_value(*doc_, child, pointer_ + "/" + escape_pointer_token(key), *document_));
            child = doc_->next(child);
        }
    }

    void expect(json_type t) const;

private:
    friend class json_object;
    const json_document* doc_;
    std::uint32_t node_;
    std::string pointer_;
    const std::string* document_;
};

/// An object whose keys must all be in `allowed` (each at most once).
class json_object {
public:
    json_object(const json_value& value, std::initializer_list<std::string_view> allowed);

    std::optional<json_value> get(std::string_view key) const;
    json_value required(std::string_view key) const;
    const json_value& value() const { return value_; }

private:
    json_value value_;
};

}  // namespace thidua::detail

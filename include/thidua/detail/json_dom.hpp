#pragma once
// A compact read-only JSON document: nodes in pre-order in one array. A key or text is a view of the parsed text
// when it reads the same there (no escapes), else a copy in the document's own buffer: the parsed text must
// outlive the document. Numbers keep the text they were written with, so decimals are read exactly ("0.1" is one
// tenth, never a double).

#include <cstdint>
#include <string>
#include <string_view>

#include "thidua/detail/arrays.hpp"
#include "thidua/io/limits.hpp"

namespace thidua::detail {

enum class json_type : std::uint8_t { null, boolean, number, string, array, object };

class json_document {
public:
    /// Parses `text`; throws thidua::parse_error naming `document`, line and column on malformed JSON, and
    /// thidua::limit_error when the text is larger or nested deeper than `caps` allow.
    static json_document parse(std::string_view text, const std::string& document, const limits& caps);

    json_type type(std::uint32_t i) const { return nodes_[i].type; }
    bool boolean(std::uint32_t i) const { return (nodes_[i].flags & json_node::true_value) != 0; }
    /// Members of an object or items of an array; 0 for any other value.
    std::uint32_t size(std::uint32_t i) const { return is_container(nodes_[i]) ? nodes_[i].first : 0; }
    /// The index one past node `i`'s subtree: its next sibling.
    std::uint32_t next(std::uint32_t i) const { return is_container(nodes_[i]) ? nodes_[i].second : i + 1; }
    /// The node a JSON pointer (RFC 6901) names; throws thidua::schema_error when it names nothing.
    std::uint32_t resolve(std::string_view pointer, const std::string& document) const;
    std::string_view key(std::uint32_t i) const {
        const auto& n = nodes_[i];
        return {base(n.flags & json_node::key_copied) + n.key_offset, n.key_length};
    }
    /// The text of a string or a number ("" for any other value).
    std::string_view text(std::uint32_t i) const {
        const auto& n = nodes_[i];
        if (is_container(n)) return {};
        return {base(n.flags & json_node::text_copied) + n.first, n.second};
    }
    /// The JSON pointer of node `target`, relative to node `root` that contains it.
    std::string pointer_of(std::uint32_t root, std::uint32_t target) const;
    /// Throws thidua::limit_error at the first key, string or number under `root` longer than `max_bytes`.
    void check_lengths(std::uint32_t root, std::size_t max_bytes, const std::string& document) const;

private:
    friend struct json_builder;

    /// 20 bytes: a results file holds about one node per 12 bytes of text, and their pages are written once each.
    struct json_node {
        enum flag : std::uint8_t { true_value = 1, key_copied = 2, text_copied = 4 };
        json_type type = json_type::null;
        std::uint8_t flags = 0;
        std::uint32_t key_offset = 0, key_length = 0;
        std::uint32_t first = 0, second = 0;  // a container's size and next(); a leaf's text offset and length
    };
    static bool is_container(const json_node& n) { return n.type == json_type::array || n.type == json_type::object; }
    const char* base(bool copied) const { return copied ? strings_.data() : text_.data(); }

    std::string_view text_;
    std::uint32_t longest_ = 0;  // the longest key or text: most documents need no pass to find one too long
    uninit_vector<json_node> nodes_;
    std::string strings_;  // keys and strings that escapes or parts made differ from the text
};

/// "a number", "a string", … for messages.
std::string_view describe(json_type type);

}  // namespace thidua::detail

#pragma once
// A compact read-only JSON document: nodes in pre-order in one vector, all text in one buffer. Numbers keep the
// text they were written with, so decimals are read exactly ("0.1" is one tenth, never a double).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "thidua/io/limits.hpp"

namespace thidua::detail {

enum class json_type : std::uint8_t { null, boolean, number, string, array, object };

struct json_node {
    json_type type = json_type::null;
    bool boolean = false;
    std::uint32_t size = 0;  // members or items
    std::uint32_t end = 0;   // index one past the node's subtree (its next sibling)
    std::uint32_t key_offset = 0, key_length = 0;
    std::uint32_t text_offset = 0, text_length = 0;
};

class json_document {
public:
    /// Parses `text`; throws thidua::parse_error naming `document`, line and column on malformed JSON, and
    /// thidua::limit_error when the text is larger or nested deeper than `caps` allow.
    static json_document parse(std::string_view text, const std::string& document, const limits& caps);

    const json_node& node(std::uint32_t i) const { return nodes_[i]; }
    /// The node a JSON pointer (RFC 6901) names; throws thidua::schema_error when it names nothing.
    std::uint32_t resolve(std::string_view pointer, const std::string& document) const;
    std::string_view key(std::uint32_t i) const {
        const auto& n = nodes_[i];
        return {strings_.data() + n.key_offset, n.key_length};
    }
    std::string_view text(std::uint32_t i) const {
        const auto& n = nodes_[i];
        return {strings_.data() + n.text_offset, n.text_length};
    }
    /// The JSON pointer of node `target`, relative to node `root` that contains it.
    std::string pointer_of(std::uint32_t root, std::uint32_t target) const;
    /// Throws thidua::limit_error at the first key, string or number under `root` longer than `max_bytes`.
    void check_lengths(std::uint32_t root, std::size_t max_bytes, const std::string& document) const;

private:
    friend struct json_builder;
    std::vector<json_node> nodes_;
    std::string strings_;
};

/// "a number", "a string", … for messages.
std::string_view describe(json_type type);

}  // namespace thidua::detail

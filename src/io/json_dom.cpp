// Builds a json_document with Boost.JSON's SAX parser.

#include <boost/json/basic_parser_impl.hpp>

#include "thidua/detail/json_dom.hpp"
#include "thidua/detail/json_reader.hpp"
#include "thidua/core/error.hpp"

#include <algorithm>

namespace thidua::detail {

namespace {
using boost::json::error_code;
using boost::json::string_view;
}  // namespace

struct json_builder {
    static constexpr std::size_t max_object_size = 0xffffffffu;
    static constexpr std::size_t max_array_size = 0xffffffffu;
    static constexpr std::size_t max_key_size = 0xffffffffu;
    static constexpr std::size_t max_string_size = 0xffffffffu;

    json_document doc;
    std::vector<std::uint32_t> open;  // containers not yet closed
    std::uint32_t key_offset = 0, key_length = 0;
    std::size_t part_start = std::string::npos;  // start of a key/string/number arriving in parts

    std::uint32_t strings_size() const { return static_cast<std::uint32_t>(doc.strings_.size()); }

    json_node& push(json_type type) {
        json_node n;
        n.type = type;
        n.key_offset = key_offset;
        n.key_length = key_length;
        key_length = 0;
        doc.nodes_.push_back(n);
        return doc.nodes_.back();
    }
    void finish_leaf() { doc.nodes_.back().end = static_cast<std::uint32_t>(doc.nodes_.size()); }

    // Appends a text that may have arrived in parts; returns its offset and length.
    std::pair<std::uint32_t, std::uint32_t> take(string_view last) {
        const std::size_t start = part_start == std::string::npos ? doc.strings_.size() : part_start;
        doc.strings_.append(last.data(), last.size());
        part_start = std::string::npos;
        return {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(doc.strings_.size() - start)};
    }
    void part(string_view s) {
        if (part_start == std::string::npos) part_start = doc.strings_.size();
        doc.strings_.append(s.data(), s.size());
    }
    bool text_leaf(json_type type, string_view last) {
        auto [offset, length] = take(last);
        auto& n = push(type);
        n.text_offset = offset;
        n.text_length = length;
        finish_leaf();
        return true;
    }
    bool open_container(json_type type) {
        push(type);
        open.push_back(static_cast<std::uint32_t>(doc.nodes_.size() - 1));
        return true;
    }
    bool close_container(std::size_t n) {
        auto& node = doc.nodes_[open.back()];
        node.size = static_cast<std::uint32_t>(n);
        node.end = static_cast<std::uint32_t>(doc.nodes_.size());
        open.pop_back();
        return true;
    }

    bool on_document_begin(error_code&) { return true; }
    bool on_document_end(error_code&) { return true; }
    bool on_array_begin(error_code&) { return open_container(json_type::array); }
    bool on_array_end(std::size_t n, error_code&) { return close_container(n); }
    bool on_object_begin(error_code&) { return open_container(json_type::object); }
    bool on_object_end(std::size_t n, error_code&) { return close_container(n); }
    bool on_string_part(string_view s, std::size_t, error_code&) {
        part(s);
        return true;
    }
    bool on_string(string_view s, std::size_t, error_code&) { return text_leaf(json_type::string, s); }
    bool on_key_part(string_view s, std::size_t, error_code&) {
        part(s);
        return true;
    }
    bool on_key(string_view s, std::size_t, error_code&) {
        std::tie(key_offset, key_length) = take(s);
        return true;
    }
    bool on_number_part(string_view s, error_code&) {
        part(s);
        return true;
    }
    bool on_int64(std::int64_t, string_view s, error_code&) { return text_leaf(json_type::number, s); }
    bool on_uint64(std::uint64_t, string_view s, error_code&) { return text_leaf(json_type::number, s); }
    bool on_double(double, string_view s, error_code&) { return text_leaf(json_type::number, s); }
    bool on_bool(bool b, error_code&) {
        push(json_type::boolean).boolean = b;
        finish_leaf();
        return true;
    }
    bool on_null(error_code&) {
        push(json_type::null);
        finish_leaf();
        return true;
    }
    bool on_comment_part(string_view, error_code&) { return true; }
    bool on_comment(string_view, error_code&) { return true; }
};

json_document json_document::parse(std::string_view text, const std::string& document, const limits& caps) {
    // Node offsets are 32-bit, so 4 GiB is a hard ceiling whatever the caps say.
    if (text.size() > caps.max_input_bytes || text.size() >= 0xffffffffu) {
        throw limit_error("the document has " + std::to_string(text.size()) + " bytes, more than the limit of " +
                              std::to_string(std::min<std::size_t>(caps.max_input_bytes, 0xfffffffeu)) +
                              " (thidua::limits::max_input_bytes)",
                          {document, {}, 0, {}});
    }
    boost::json::parse_options options;
    options.max_depth = caps.max_depth;
    boost::json::basic_parser<json_builder> parser{options};
    parser.handler().doc.nodes_.reserve(text.size() / 16 + 16);
    parser.handler().doc.strings_.reserve(text.size() / 2 + 16);
    error_code ec;
    const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
    if (ec) {
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < used && i < text.size(); ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) {
                ++column;
            }
        }
        const location where{document, {}, line, std::to_string(column)};
        if (ec == boost::json::error::too_deep) {
            throw limit_error("arrays and objects are nested more than " + std::to_string(caps.max_depth) +
                                  " deep (thidua::limits::max_depth)",
                              where);
        }
        throw parse_error("not valid JSON: " + ec.message(), where);
    }
    return std::move(parser.handler().doc);
}

std::string json_document::pointer_of(std::uint32_t root, std::uint32_t target) const {
    std::string pointer;
    std::uint32_t at = root;
    while (at != target) {
        // Step into the child whose subtree holds the target.
        std::uint32_t child = at + 1;
        for (std::uint32_t i = 0; i < nodes_[at].size; ++i, child = nodes_[child].end) {
            if (target < nodes_[child].end) {
                pointer += '/';
                pointer += nodes_[at].type == json_type::object ? escape_pointer_token(key(child)) : std::to_string(i);
                break;
            }
        }
        at = child;
    }
    return pointer;
}

void json_document::check_lengths(std::uint32_t root, std::size_t max_bytes, const std::string& document) const {
    for (std::uint32_t i = root; i < nodes_[root].end; ++i) {
        const auto& n = nodes_[i];
        // A member's key belongs to the member, so either length names the member.
        const bool text_too_long = n.text_length > max_bytes;
        if (text_too_long || (i != root && n.key_length > max_bytes)) {
            throw limit_error(std::string(text_too_long ? describe(n.type) : "a key") + " of " +
                                  std::to_string(text_too_long ? n.text_length : n.key_length) +
                                  " bytes is longer than the limit of " + std::to_string(max_bytes) +
                                  " (thidua::limits::max_string_bytes)",
                              {document, pointer_of(root, i), 0, {}});
        }
    }
}

std::uint32_t json_document::resolve(std::string_view pointer, const std::string& document) const {
    std::uint32_t at = 0;
    std::size_t pos = 0;
    while (pos < pointer.size()) {
        if (pointer[pos] != '/') throw schema_error("a JSON pointer starts with '/'", {document, std::string(pointer), 0, {}});
        const std::size_t end = std::min(pointer.find('/', pos + 1), pointer.size());
        std::string token;
        for (std::size_t i = pos + 1; i < end; ++i) {
            if (pointer[i] == '~' && i + 1 < end) {
                token += pointer[++i] == '1' ? '/' : '~';
            } else {
                token += pointer[i];
            }
        }
        const json_node& n = nodes_[at];
        std::uint32_t child = at + 1, found = 0;
        bool ok = false;
        for (std::uint32_t i = 0; i < n.size && !ok; ++i, child = nodes_[child].end) {
            if (n.type == json_type::object ? key(child) == token : std::to_string(i) == token) {
                found = child;
                ok = true;
            }
        }
        if (!ok || (n.type != json_type::object && n.type != json_type::array)) {
            throw schema_error("nothing at " + std::string(pointer.substr(0, end)), {document, std::string(pointer), 0, {}});
        }
        at = found;
        pos = end;
    }
    return at;
}

std::string_view describe(json_type type) {
    switch (type) {
        case json_type::null: return "null";
        case json_type::boolean: return "a boolean";
        case json_type::number: return "a number";
        case json_type::string: return "a string";
        case json_type::array: return "an array";
        case json_type::object: return "an object";
    }
    return "a value";
}

}  // namespace thidua::detail

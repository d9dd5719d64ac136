// Builds a json_document with Boost.JSON's SAX parser.

#include <boost/json/basic_parser_impl.hpp>

#include "thidua/detail/json_dom.hpp"
#include "thidua/detail/json_reader.hpp"
#include "thidua/core/error.hpp"

#include <algorithm>
#include <cstring>
#include <tuple>

namespace thidua::detail {

namespace {
using boost::json::error_code;
using boost::json::string_view;
}  // namespace

/// An upper bound on the nodes of `text`: every value but the outermost follows a ':' (a member), a '[' (an
/// array's first item) or a ',' (any other item). Counting these bytes, inside strings too, takes a small part of
/// the parse, and sizing the nodes once spares the copies and fresh pages of a growing array.
std::size_t node_bound(std::string_view text) {
    using bytes = unsigned char __attribute__((vector_size(16)));
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size(), whole = n - n % sizeof(bytes);
    std::size_t count = 1, i = 0;
    while (i < whole) {
        bytes lanes = {};  // per-lane counts, added up before any can pass 255
        for (const std::size_t stop = std::min(whole, i + 255 * sizeof(bytes)); i < stop; i += sizeof(bytes)) {
            bytes b;
            std::memcpy(&b, p + i, sizeof(b));
            lanes -= reinterpret_cast<bytes>((b == ':') | (b == '[') | (b == ','));
        }
        for (std::size_t k = 0; k < sizeof(bytes); ++k) count += lanes[k];
    }
    for (; i < n; ++i) count += p[i] == ':' || p[i] == '[' || p[i] == ',';
    return count;
}

struct json_builder {
    static constexpr std::size_t max_object_size = 0xffffffffu;
    static constexpr std::size_t max_array_size = 0xffffffffu;
    static constexpr std::size_t max_key_size = 0xffffffffu;
    static constexpr std::size_t max_string_size = 0xffffffffu;
    using json_node = json_document::json_node;

    json_document doc;
    std::vector<std::uint32_t> open;  // containers not yet closed
    std::uint32_t key_offset = 0, key_length = 0;
    bool key_copied = false;
    std::size_t part_start = std::string::npos;  // start in doc.strings_ of a key/string/number arriving in parts

    json_node& push(json_type type) {
        json_node& n = doc.nodes_.emplace_back();
        n.type = type;
        n.flags = key_copied ? json_node::key_copied : 0;
        n.key_offset = key_offset;
        n.key_length = key_length;
        doc.longest_ = std::max(doc.longest_, key_length);
        key_length = 0;
        key_copied = false;
        return n;
    }

    // Where a text that may have arrived in parts lies: in the parsed text when it arrived whole from there, else
    // copied. Returns its offset and length, and whether it was copied.
    std::tuple<std::uint32_t, std::uint32_t, bool> take(string_view last) {
        const std::string_view text = doc.text_;
        if (part_start == std::string::npos && last.data() >= text.data() &&
            last.data() + last.size() <= text.data() + text.size()) {
            return {static_cast<std::uint32_t>(last.data() - text.data()), static_cast<std::uint32_t>(last.size()), false};
        }
        const std::size_t start = part_start == std::string::npos ? doc.strings_.size() : part_start;
        doc.strings_.append(last.data(), last.size());
        part_start = std::string::npos;
        return {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(doc.strings_.size() - start), true};
    }
    void part(string_view s) {
        if (part_start == std::string::npos) part_start = doc.strings_.size();
        doc.strings_.append(s.data(), s.size());
    }
    bool text_leaf(json_type type, string_view last) {
        const auto [offset, length, copied] = take(last);
        auto& n = push(type);
        n.first = offset;
        n.second = length;
        doc.longest_ = std::max(doc.longest_, length);
        if (copied) n.flags |= json_node::text_copied;
        return true;
    }
    bool open_container(json_type type) {
        push(type);
        open.push_back(static_cast<std::uint32_t>(doc.nodes_.size() - 1));
        return true;
    }
    bool close_container(std::size_t n) {
        auto& node = doc.nodes_[open.back()];
        node.first = static_cast<std::uint32_t>(n);
        node.second = static_cast<std::uint32_t>(doc.nodes_.size());
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
        std::tie(key_offset, key_length, key_copied) = take(s);
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
        if (b) push(json_type::boolean).flags |= json_node::true_value;
        else push(json_type::boolean);
        return true;
    }
    bool on_null(error_code&) {
        push(json_type::null);
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
    parser.handler().doc.text_ = text;
    parser.handler().doc.nodes_.reserve(node_bound(text));
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
        for (std::uint32_t i = 0; i < size(at); ++i, child = next(child)) {
            if (target < next(child)) {
                pointer += '/';
                pointer += type(at) == json_type::object ? escape_pointer_token(key(child)) : std::to_string(i);
                break;
            }
        }
        at = child;
    }
    return pointer;
}

void json_document::check_lengths(std::uint32_t root, std::size_t max_bytes, const std::string& document) const {
    if (longest_ <= max_bytes) return;
    for (std::uint32_t i = root; i < next(root); ++i) {
        const std::size_t text_length = text(i).size(), key_length = nodes_[i].key_length;
        // A member's key belongs to the member, so either length names the member.
        const bool text_too_long = text_length > max_bytes;
        if (text_too_long || (i != root && key_length > max_bytes)) {
            throw limit_error(std::string(text_too_long ? describe(type(i)) : "a key") + " of " +
                                  std::to_string(text_too_long ? text_length : key_length) +
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
        std::uint32_t child = at + 1, found = 0;
        bool ok = false;
        for (std::uint32_t i = 0; i < size(at) && !ok; ++i, child = next(child)) {
            if (type(at) == json_type::object ? key(child) == token : std::to_string(i) == token) {
                found = child;
                ok = true;
            }
        }
        if (!ok) {
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

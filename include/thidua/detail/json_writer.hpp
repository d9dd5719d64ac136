#pragma once
// A small JSON writer: compact (canonical documents) or indented by two spaces (reports). Keys are written in
// the order the caller gives; canonical writers give them sorted.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace thidua::detail {

class json_writer {
public:
    explicit json_writer(bool pretty) : pretty_(pretty) {}

    json_writer& begin_object() { return open('{'); }
    json_writer& end_object() { return close('}'); }
    json_writer& begin_array() { return open('['); }
    json_writer& end_array() { return close(']'); }

    json_writer& key(std::string_view k) {
        separate();
        quote(k);
        out_ += pretty_ ? ": " : ":";
        after_key_ = true;
        return *this;
    }
    json_writer& string(std::string_view s) {
        separate();
        quote(s);
        return *this;
    }
    /// A number, true/false or null as written.
    json_writer& raw(std::string_view text) {
        separate();
        out_ += text;
        return *this;
    }
    json_writer& integer(std::int64_t n) { return raw(std::to_string(n)); }
    json_writer& boolean(bool b) { return raw(b ? "true" : "false"); }
    json_writer& null() { return raw("null"); }

    // Shorthands for "key": value.
    json_writer& field(std::string_view k, std::string_view s) { return key(k).string(s); }
    json_writer& field_int(std::string_view k, std::int64_t n) { return key(k).integer(n); }
    json_writer& field_bool(std::string_view k, bool b) { return key(k).boolean(b); }

    std::string take() { return std::move(out_); }

private:
    json_writer& open(char c) {
        separate();
        out_ += c;
        first_.push_back(true);
        return *this;
    }
    json_writer& close(char c) {
        const bool empty = first_.back();
        first_.pop_back();
        if (pretty_ && !empty) newline();
        out_ += c;
        return *this;
    }
    void separate() {
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (first_.empty()) return;
        if (!first_.back()) out_ += ',';
        first_.back() = false;
        if (pretty_) newline();
    }
    void newline() {
        out_ += '\n';
        out_.append(2 * first_.size(), ' ');
    }
    void quote(std::string_view s) {
        out_ += '"';
        std::size_t run = 0;  // start of the pending run of characters that need no escape
        for (std::size_t i = 0; i < s.size(); ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out_.append(s.data() + run, i - run);
            run = i + 1;
            switch (c) {
                case '"': out_ += "\\\""; break;
                case '\\': out_ += "\\\\"; break;
                case '\n': out_ += "\\n"; break;
                case '\r': out_ += "\\r"; break;
                case '\t': out_ += "\\t"; break;
                case '\b': out_ += "\\b"; break;
                case '\f': out_ += "\\f"; break;
                default: {
                    static constexpr char hex[] = "0123456789abcdef";
                    out_ += "\\u00";
                    out_ += hex[c >> 4];
                    out_ += hex[c & 15];
                }
            }
        }
        out_.append(s.data() + run, s.size() - run);
        out_ += '"';
    }

    bool pretty_;
    bool after_key_ = false;
    std::vector<bool> first_;
    std::string out_;
};

}  // namespace thidua::detail

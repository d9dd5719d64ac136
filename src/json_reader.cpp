#include "thidua/detail/json_reader.hpp"

#include <algorithm>
#include <vector>

namespace thidua::detail {

std::string escape_pointer_token(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

bool boolean_text(std::string_view text, bool& value) {
    auto same = [&](std::string_view word) {
        if (text.size() != word.size()) return false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
            if (c != word[i]) return false;
        }
        return true;
    };
    if (same("true")) value = true;
    else if (same("false")) value = false;
    else return false;
    return true;
}

std::string decimal_problem_text(std::string_view text, decimal_problem problem) {
    const std::string quoted = "'" + std::string(text) + "'";
    switch (problem) {
        case decimal_problem::too_many_digits: return quoted + " has more than 6 fractional digits";
        case decimal_problem::too_large: return quoted + " is out of range (the magnitude must be below 10^12)";
        default: return quoted + " is not a decimal number";
    }
}

void json_value::expect(json_type t) const {
    if (type() != t) {
        fail("wrong type: expected " + std::string(describe(t)) + ", found " + std::string(describe(type())));
    }
}

std::string_view json_value::string() const {
    expect(json_type::string);
    return doc_->text(node_);
}

std::string json_value::id() const {
    const auto s = string();
    if (s.empty()) fail<reference_error>("an id must not be empty");
    return std::string(s);
}

decimal json_value::number() const {
    if (type() != json_type::number && type() != json_type::string) {
        fail("wrong type: expected a number or a decimal string, found " + std::string(describe(type())));
    }
    const auto text = doc_->text(node_);
    decimal_problem problem;
    auto value = decimal::parse(text, &problem);
    if (!value) fail(decimal_problem_text(text, problem));
    return *value;
}

std::int64_t json_value::integer() const {
    const decimal d = number();
    if (!d.is_integer()) fail("expected a whole number, found '" + std::string(doc_->text(node_)) + "'");
    return d.micros() / decimal::micros_per_unit;
}

bool json_value::boolean() const {
    expect(json_type::boolean);
    return doc_->node(node_).boolean;
}

date json_value::day() const {
    const auto text = string();
    auto d = date::parse(text);
    if (!d) fail("'" + std::string(text) + "' is not a calendar date (YYYY-MM-DD)");
    return *d;
}

std::uint32_t json_value::size() const {
    expect(json_type::array);
    return doc_->node(node_).size;
}

json_value json_value::item(std::uint32_t i) const {
    std::uint32_t child = node_ + 1;
    for (std::uint32_t k = 0; k < i; ++k) child = doc_->node(child).end;
    return json_value(*doc_, child, pointer_ + "/" + std::to_string(i), *document_);
}

json_object::json_object(const json_value& value, std::initializer_list<std::string_view> allowed)
    : value_(value) {
    std::vector<std::string_view> seen;
    value_.for_each_member([&](std::string_view key, const json_value& member) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            std::string known;
            for (auto k : allowed) known += (known.empty() ? "" : ", ") + std::string(k);
            member.fail("unknown key '" + std::string(key) + "' (allowed: " + known + ")");
        }
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
            member.fail("duplicate key '" + std::string(key) + "'");
        }
        seen.push_back(key);
    });
}

std::optional<json_value> json_object::get(std::string_view key) const {
    std::optional<json_value> found;
    value_.for_each_member([&](std::string_view k, const json_value& member) {
        if (k == key && member.type() != json_type::null) found = member;  // null reads as absent
    });
    return found;
}

json_value json_object::required(std::string_view key) const {
    auto v = get(key);
    if (!v) value_.fail("missing required key '" + std::string(key) + "'");
    return *v;
}

}  // namespace thidua::detail

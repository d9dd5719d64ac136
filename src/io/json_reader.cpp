#include "thidua/detail/json_reader.hpp"

#include <algorithm>
#include <vector>

#include "thidua/detail/messages.hpp"

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
    const std::string value = quoted(text);
    switch (problem) {
        case decimal_problem::too_many_digits: return value + " has more than 6 fractional digits; round it to 6 at most";
        case decimal_problem::too_large: return value + " is out of range (the magnitude must be below 10^12)";
        default: return value + " is not a decimal number (write it like 7, 7.5 or \"7.5\")";
    }
}

std::string unknown_key_message(std::string_view key, std::span<const std::string_view> allowed) {
    std::string known;
    for (auto k : allowed) known += (known.empty() ? "" : ", ") + std::string(k);
    return "unknown key " + quoted(key) + did_you_mean(key, allowed) + " (allowed: " + known + ")";
}

std::string not_one_of_message(std::string_view text, std::span<const std::string_view> names) {
    std::string list;
    for (auto name : names) list += (list.empty() ? "" : ", ") + std::string(name);
    return quoted(text) + " is not one of " + list + did_you_mean(text, names);
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
    if (!d.is_integer()) fail("expected a whole number, found " + quoted(doc_->text(node_)));
    return d.micros() / decimal::micros_per_unit;
}

bool json_value::boolean() const {
    expect(json_type::boolean);
    return doc_->boolean(node_);
}

date json_value::day() const {
    const auto text = string();
    auto d = date::parse(text);
    if (!d) fail(date_problem_text(text));
    return *d;
}

std::uint32_t json_value::size() const {
    expect(json_type::array);
    return doc_->size(node_);
}

std::uint32_t json_value::member_count() const {
    expect(json_type::object);
    return doc_->size(node_);
}

json_object::json_object(const json_value& value, std::initializer_list<std::string_view> allowed)
    : value_(value) {
    std::vector<std::string_view> seen;
    value_.for_each_member([&](std::string_view key, const json_value& member) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
            member.fail(unknown_key_message(key, std::span<const std::string_view>(allowed.begin(), allowed.size())));
        }
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
            member.fail("duplicate key " + quoted(key) + "; give each key once");
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
    if (!v) value_.fail("missing required key " + quoted(key));
    return *v;
}

}  // namespace thidua::detail

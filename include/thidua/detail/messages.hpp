#pragma once
// Pieces of error messages that say what to fix: input text quoted safely, the nearest valid choice for a
// misspelled key, id or keyword ("did you mean 'max_points'?"), and the valid choices when they are few.

#include <algorithm>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace thidua::detail {

/// At most `max_bytes` of `text`, cut at a UTF-8 character boundary and marked with "…" when cut: an input
/// may hold a string of any length, and a message quotes it.
inline std::string shortened(std::string_view text, std::size_t max_bytes = 60) {
    if (text.size() <= max_bytes) return std::string(text);
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) --end;
    return std::string(text.substr(0, end)) + "…";
}

/// 'text', shortened.
inline std::string quoted(std::string_view text) { return "'" + shortened(text) + "'"; }

/// Optimal string alignment distance (insertions, deletions, substitutions and swaps of neighbours each cost
/// 1; ASCII letters compare without case), or `limit + 1` as soon as it is known to exceed `limit`.
inline std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    if (gap > limit) return limit + 1;
    auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        std::size_t best = current[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const bool same = fold(a[i - 1]) == fold(b[j - 1]);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
            if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1])) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
            best = std::min(best, current[j]);
        }
        if (best > limit) return limit + 1;  // every later row is at least this far
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return std::min(previous[b.size()], limit + 1);
}

/// "; did you mean 'max_points'?" when exactly one of `choices` is nearest to `given` and near enough to be a
/// likely misspelling (a third of the shorter word's length, at least one edit); "" otherwise.
inline std::string did_you_mean(std::string_view given, std::span<const std::string_view> choices) {
    constexpr std::size_t longest = 64;  // longer texts are not typed by hand; comparing them costs time only
    if (given.empty() || given.size() > longest) return {};
    std::size_t best = longest + 1, found = 0;
    std::string_view nearest;
    for (auto choice : choices) {
        if (choice == given || choice.size() > longest + given.size()) continue;
        const std::size_t limit = std::max<std::size_t>(1, std::min(given.size(), choice.size()) / 3);
        const std::size_t d = edit_distance(given, choice, std::min(limit, best));
        if (d > limit || d > best) continue;
        if (d < best) {
            best = d;
            found = 0;
            nearest = choice;
        }
        ++found;
    }
    return found == 1 ? "; did you mean " + quoted(nearest) + "?" : std::string();
}

/// "a, b, c" when there are at most `max_listed` choices, else "".
inline std::string choice_list(std::span<const std::string_view> choices, std::size_t max_listed = 12) {
    if (choices.size() > max_listed) return {};
    std::string out;
    for (auto choice : choices) out += (out.empty() ? "" : ", ") + shortened(choice, 40);
    return out;
}

/// "unknown cluster 'c9'; did you mean 'c1'? (known: c1, c2)": the suggestion, and the list when it is short.
inline std::string unknown_id_message(std::string_view what, std::string_view given,
                                      std::span<const std::string_view> known) {
    std::string message = "unknown " + std::string(what) + " " + quoted(given) + did_you_mean(given, known);
    const std::string list = choice_list(known);
    if (known.empty()) message += " (there are none)";
    else if (!list.empty()) message += " (known: " + list + ")";
    return message;
}

/// The ids of a range of model values (anything with an `id` member), for the functions above.
template <class Range>
std::vector<std::string_view> ids_of(const Range& items) {
    std::vector<std::string_view> out;
    out.reserve(items.size());
    for (const auto& item : items) out.emplace_back(item.id);
    return out;
}

}  // namespace thidua::detail

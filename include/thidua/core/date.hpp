#pragma once
/// @file date.hpp
/// Calendar dates (ISO YYYY-MM-DD) checked against the real calendar: 2024-02-29 exists, 2024-02-30 does not.

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <version>
#include <optional>
#include <string>
#include <string_view>

namespace thidua {

/// A calendar date, held as days since 1970-01-01; ordered, and written as YYYY-MM-DD.
class date {
public:
    /// 1970-01-01.
    constexpr date() = default;

    /// Reads exactly "YYYY-MM-DD" (year 1…9999); nothing when the text is malformed or not a calendar date.
    static inline std::optional<date> parse(std::string_view text);
    /// The date with the given year, month and day; nothing when it is not a calendar date.
    static inline std::optional<date> from_ymd(int year, unsigned month, unsigned day);

    /// Days since 1970-01-01.
    constexpr std::int32_t days() const { return days_; }
    /// The date `days` days after 1970-01-01 (before it when negative).
    static constexpr date from_days(std::int32_t days) {
        date d;
        d.days_ = days;
        return d;
    }
    /// The day after.
    constexpr date next_day() const { return from_days(days_ + 1); }
    /// The day before.
    constexpr date previous_day() const { return from_days(days_ - 1); }

    /// "YYYY-MM-DD".
    inline std::string to_string() const;
    /// The calendar year: a campaign's year is the one it ends in.
    inline int year() const;

    /// Earlier dates order first.
    friend constexpr auto operator<=>(date, date) = default;

private:
    std::int32_t days_ = 0;
};

/// Writes the date as YYYY-MM-DD.
std::ostream& operator<<(std::ostream& out, date d);

}  // namespace thidua

#if defined(__cpp_lib_format)
#include <format>
/// std::format("{}", d) writes YYYY-MM-DD.
template <>
struct std::formatter<thidua::date, char> {
    constexpr auto parse(std::format_parse_context& ctx) { return ctx.begin(); }
    auto format(thidua::date d, std::format_context& ctx) const {
        const std::string text = d.to_string();
        return std::copy(text.begin(), text.end(), ctx.out());
    }
};
#endif

#include <chrono>

namespace thidua {

inline std::optional<date> date::from_ymd(int year, unsigned month, unsigned day) {
    if (year < 1 || year > 9999) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    if (!ymd.ok()) return std::nullopt;
    return from_days(static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count()));
}

inline std::optional<date> date::parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int fields[3] = {0, 0, 0};
    int field = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i == 4 || i == 7) {
            ++field;
            continue;
        }
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        fields[field] = fields[field] * 10 + (text[i] - '0');
    }
    return from_ymd(fields[0], static_cast<unsigned>(fields[1]), static_cast<unsigned>(fields[2]));
}

inline int date::year() const {
    return static_cast<int>(std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days_}}}.year());
}

inline std::string date::to_string() const {
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days_}}};
    char text[11];
    const int y = static_cast<int>(ymd.year());
    const unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
    text[0] = static_cast<char>('0' + y / 1000);
    text[1] = static_cast<char>('0' + y / 100 % 10);
    text[2] = static_cast<char>('0' + y / 10 % 10);
    text[3] = static_cast<char>('0' + y % 10);
    text[4] = '-';
    text[5] = static_cast<char>('0' + m / 10);
    text[6] = static_cast<char>('0' + m % 10);
    text[7] = '-';
    text[8] = static_cast<char>('0' + d / 10);
    text[9] = static_cast<char>('0' + d % 10);
    text[10] = '\0';
    return text;
}

}  // namespace thidua

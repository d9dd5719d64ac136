#pragma once
/// @file legal.hpp
/// Dated legal tables (docs/legal.md): the base salary (mức lương cơ sở) by date and the cash multipliers of the
/// collective emulation titles under each decree on emulation and commendation, each figure with its source. Only
/// figures read in a source are here; what could not be confirmed is listed in docs/legal.md, not guessed.
///
/// A campaign uses them through `decided` (the date of the award decision: cash follows the rules and the salary in
/// force that day, not the campaign's dates), `base_salary: "legal"` and an award's `legal_title`; its own figures
/// (`base_salary` as a number, an award's `multiplier` or `cash`) override the tables.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "thidua/core/date.hpp"
#include "thidua/core/decimal.hpp"

namespace thidua {

struct campaign;

/// The dated legal tables: base salaries, decrees and the collective titles' multipliers.
namespace legal {

/// Where a figure comes from: the document, its article ("" when it could not be read) and a page that quotes it.
struct source {
    std::string_view document;  ///< the legal document ("Nghị định 98/2023/NĐ-CP")
    std::string_view article;  ///< its article and clause; "" when it could not be read
    std::string_view url;  ///< a page that quotes it
};

/// The base salary in force from `from` (VND per month).
struct salary {
    date from;  ///< the first day it is in force
    decimal amount;  ///< VND per month
    source cite;  ///< where the figure comes from
};

/// A decree on emulation and commendation and the days it is in force (`until` inclusive; none: still in force).
struct decree {
    std::string_view id;  ///< "nd-98-2023"
    std::string_view title;  ///< as written: "Nghị định 98/2023/NĐ-CP"
    date from;  ///< the first day it is in force
    std::optional<date> until;  ///< the last day it is in force; none: still in force
    source cite;  ///< where it is quoted
};

/// A collective title's cash, as a multiple of the base salary, under one decree.
struct collective_title {
    std::string_view decree;  ///< decree::id
    std::string_view id;      ///< "co-thi-dua-tinh", the name a campaign's legal_title uses
    std::string_view name;    ///< as the decree writes it
    decimal multiplier;  ///< the cash is this × the base salary
    source cite;  ///< where the multiplier comes from
};

/// Every base salary of the table, in date order.
std::span<const salary> base_salaries();
/// Every decree of the table, in date order.
std::span<const decree> decrees();
/// Every collective title under each decree of the table.
std::span<const collective_title> collective_titles();

/// The base salary in force on `day`; nullptr before the first one the table knows.
const salary* base_salary_on(date day);

/// The decree in force on `day`; nullptr when the table knows none.
const decree* decree_on(date day);

/// Title `id` under the decree in force on `day`; nullptr when that decree has no such title in the table.
const collective_title* title_on(std::string_view id, date day);

}  // namespace legal

/// Fills what a campaign takes from the legal tables, on its `decided` date: the base salary when it is "legal" (or
/// absent while an award names a legal_title), and each legal_title award's multiplier unless the award gives its
/// own cash or multiplier. Throws a validation_error naming the place ("/decided", "/awards/2/legal_title") when
/// the date is missing or the tables have no figure for it. read_campaign calls it; a campaign built in code calls
/// it before scoring.
void apply_legal_tables(campaign& c, const std::string& document = "campaign");

}  // namespace thidua

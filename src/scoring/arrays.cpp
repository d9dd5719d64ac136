// A population's arrays as the kernel's input: wrapped where they are, the per-unit arrays checked.

#include "thidua/scoring/arrays.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "thidua/core/error.hpp"
#include "thidua/detail/columns.hpp"
#include "thidua/detail/report_data.hpp"

namespace thidua {

namespace detail {

columns columns_from_blocks(const compiled_plan& pl, const std::vector<block>& blocks, const unit_arrays& extra) {
    const auto& c = pl.campaign();
    if (blocks.size() != pl.phases()) {
        throw schema_error("expected one block per phase (" + std::to_string(pl.phases()) + "), found " +
                               std::to_string(blocks.size()),
                           {"values", "", 0, {}});
    }
    columns in;
    in.reset_units(pl.units(), pl.adjustments());
    in.values.resize(pl.phases());
    in.targets.resize(pl.phases());
    in.statuses.resize(pl.phases());
    for (std::size_t p = 0; p < pl.phases(); ++p) {
        const block& b = blocks[p];
        if (!b.values) throw schema_error("no values for phase " + c.phases[p].id, {"values", "/" + c.phases[p].id, 0, {}});
        in.values[p] = b.values;
        in.targets[p] = b.targets;
        in.statuses[p] = b.statuses;
    }
    in.votes_given = extra.vote_of != nullptr;
    in.events_given = extra.events != nullptr;
    for (std::size_t u = 0; u < pl.units(); ++u) {
        if (extra.vote_of) {
            const std::int64_t yes = extra.vote_yes ? extra.vote_yes[u] : 0, of = extra.vote_of[u];
            if (of < 0 || yes < 0 || yes > of) {
                throw validation_error("a vote needs 0 ≤ yes ≤ of, found " + std::to_string(yes) + " of " + std::to_string(of),
                                       {"votes", "/" + std::to_string(u), 0, {}});
            }
            in.vote_yes[u] = yes;
            in.vote_of[u] = of;
        }
        if (extra.late_reports) {
            if (extra.late_reports[u] < 0) {
                throw validation_error("a late report count must not be negative",
                                       {"late_reports", "/" + std::to_string(u), 0, {}});
            }
            // The counts are items of the late penalty; one item at most when the campaign counts the unit once.
            const bool once = pl.campaign().late_penalty && pl.campaign().late_penalty->per == late_per::unit;
            in.late_reports[u] = once ? std::min(extra.late_reports[u], 1) : extra.late_reports[u];
        }
        if (extra.last_submission) in.last_submission[u] = extra.last_submission[u];
        for (std::size_t a = 0; extra.events && a < pl.adjustments(); ++a) {
            const std::int64_t count = extra.events[u * pl.adjustments() + a];
            if (count < 0) {
                throw validation_error("an event count must not be negative",
                                       {"events", "/" + std::to_string(u) + "/" + c.adjustments[a].id, 0, {}});
            }
            in.event_count[u * pl.adjustments() + a] = count;
            if (count > 0 && c.adjustments[a].kind == adjustment_kind::disqualify) {
                in.disqualified[u] = 1;
                in.forced_class[u] = std::max(in.forced_class[u], pl.class_index(c.adjustments[a].forces_class));
            }
        }
    }
    return in;
}

}  // namespace detail

campaign with_population(campaign rules, population people) {
    check_population(rules, people);
    rules.units = units_of(rules, people);
    return rules;
}

bool micros_from_double(double x, std::int64_t& micros) {
    if (!std::isfinite(x) || std::fabs(x) >= 9007199254.740992) return false;  // 2^53 micros: exact doubles
    const auto m = static_cast<std::int64_t>(std::llround(x * 1e6));
    for (std::int64_t candidate : {m, m - 1, m + 1}) {
        if (static_cast<double>(candidate) / 1e6 == x) {  // one correctly rounded division: the nearest double
            micros = candidate;
            return true;
        }
    }
    return false;
}

namespace {
std::string shortest(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", x);
    for (int digits = 1; digits < 17; ++digits) {  // the shortest text that reads back as x, as Python prints it
        char shorter[32];
        std::snprintf(shorter, sizeof shorter, "%.*g", digits, x);
        if (std::strtod(shorter, nullptr) == x) return shorter;
    }
    return text;
}
}  // namespace

void micros_from_doubles(const double* in, std::size_t n, std::int64_t* out, std::uint8_t* missing,
                         const std::string& document, const std::string& pointer, std::size_t columns) {
    for (std::size_t i = 0; i < n; ++i) {
        if (missing && in[i] != in[i]) {
            missing[i] = 1;
            out[i] = 0;
        } else if (!micros_from_double(in[i], out[i])) {
            const std::string place = columns ? "/" + std::to_string(i / columns) + "/" + std::to_string(i % columns)
                                              : "/" + std::to_string(i);
            throw validation_error(shortest(in[i]) + " is not a decimal with at most 6 fractional digits",
                                   {document, pointer + place, 0, {}});
        }
    }
}

attribute_column attribute_from_doubles(std::string name, const double* in, std::size_t n,
                                        const std::string& document) {
    attribute_column col{std::move(name), std::vector<std::int64_t>(n)};
    for (std::size_t u = 0; u < n; ++u) {
        if (in[u] != in[u]) {
            col.micros[u] = missing_attribute;
        } else if (!micros_from_double(in[u], col.micros[u])) {
            throw validation_error(shortest(in[u]) + " is not a decimal with at most 6 fractional digits",
                                   {document, "/" + col.name + "/" + std::to_string(u), 0, {}});
        }
    }
    return col;
}

report score_arrays(const plan& p, const std::vector<block>& blocks, const unit_arrays& extra,
                    std::shared_ptr<const void> owner, const score_options& options) {
    return detail::make_report(p, nullptr, detail::columns_from_blocks(p.compiled(), blocks, extra), std::move(owner),
                               options);
}

}  // namespace thidua

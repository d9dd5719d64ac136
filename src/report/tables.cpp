// The report as columns (thidua/report/tables.hpp).

#include "thidua/report/tables.hpp"

#include "thidua/detail/kernel.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/detail/rules.hpp"

namespace thidua {

std::span<const std::uint32_t> report_order(const report& r) {
    const auto& order = r.data().by_cluster.order;
    return {order.data(), order.size()};
}

std::optional<std::string> tie_break_name(const report& r, std::size_t u) {
    const std::int32_t broken = r.tie_broken_by(u);
    if (broken == not_tied) return std::nullopt;
    if (broken == unresolved_tie) return "unresolved";
    return r.campaign().tie_breaks[static_cast<std::size_t>(broken)].label();
}

namespace {

/// Appends slot (p, u, k) of report `r` to `t`.
void push_slot(slot_table& t, const report& r, std::uint32_t u, std::size_t p, std::size_t k) {
    const auto& pl = r.data().compiled();
    const std::size_t crit = pl.phase_criteria(p)[k];
    const slot_status s = r.status(p, u, k);
    const bool scaled = in_scale(s);
    t.unit.push_back(u);
    t.phase.push_back(static_cast<std::uint32_t>(p));
    t.criterion.push_back(static_cast<std::uint32_t>(crit));
    t.status.push_back(s);
    t.value.push_back(s == slot_status::reported ? r.data().inputs.value(pl, p, u, k) : no_number);
    std::int64_t target = no_number;
    if (scaled && pl.rule(crit).kind == rule_kind::ratio) {
        if (const std::int64_t given = r.data().inputs.target(pl, p, u, k)) target = given;
    }
    t.target.push_back(target);
    t.points.push_back(scaled ? r.points(p, u, k).micros() : no_number);
    t.max.push_back(scaled ? r.campaign().criteria[crit].max_points.micros() : no_number);
    // The kernel's own decision for the slot (not kept per slot by the kernel, so asked again here).
    const auto decided = detail::score_slot(pl, r.data().inputs, p, u, k);
    t.met.push_back(scaled && (decided.flags & detail::slot_met) ? 1 : 0);
}

}  // namespace

slot_table slot_rows(const report& r) {
    const auto& pl = r.data().compiled();
    std::size_t per_unit = 0;
    for (std::size_t p = 0; p < pl.phases(); ++p) per_unit += pl.criteria_in(p);
    slot_table t;
    const std::size_t rows = per_unit * pl.units();
    for (auto* column : {&t.unit, &t.phase, &t.criterion}) column->reserve(rows);
    for (auto* column : {&t.value, &t.target, &t.points, &t.max}) column->reserve(rows);
    t.status.reserve(rows);
    t.met.reserve(rows);
    for (const std::uint32_t u : report_order(r)) {
        for (std::size_t p = 0; p < pl.phases(); ++p) {
            for (std::size_t k = 0; k < pl.criteria_in(p); ++k) {
                push_slot(t, r, u, p, k);
                if (!r.layers().empty()) t.changed.push_back(r.layers_differ(p, u, k));
            }
        }
    }
    return t;
}

layer_table layer_rows(const report& r) {
    const auto& pl = r.data().compiled();
    layer_table t;
    for (const std::uint32_t u : report_order(r)) {
        for (std::size_t p = 0; p < pl.phases(); ++p) {
            for (std::size_t k = 0; k < pl.criteria_in(p); ++k) {
                for (std::size_t i = 0; i < r.layers().size(); ++i) {
                    const report& alone = r.layer_report(i);
                    if (alone.data().inputs.row_of(pl, p, u, k) < 0) continue;
                    push_slot(t, alone, u, p, k);
                    t.changed.push_back(r.layers_differ(p, u, k));
                    t.layer.push_back(static_cast<std::uint32_t>(i));
                    t.final_figure.push_back(r.set_by(p, u, k) == static_cast<std::int32_t>(i));
                }
            }
        }
    }
    return t;
}

}  // namespace thidua

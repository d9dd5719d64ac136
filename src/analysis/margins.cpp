// Margins by bisection: a unit's outcomes only improve as its total grows (classes, ranks and award quotas are
// given in total order, every gate on points is a floor), so the smallest total_delta reaching a target is found
// between 0 and a bound beyond every total.

#include "thidua/analysis/margins.hpp"

#include <algorithm>
#include <climits>

#include "thidua/analysis/what_if.hpp"
#include "thidua/detail/classes.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/outcomes/awards.hpp"
#include "thidua/outcomes/classes.hpp"
#include "thidua/report/tables.hpp"

namespace thidua {

namespace {

/// More points than any total can hold (totals stay below 10^6): a target not reached with them is blocked.
constexpr std::int64_t bound_points = 100000;

std::string joined(unsigned bits, std::initializer_list<std::pair<unsigned, const char*>> names) {
    std::string out;
    for (const auto& [bit, name] : names) {
        if (bits & bit) out += (out.empty() ? "" : ", ") + std::string(name);
    }
    return out;
}

/// Whether a reported value may lift what blocks a target: a mandatory criterion, a share of criteria met or
/// exceeded, an award's class or score floor; not a vote, a veto, a quota or another award.
bool value_may_close(const std::string& blocked_by) {
    std::size_t at = 0;
    while (at < blocked_by.size()) {
        const std::size_t end = std::min(blocked_by.find(", ", at), blocked_by.size());
        const std::string_view reason(blocked_by.data() + at, end - at);
        if (reason != "mandatory" && reason != "met_share" && reason != "exceeded_share" && reason != "class" &&
            reason != "score") {
            return false;
        }
        at = end + 2;
    }
    return true;
}

class margin_finder {
public:
    margin_finder(const report& r, bool closing_values)
        : r_(r), step_(r.plan().compiled().precision_step().divisor()), closing_values_(closing_values) {}

    /// The report with `micros` added to unit u's total.
    report lifted(std::size_t u, std::int64_t micros) const {
        what_if_change c;
        c.what = what_if_change::kind::total_delta;
        c.unit = r_.plan().compiled().unit_list()[u].id;
        c.amount = decimal::from_micros(micros);
        return what_if(r_, std::span<const what_if_change>(&c, 1));
    }

    /// The margin of unit u for a target `reached` tells of; `blocked` names what stops it at the bound.
    template <class Reached, class Blocked>
    margin find(std::size_t u, margin::target_kind kind, std::size_t index, Reached&& reached, Blocked&& blocked) const {
        margin m;
        m.unit = u;
        m.target = kind;
        m.index = index;
        const std::int64_t most = bound_points * decimal::micros_per_unit / step_;
        const report at_bound = lifted(u, most * step_);
        if (!reached(at_bound)) {
            m.blocked_by = blocked(at_bound);
            if (closing_values_ && value_may_close(m.blocked_by)) close_by_value(m, reached);
            return m;
        }
        std::int64_t lo = 0, hi = most;  // not reached at lo steps (the report itself), reached at hi
        while (hi - lo > 1) {
            const std::int64_t mid = lo + (hi - lo) / 2;
            (reached(lifted(u, mid * step_)) ? hi : lo) = mid;
        }
        m.delta = decimal::from_micros(hi * step_);
        if (closing_values_) close_by_value(m, reached);
        return m;
    }

    /// Sets m's closing value: the single reported value that reaches the target `reached` tells of, in the slot
    /// whose points grow least (the first such slot in the campaign's order on a tie).
    template <class Reached>
    void close_by_value(margin& m, Reached&& reached) const {
        const auto& pl = r_.plan().compiled();
        std::int64_t least_gain = 0;
        for (std::size_t p = 0; p < pl.phases(); ++p) {
            for (std::size_t k = 0; k < pl.criteria_in(p); ++k) {
                const slot_status s = r_.status(p, m.unit, k);
                if (s != slot_status::reported && s != slot_status::missing && s != slot_status::absent) continue;
                const auto found = slot_value(m.unit, p, k, s == slot_status::reported, reached);
                if (!found) continue;
                const std::int64_t gain = found->second.points(p, m.unit, k).micros() - r_.points(p, m.unit, k).micros();
                if (!m.criterion.empty() && gain >= least_gain) continue;
                least_gain = gain;
                const std::size_t crit = pl.phase_criteria(p)[k];
                m.phase = r_.campaign().phases[p].id;
                m.criterion = r_.campaign().criteria[crit].id;
                m.value = value_of(crit, found->first);
            }
        }
    }

private:
    result_value value_of(std::size_t crit, std::int64_t micros) const {
        const bool boolean = r_.plan().compiled().rule(crit).kind == rule_kind::boolean;
        return {decimal::from_micros(micros), boolean, {}};
    }

    /// The report with slot (p, u, k)'s value set to `micros`.
    report with_value(std::size_t u, std::size_t p, std::size_t k, std::int64_t micros) const {
        const auto& pl = r_.plan().compiled();
        const std::size_t crit = pl.phase_criteria(p)[k];
        what_if_change c;
        c.what = what_if_change::kind::value;
        c.unit = pl.unit_list()[u].id;
        c.criterion = r_.campaign().criteria[crit].id;
        c.phase = r_.campaign().phases[p].id;
        c.value = value_of(crit, micros);
        return what_if(r_, std::span<const what_if_change>(&c, 1));
    }

    /// The least change of slot (p, u, k)'s value, in its better direction, that reaches the target, with the
    /// report it gives; none when no value of the slot does. Bands are tried at their thresholds, a yes/no
    /// criterion at yes; a ratio's value is bisected in whole steps when the slot holds a whole number (not a
    /// share), else in steps of the campaign's precision, up to 100 × its target; manual points up to the maximum.
    template <class Reached>
    std::optional<std::pair<std::int64_t, report>> slot_value(std::size_t u, std::size_t p, std::size_t k,
                                                              bool reported, Reached&& reached) const {
        const auto& pl = r_.plan().compiled();
        const auto& in = r_.data().inputs;
        const std::size_t crit = pl.phase_criteria(p)[k];
        const detail::compiled_rule& rule = pl.rule(crit);
        const std::int64_t now = reported ? in.value(pl, p, u, k) : 0;
        const auto attempt = [&](std::int64_t v) -> std::optional<std::pair<std::int64_t, report>> {
            report x = with_value(u, p, k, v);
            if (!reached(x)) return std::nullopt;
            return std::make_pair(v, std::move(x));
        };
        if (rule.kind == rule_kind::boolean) {
            if (reported && now != 0) return std::nullopt;
            return attempt(decimal::micros_per_unit);
        }
        if (rule.kind == rule_kind::bands) {  // from the worst band better than the value to the best
            for (std::uint32_t b = rule.band_count; b-- > 0;) {
                const std::int64_t threshold = pl.bands()[rule.first_band + b].threshold.micros();
                const bool better = !reported || (rule.lower_is_better ? threshold < now : threshold > now);
                if (!better) continue;
                if (auto found = attempt(threshold)) return found;
            }
            return std::nullopt;
        }
        std::int64_t most = rule.max;  // manual: the points given
        if (rule.kind == rule_kind::ratio) {
            const std::int64_t target = in.target(pl, p, u, k);
            if (target <= 0) return std::nullopt;
            most = target > INT64_MAX / 200 ? INT64_MAX / 2 : target * 100;
        }
        const bool share = r_.campaign().criteria[crit].value_kind == value_kind::share;
        const bool whole = !share && rule.kind == rule_kind::ratio && now % decimal::micros_per_unit == 0;
        const std::int64_t step = whole ? decimal::micros_per_unit : step_;
        std::int64_t lo = now / step, hi = most / step;  // in steps: not reached at lo (the report), reached at hi
        if (hi <= lo) return std::nullopt;
        auto best = attempt(hi * step);
        if (!best) return std::nullopt;
        while (hi - lo > 1) {
            const std::int64_t mid = lo + (hi - lo) / 2;
            if (auto found = attempt(mid * step)) {
                hi = mid;
                best = std::move(found);
            } else {
                lo = mid;
            }
        }
        return best;
    }

    const report& r_;
    std::int64_t step_;
    bool closing_values_;
};

}  // namespace

std::vector<margin> margins(const report& r, const margin_options& options) {
    const auto& c = r.campaign();
    const auto& pl = r.plan().compiled();
    const margin_finder finder(r, options.closing_values);
    std::vector<margin> out;
    for (const std::uint32_t u : report_order(r)) {
        const std::size_t k = r.class_of(u);
        if (k > 0) {
            out.push_back(finder.find(
                u, margin::target_kind::class_up, k - 1, [&](const report& x) { return x.class_of(u) < k; },
                [&](const report& x) {
                    const auto& d = x.data();
                    const unsigned why = detail::class_failures(pl, d.inputs, d.scores, u, k - 1);
                    const std::string named = joined(why, {{fails_mandatory, "mandatory"}, {fails_met_share, "met_share"},
                                                           {fails_exceeded_share, "exceeded_share"},
                                                           {fails_disqualified, "disqualified"}, {fails_veto, "veto"},
                                                           {fails_history, "history"}});
                    return named.empty() ? std::string("quota") : named;
                }));
        }
        const std::int32_t rank = r.cluster_rank(u);
        if (rank > 1) {
            out.push_back(finder.find(
                u, margin::target_kind::rank_up, static_cast<std::size_t>(rank - 1),
                [&](const report& x) { return x.cluster_rank(u) < rank; }, [](const report&) { return std::string("tie"); }));
        }
        for (std::size_t a = 0; a < c.awards.size(); ++a) {
            if (r.has_award(u, a)) continue;
            out.push_back(finder.find(
                u, margin::target_kind::award, a, [&](const report& x) { return x.has_award(u, a); },
                [&](const report& x) {
                    const unsigned why = x.data().awards.refused[u * c.awards.size() + a];
                    return joined(why, {{refused_disqualified, "disqualified"}, {refused_class, "class"},
                                        {refused_score, "score"}, {refused_vote, "vote"}, {refused_no_vote, "no_vote"},
                                        {refused_exclusive, "exclusive"}, {refused_unregistered, "unregistered"},
                                        {refused_history, "history"}, {refused_quota, "quota"}});
                }));
        }
    }
    return out;
}

}  // namespace thidua

// Margins by bisection: a unit's outcomes only improve as its total grows (classes, ranks and award quotas are
// given in total order, every gate on points is a floor), so the smallest total_delta reaching a target is found
// between 0 and a bound beyond every total.

#include "thidua/analysis/margins.hpp"

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

class margin_finder {
public:
    explicit margin_finder(const report& r) : r_(r), step_(r.plan().compiled().precision_step().divisor()) {}

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
        margin m{u, kind, index, std::nullopt, {}};
        const std::int64_t most = bound_points * decimal::micros_per_unit / step_;
        const report at_bound = lifted(u, most * step_);
        if (!reached(at_bound)) {
            m.blocked_by = blocked(at_bound);
            return m;
        }
        std::int64_t lo = 0, hi = most;  // not reached at lo steps (the report itself), reached at hi
        while (hi - lo > 1) {
            const std::int64_t mid = lo + (hi - lo) / 2;
            (reached(lifted(u, mid * step_)) ? hi : lo) = mid;
        }
        m.delta = decimal::from_micros(hi * step_);
        return m;
    }

private:
    const report& r_;
    std::int64_t step_;
};

}  // namespace

std::vector<margin> margins(const report& r) {
    const auto& c = r.campaign();
    const auto& pl = r.plan().compiled();
    const margin_finder finder(r);
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
                                                           {fails_disqualified, "disqualified"}, {fails_veto, "veto"}});
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
                                        {refused_quota, "quota"}});
                }));
        }
    }
    return out;
}

}  // namespace thidua

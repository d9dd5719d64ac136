// The ballots of the awards with a vote gate, as a vote-count record lists them.

#include "thidua/outcomes/ballots.hpp"

#include "thidua/detail/classes.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/report/report.hpp"

namespace thidua {

std::vector<ballot_record> report::ballots() const {
    const auto& c = campaign();
    const auto& in = data_->inputs;
    const std::size_t awards = c.awards.size();
    std::vector<ballot_record> out;
    auto record = [&](std::size_t a, std::optional<std::size_t> cluster, const ranking_view& ranked) {
        const auto& rule = c.awards[a];
        ballot_record r{a, cluster, {}};
        for (const std::uint32_t u : ranked.order) {
            const auto [yes, of] = in.ballot(u, a, awards);
            if (of == 0) continue;
            const std::int64_t council = rule.council_size.value_or(of);
            const bool on_award = !in.award_vote_of.empty() && in.award_vote_of[u * awards + a] != 0;
            r.ballots.push_back({u, yes, of, council, on_award, detail::cut_share(yes, council),
                                 detail::share_reached(yes, council, *rule.min_vote_share)});
        }
        out.push_back(std::move(r));
    };
    for (std::size_t a = 0; a < awards; ++a) {
        if (!c.awards[a].min_vote_share) continue;
        if (c.awards[a].scope == award_scope::overall) {
            record(a, std::nullopt, overall_ranking());
        } else {
            for (std::size_t g = 0; g < c.clusters.size(); ++g) record(a, g, cluster_ranking(g));
        }
    }
    return out;
}

}  // namespace thidua

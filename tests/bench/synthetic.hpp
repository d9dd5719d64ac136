#pragma once
// A synthetic campaign and results of a chosen size, as JSON text: every rule kind, two phases, groups with
// caps, registered targets, adjustments with events, late reports, votes, quotas, a tie-break chain and awards.

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

namespace thidua_bench {

struct size {
    int clusters = 20;
    int units_per_cluster = 100;
    int criteria = 40;
};

/// Deterministic pseudo-random numbers (xorshift), so every run scores the same input.
struct rng {
    std::uint64_t state = 0x9e3779b97f4a7c15ULL;
    std::uint64_t next() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

inline std::string campaign_json(const size& s) {
    std::string j = R"({"thidua":1,"id":"bench","title":"bench","kind":"special","start":"2024-01-01","end":"2024-12-31",)";
    j += R"("clusters":[)";
    for (int g = 0; g < s.clusters; ++g) j += (g ? "," : "") + std::string(R"({"id":"c)") + std::to_string(g) + R"("})";
    j += R"(],"units":[)";
    for (int g = 0, n = 0; g < s.clusters; ++g) {
        for (int u = 0; u < s.units_per_cluster; ++u, ++n) {
            j += (n ? "," : "") + std::string(R"({"id":"u)") + std::to_string(n) + R"(","name":"Đơn vị )" +
                 std::to_string(n) + R"(","kind":")" + (u % 5 == 0 ? "ward" : "commune") + R"(","cluster":"c)" +
                 std::to_string(g) + R"(","attributes":{"women_share":"0.)" + std::to_string(10 + n % 80) + R"("}})";
        }
    }
    j += R"(],"groups":[{"id":"I","max_points":150},{"id":"II"}],"phases":[)";
    for (int p = 0; p < 2; ++p) {
        j += std::string(p ? "," : "") + R"({"id":"p)" + std::to_string(p) + R"(","start":")" +
             (p ? "2024-07-01" : "2024-01-01") + R"(","end":")" + (p ? "2024-12-31" : "2024-06-30") +
             R"(","weight":"0.5","report_due":")" + (p ? "2025-01-10" : "2024-07-10") + R"(","criteria":[)";
        for (int c = 0; c < s.criteria; ++c) j += (c ? "," : "") + std::string(R"("k)") + std::to_string(c) + R"(")";
        j += "]}";
    }
    j += R"(],"criteria":[)";
    for (int c = 0; c < s.criteria; ++c) {
        static const char* rules[] = {
            R"({"kind":"ratio","target":9,"exceed":{"step_percent":10,"points_per_step":"0.5","cap":2}})",
            R"({"kind":"ratio","target":4,"credit":"all_or_nothing"})",
            R"({"kind":"ratio","target":10,"min_ratio":"0.5"})",
            R"({"kind":"bands","bands":[{"at_least":4,"points":10},{"at_least":2,"points":6},{"at_least":1,"points":2}]})",
            R"({"kind":"boolean"})",
            R"({"kind":"manual"})"};
        j += (c ? "," : "") + std::string(R"({"id":"k)") + std::to_string(c) + R"(","title":"Tiêu chí )" +
             std::to_string(c) + R"(","group":")" + (c % 2 ? "I" : "II") + R"(","max_points":10,"rule":)" +
             rules[c % 6] + (c % 7 == 0 ? R"(,"mandatory":true)" : "") +
             (c % 11 == 3 ? R"(,"applies_to":["ward"])" : "") + "}";
    }
    j += R"(],"adjustments":[{"id":"b","kind":"bonus","points_per_item":1,"cap":3},)"
         R"({"id":"p","kind":"penalty","points_per_item":2},{"id":"d","kind":"disqualify","forces_class":"ht"}],)"
         R"("late_penalty":{"per_report":"0.5","cap":2},"bonus_cap":5,)"
         R"("classes":[{"id":"xs","min_score":90,"requires_all_mandatory":true,"max_share":"0.2","share_of":"tot"},)"
         R"({"id":"tot","min_score":75,"min_met_share":"0.5"},{"id":"ht","min_score":50},{"id":"kht"}],)"
         R"("tie_breaks":[{"kind":"criterion","criterion":"k0"},{"kind":"phase","phase":"p1"},)"
         R"({"kind":"earliest_submission"},{"kind":"vote"},{"kind":"attribute","attribute":"women_share"},)"
         R"({"kind":"lot","seed":2024}],)"
         R"("awards":[{"id":"co","count":1,"min_class":"xs","min_vote_share":"0.7"},)"
         R"({"id":"bk","max_share":"0.1","min_count":1,"min_class":"tot","exclusive_with":["co"]},)"
         R"({"id":"top","scope":"overall","count":10,"min_score":95}],)"
         R"("cluster_goals":[{"id":"g","class_at_least":"tot","min_share":"1"}]})";
    return j;
}

inline std::string results_json(const size& s) {
    rng r;
    std::string j = R"({"thidua_results":1,"campaign":"bench","results":[)";
    bool first = true;
    const int units = s.clusters * s.units_per_cluster;
    for (int u = 0; u < units; ++u) {
        for (int p = 0; p < 2; ++p) {
            for (int c = 0; c < s.criteria; ++c) {
                if (c % 11 == 3 && u % 5 != 0) continue;  // does not apply to communes
                const int roll = r.below(100);
                if (roll < 2) continue;  // no row: missing
                j += first ? "" : ",";
                first = false;
                j += R"({"unit":"u)" + std::to_string(u) + R"(","criterion":"k)" + std::to_string(c) + R"(","phase":"p)" +
                     std::to_string(p) + "\"";
                if (roll < 4) {
                    j += R"(,"status":"exempt"})";
                    continue;
                }
                switch (c % 6) {
                    case 0: j += R"(,"value":)" + std::to_string(5 + r.below(8)); break;
                    case 1: j += R"(,"value":)" + std::to_string(2 + r.below(4)); break;
                    case 2: j += R"(,"value":")" + std::to_string(3 + r.below(9)) + ".5\""; break;
                    case 3: j += R"(,"value":)" + std::to_string(r.below(6)); break;
                    case 4: j += r.below(4) ? R"(,"value":true)" : R"(,"value":false)"; break;
                    default: j += R"(,"value":")" + std::to_string(5 + r.below(5)) + ".25\""; break;
                }
                j += R"(,"submitted":")" + std::string(p ? "2025-01-" : "2024-07-") + (roll < 10 ? "12" : "05") + "\"}";
            }
        }
    }
    j += R"(],"events":[)";
    for (int u = 0; u < units; u += 7) {
        j += (u ? "," : "") + std::string(R"({"unit":"u)") + std::to_string(u) + R"(","adjustment":")" +
             (u % 3 ? "b" : "p") + R"(","count":)" + std::to_string(1 + u % 3) + "}";
    }
    j += R"(],"votes":[)";
    for (int u = 0; u < units; u += 2) {
        j += (u ? "," : "") + std::string(R"({"unit":"u)") + std::to_string(u) + R"(","yes":)" +
             std::to_string(u % 9) + R"(,"of":9})";
    }
    return j + "]}";
}

/// The bulk campaign of tests/bench/bulk.json (shared with the numpy reference) with `clusters`
/// clusters, `criteria` criteria cycling through its rules, and one placeholder unit (the population replaces it).
inline std::string bulk_campaign_json(int clusters, int criteria) {
    std::ifstream in(THIDUA_BENCH_DIR "/bulk.json");
    std::stringstream text;
    text << in.rdbuf();
    auto doc = boost::json::parse(text.str()).as_object();
    const auto rules = doc["rules"].as_array();
    doc.erase("rules");
    doc.erase("criteria_pattern");
    boost::json::array cluster_list, criteria_list;
    for (int g = 0; g < clusters; ++g) {
        boost::json::object cluster;
        cluster["id"] = "c" + std::to_string(g);
        cluster_list.push_back(cluster);
    }
    for (int k = 0; k < criteria; ++k) {
        boost::json::object criterion;
        criterion["id"] = "k" + std::to_string(k);
        criterion["max_points"] = 10;
        criterion["rule"] = rules[static_cast<std::size_t>(k) % rules.size()];
        criteria_list.push_back(criterion);
    }
    boost::json::object placeholder;
    placeholder["id"] = "placeholder";
    placeholder["kind"] = "commune";
    placeholder["cluster"] = "c0";
    doc["clusters"] = cluster_list;
    doc["criteria"] = criteria_list;
    doc["units"] = boost::json::array{placeholder};
    return boost::json::serialize(doc);
}

/// Values in micros for `units` × `criteria` (row-major), suited to each criterion's rule (see bulk_campaign_json).
inline std::vector<std::int64_t> bulk_values(std::size_t units, std::size_t criteria) {
    rng r;
    std::vector<std::int64_t> values(units * criteria);
    for (std::size_t u = 0; u < units; ++u) {
        for (std::size_t k = 0; k < criteria; ++k) {
            std::int64_t v = 0;
            switch (k % 6) {
                case 0: v = r.below(13); break;                     // of a target of 10
                case 1: v = r.below(12); break;                     // of 8, exceeding it earns a bonus
                case 2: v = r.below(8); break;                      // of 6, all or nothing
                case 3: v = r.below(11); break;                     // bands
                case 4: v = r.below(4) ? 1 : 0; break;              // boolean
                default: v = r.below(1001); break;                  // manual, hundredths of a point
            }
            values[u * criteria + k] = k % 6 == 5 ? v * 10'000 : v * 1'000'000;
        }
    }
    return values;
}

}  // namespace thidua_bench

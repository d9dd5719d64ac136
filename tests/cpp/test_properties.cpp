// Properties of scoring on random valid campaigns (seeded, so every run checks the same 300 cases), and nothing
// lost on every example and golden case: every input row is used in the report.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>

#include "builders.hpp"
#include "golden.hpp"

using namespace thidua_test;

namespace {

/// Draws from a seeded generator.
struct draw {
    std::mt19937_64 rng;
    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
    bool coin() { return between(0, 1) == 1; }
    template <class T>
    T one_of(std::initializer_list<T> items) {
        return *(items.begin() + between(0, static_cast<int>(items.size()) - 1));
    }
};

struct tiling {
    std::vector<const char*> start, end, due, weight;
};

/// A random valid campaign and results: every rule kind, phases, groups, classes with quotas, adjustments, a late
/// penalty, tie-breaks, awards, votes. Values stay in the ranges the rules accept.
std::pair<json::object, json::object> random_case(std::uint64_t seed) {
    draw d{std::mt19937_64(seed)};
    const int precision = d.between(0, 3);
    json::object c{{"thidua", 1}, {"id", "p"}, {"start", "2024-01-01"}, {"end", "2024-12-31"}, {"precision", precision},
                   {"rounding", d.one_of({"half_up", "half_even", "down", "up"})}};
    if (d.coin()) c["scale"] = precision > 0 ? d.one_of({"10", "1000", "12.5"}) : d.one_of({"10", "1000"});
    const int clusters = d.between(1, 3);
    json::array cluster_list, units;
    for (int g = 0; g < clusters; ++g) cluster_list.push_back(json::object{{"id", "c" + std::to_string(g)}});
    const char* kinds[] = {"commune", "ward", "member_org"};
    const int unit_count = d.between(std::max(2, clusters), 8);
    for (int i = 0; i < unit_count; ++i) {
        json::object u{{"id", "u" + std::to_string(i)}, {"kind", kinds[d.between(0, 2)]},
                       {"cluster", "c" + std::to_string(i < clusters ? i : d.between(0, clusters - 1))}};
        if (d.coin()) u["attributes"] = json::object{{"w", d.one_of({"0.4", "0.55", "1"})}};
        units.push_back(std::move(u));
    }
    c["clusters"] = std::move(cluster_list);
    c["units"] = units;
    const tiling tilings[] = {
        {{"2024-01-01"}, {"2024-12-31"}, {"2025-01-05"}, {"1"}},
        {{"2024-01-01", "2024-07-01"}, {"2024-06-30", "2024-12-31"}, {"2024-07-05", "2025-01-05"}, {"0.6", "0.4"}},
        {{"2024-01-01", "2024-05-01", "2024-09-01"}, {"2024-04-30", "2024-08-31", "2024-12-31"},
         {"2024-05-05", "2024-09-05", "2025-01-05"}, {"0.5", "0.3", "0.2"}}};
    const tiling& t = tilings[d.between(0, 2)];
    const std::size_t phase_count = t.start.size();
    const int criteria_count = d.between(1, 5);
    json::array criteria;
    std::vector<std::vector<std::string>> phase_criteria(phase_count);
    for (int k = 0; k < criteria_count; ++k) {
        const std::string id = "k" + std::to_string(k);
        const int max = d.one_of({5, 10, 20, 30});
        json::object rule{{"kind", d.one_of({"ratio", "bands", "boolean", "manual"})}};
        const std::string kind(rule["kind"].as_string());
        if (kind == "ratio") {
            if (d.between(0, 3) > 0) rule["target"] = d.one_of({"1", "2", "3", "2.5"});
            if (d.coin()) rule["credit"] = d.one_of({"linear", "all_or_nothing"});
            if (d.coin()) rule["min_ratio"] = d.one_of({"0", "0.5"});
            if (d.coin()) {
                json::object exceed{{"step_percent", d.one_of({10, 50})}, {"points_per_step", 1}};
                if (d.coin()) exceed["cap"] = 2;
                rule["exceed"] = std::move(exceed);
            }
        } else if (kind == "bands") {
            rule["bands"] = d.coin() ? json::array{json::object{{"at_least", 4}, {"points", max}},
                                                   json::object{{"at_least", 2}, {"points", max / 2}}}
                                     : json::array{json::object{{"at_most", 1}, {"points", max}},
                                                   json::object{{"at_most", 3}, {"points", max / 2}}};
        }
        json::object cr{{"id", id}, {"max_points", max}, {"rule", std::move(rule)}};
        if (d.coin()) cr["mandatory"] = d.coin();
        if (d.between(0, 3) == 0) cr["applies_to"] = json::array{kinds[d.between(0, 2)], "commune"};
        criteria.push_back(std::move(cr));
        phase_criteria[static_cast<std::size_t>(k) % phase_count].push_back(id);
        for (std::size_t p = 0; p < phase_count; ++p) {
            if (p != static_cast<std::size_t>(k) % phase_count && d.between(0, 2) == 0) phase_criteria[p].push_back(id);
        }
    }
    if (d.between(0, 2) == 0) {
        c["groups"] = json::array{json::object{{"id", "G"}, {"max_points", d.one_of({15, 40})}}};
        for (auto& cr : criteria) cr.as_object()["group"] = "G";
    }
    c["criteria"] = criteria;
    json::array phases;
    for (std::size_t p = 0; p < phase_count; ++p) {
        if (phase_criteria[p].empty()) phase_criteria[p].push_back("k0");
        json::array ids;
        for (const auto& id : phase_criteria[p]) ids.push_back(json::string(id));
        json::object ph{{"id", "gd" + std::to_string(p + 1)}, {"start", t.start[p]}, {"end", t.end[p]},
                        {"weight", t.weight[p]}, {"criteria", std::move(ids)}};
        if (d.coin()) ph["report_due"] = t.due[p];
        phases.push_back(std::move(ph));
    }
    c["phases"] = phases;
    json::array classes;
    for (int i = d.between(0, 3); i > 0; --i) {
        json::object cls{{"id", "l" + std::to_string(i)}, {"min_score", d.one_of({50, 80, 90})}};
        if (d.coin()) cls["max_share"] = d.one_of({"0.2", "0.5", "1"});
        if (d.between(0, 3) == 0) cls["requires_all_mandatory"] = true;
        if (d.between(0, 3) == 0) cls["min_met_share"] = "0.5";
        classes.push_back(std::move(cls));
    }
    classes.push_back(json::object{{"id", "rest"}});
    c["classes"] = classes;
    c["adjustments"] = json::array{json::object{{"id", "plus"}, {"kind", "bonus"}, {"points_per_item", 1}, {"cap", 3}},
                                   json::object{{"id", "minus"}, {"kind", "penalty"}, {"points_per_item", 2}},
                                   json::object{{"id", "veto"}, {"kind", "disqualify"}, {"forces_class", "rest"}}};
    if (d.coin()) c["late_penalty"] = json::object{{"per_report", 1}, {"cap", 2}};
    json::array tie_breaks;
    for (int i = d.between(0, 4); i > 0; --i) {
        const std::string kind = d.one_of({"criterion", "phase", "bonus", "penalty", "earliest_submission", "vote",
                                           "attribute", "lot"});
        json::object tb{{"kind", kind}};
        if (kind == "criterion") tb["criterion"] = "k0";
        if (kind == "phase") tb["phase"] = "gd1";
        if (kind == "attribute") tb["attribute"] = "w";
        if (kind == "lot") tb["seed"] = d.between(0, 100);
        tie_breaks.push_back(std::move(tb));
    }
    c["tie_breaks"] = tie_breaks;
    json::array awards;
    for (int i = d.between(0, 2); i > 0; --i) {
        json::object a{{"id", "a" + std::to_string(i)}};
        if (d.coin()) a["scope"] = "overall";
        if (d.coin()) {
            a["count"] = d.between(1, 2);
        } else {
            a["max_share"] = "0.5";
            if (d.coin()) a["min_count"] = 1;
        }
        if (d.coin()) a["min_vote_share"] = "0.5";
        if (d.coin()) a["min_class"] = classes.size() > 1 ? classes[0].at("id") : json::value("rest");
        awards.push_back(std::move(a));
    }
    c["awards"] = awards;

    json::array rows, events, votes;
    for (std::size_t p = 0; p < phase_count; ++p) {
        for (const auto& u : units) {
            const std::string kind(u.at("kind").as_string());
            for (const auto& id : phase_criteria[p]) {
                const auto& cr = criteria[static_cast<std::size_t>(std::stoi(id.substr(1)))].as_object();
                bool applies = !cr.contains("applies_to");
                for (const auto& k : cr.contains("applies_to") ? cr.at("applies_to").as_array() : json::array{}) {
                    applies = applies || k.as_string() == kind;
                }
                const std::string status = applies ? d.one_of({"reported", "reported", "reported", "missing", "exempt", ""})
                                                   : d.one_of({"", "not_applicable"});
                if (status.empty()) continue;
                json::object row{{"unit", u.at("id")}, {"criterion", id}};
                if (d.coin()) row["phase"] = "gd" + std::to_string(p + 1);
                else row["date"] = t.start[p];
                if (status != "reported") {
                    row["status"] = status;
                } else {
                    const auto& rule = cr.at("rule").as_object();
                    const std::string rule_kind(rule.at("kind").as_string());
                    if (rule_kind == "ratio") {
                        row["value"] = d.one_of({"0", "1", "2", "3", "5", "2.5"});
                        if (!rule.contains("target")) row["target"] = "2";
                    } else if (rule_kind == "bands") {
                        row["value"] = d.between(0, 5);
                    } else if (rule_kind == "boolean") {
                        row["value"] = d.coin();
                    } else {
                        row["value"] = d.between(0, static_cast<int>(cr.at("max_points").as_int64()));
                    }
                }
                if (d.coin()) row["submitted"] = d.one_of({"2024-04-01", "2024-10-01", "2025-03-01"});
                rows.push_back(std::move(row));
            }
        }
    }
    for (const auto& u : units) {
        for (const char* adjustment : {"plus", "minus", "veto"}) {
            if (d.between(0, 3) == 0) events.push_back(json::object{{"unit", u.at("id")}, {"adjustment", adjustment}});
        }
        if (d.coin()) {
            const int of = d.one_of({4, 8});
            votes.push_back(json::object{{"unit", u.at("id")}, {"yes", d.between(0, of)}, {"of", of}});
        }
    }
    json::object r{{"thidua_results", 1}, {"campaign", "p"}, {"results", std::move(rows)},
                   {"events", std::move(events)}, {"votes", std::move(votes)}};
    return {std::move(c), std::move(r)};
}

thidua::decimal dec(const json::value& v) { return thidua::decimal::parse(v.as_string()).value(); }

/// Unit objects by id, with warnings sorted (late-report warnings follow row order) and without the warnings
/// that say which of several tied units came past a quota: ties keep the campaign's unit order.
std::map<std::string, json::object> units_by_id(const json::object& report) {
    std::map<std::string, json::object> out;
    for (const auto& u : report.at("units").as_array()) {
        auto unit = u.as_object();
        auto& warnings = unit["warnings"].as_array();
        warnings.erase(std::remove_if(warnings.begin(), warnings.end(),
                                      [](const json::value& w) {
                                          return w.at("code") == "award_tie" || w.at("code") == "quota_tie";
                                      }),
                       warnings.end());
        std::sort(warnings.begin(), warnings.end(),
                  [](const json::value& a, const json::value& b) { return json::serialize(a) < json::serialize(b); });
        out[std::string(unit.at("id").as_string())] = std::move(unit);
    }
    return out;
}

/// How many units came past each quota as tied ("award_tie a1": 1).
std::map<std::string, int> tie_warnings(const json::object& report) {
    std::map<std::string, int> out;
    for (const auto& u : report.at("units").as_array()) {
        for (const auto& w : u.at("warnings").as_array()) {
            if (w.at("code") == "award_tie" || w.at("code") == "quota_tie") {
                ++out[std::string(w.at("code").as_string()) + " " + std::string(w.at("subject").as_string())];
            }
        }
    }
    return out;
}

constexpr int cases = 300;

}  // namespace

TEST_CASE("random valid campaigns satisfy the properties of a report") {
    for (int seed = 1; seed <= cases; ++seed) {
        CAPTURE(seed);
        auto [campaign, results] = random_case(static_cast<std::uint64_t>(seed));
        const std::string text = thidua::to_json(score(campaign, results));
        // The same input gives the same bytes.
        REQUIRE(thidua::to_json(score(campaign, results)) == text);
        const auto report = json::parse(text).as_object();
        const auto scale = campaign.contains("scale") ? dec(campaign.at("scale")) : thidua::decimal::from_int(100);
        const int precision = static_cast<int>(campaign.at("precision").as_int64());
        std::map<std::string, std::vector<json::object>> by_cluster;
        for (const auto& u_value : report.at("units").as_array()) {
            const auto& u = u_value.as_object();
            // Phase scores within [0, scale]; total >= 0 and equal to base + bonus − penalty (not below 0).
            for (const auto& [phase, score] : u.at("phases").as_object()) {
                CHECK(dec(score) >= thidua::decimal{});
                CHECK(dec(score) <= scale);
            }
            const auto total = dec(u.at("total"));
            CHECK(total >= thidua::decimal{});
            CHECK(total == thidua::max(thidua::decimal{}, dec(u.at("base")) + dec(u.at("bonus")) - dec(u.at("penalty"))));
            // Decimals are written exactly at the campaign's precision.
            CHECK(total.to_string(precision) == u.at("total").as_string());
            by_cluster[std::string(u.at("cluster").as_string())].push_back(u);
        }
        // Competition ranks consistent with totals, in report order inside each cluster.
        for (const auto& [cluster, members] : by_cluster) {
            for (std::size_t i = 0; i < members.size(); ++i) {
                const auto rank = members[i].at("cluster_rank").as_int64();
                if (i == 0) {
                    CHECK(rank == 1);
                    continue;
                }
                const auto previous = members[i - 1].at("cluster_rank").as_int64();
                CHECK((rank == previous || rank == static_cast<std::int64_t>(i) + 1));
                CHECK(dec(members[i].at("total")) <= dec(members[i - 1].at("total")));
                if (rank == previous) CHECK(dec(members[i].at("total")) == dec(members[i - 1].at("total")));
            }
        }
        // Award counts respect the quota of each scope group, except receivers recorded as tied.
        for (const auto& award : campaign.at("awards").as_array()) {
            const std::string id(award.at("id").as_string());
            const bool overall = award.as_object().contains("scope");
            std::map<std::string, std::pair<std::int64_t, std::int64_t>> given;  // group: receivers, tied receivers
            std::map<std::string, std::int64_t> size;
            for (const auto& u : report.at("units").as_array()) {
                const std::string group = overall ? "" : std::string(u.at("cluster").as_string());
                ++size[group];
                const auto& awards = u.at("awards").as_array();
                if (std::find(awards.begin(), awards.end(), json::value(id)) == awards.end()) continue;
                ++given[group].first;
                for (const auto& w : u.at("warnings").as_array()) {
                    if (w.at("code") == "award_tie" && w.at("subject") == id.c_str()) ++given[group].second;
                }
            }
            for (const auto& [group, counts] : given) {
                std::int64_t quota = 0;
                if (award.as_object().contains("count")) {
                    quota = award.at("count").as_int64();
                } else {
                    quota = std::max<std::int64_t>(size[group] / 2, award.as_object().contains("min_count") ? 1 : 0);
                }
                CHECK(counts.first <= quota + counts.second);
            }
        }
        // The report round-trips through a JSON parser unchanged.
        CHECK(json::parse(json::serialize(report)) == json::value(report));
    }
}

TEST_CASE("permuting units or rows changes nothing but the order of ties") {
    std::mt19937_64 rng(7);
    for (int seed = 1; seed <= cases; ++seed) {
        CAPTURE(seed);
        auto [campaign, results] = random_case(static_cast<std::uint64_t>(seed));
        const auto before = report_json(score(campaign, results));
        auto permuted_campaign = campaign;
        auto permuted_results = results;
        std::shuffle(permuted_campaign["units"].as_array().begin(), permuted_campaign["units"].as_array().end(), rng);
        std::shuffle(permuted_results["results"].as_array().begin(), permuted_results["results"].as_array().end(), rng);
        std::shuffle(permuted_results["events"].as_array().begin(), permuted_results["events"].as_array().end(), rng);
        std::shuffle(permuted_results["votes"].as_array().begin(), permuted_results["votes"].as_array().end(), rng);
        const auto after = report_json(score(permuted_campaign, permuted_results));
        CHECK(units_by_id(after) == units_by_id(before));
        CHECK(tie_warnings(after) == tie_warnings(before));
        CHECK(after.at("clusters") == before.at("clusters"));
        CHECK(after.at("award_cash") == before.at("award_cash"));
        CHECK(after.at("inputs") == before.at("inputs"));
    }
}

TEST_CASE("raising one reported value never lowers the unit's points or total") {
    for (int seed = 1; seed <= cases; ++seed) {
        CAPTURE(seed);
        auto [campaign, results] = random_case(static_cast<std::uint64_t>(seed));
        auto& rows = results["results"].as_array();
        const auto before = units_by_id(report_json(score(campaign, results)));
        for (std::size_t i = 0; i < rows.size(); i += 3) {  // every third row: enough, and fast
            auto& row = rows[i].as_object();
            if (!row.contains("value")) continue;
            const auto& cr = campaign["criteria"].as_array()[std::stoul(std::string(row.at("criterion").as_string()).substr(1))];
            const auto& rule = cr.at("rule").as_object();
            const json::value old = row["value"];
            bool lower_is_better = false;
            if (old.is_bool()) {
                if (old.as_bool()) continue;
                row["value"] = true;
            } else if (rule.at("kind") == "manual") {
                if (old.as_int64() + 1 > cr.at("max_points").as_int64()) continue;
                row["value"] = old.as_int64() + 1;
            } else if (old.is_string()) {
                row["value"] = (dec(old) + thidua::decimal::from_int(1)).to_string();
            } else {
                lower_is_better = rule.contains("bands") && rule.at("bands").as_array()[0].as_object().contains("at_most");
                row["value"] = old.as_int64() + 1;
            }
            CAPTURE(json::serialize(row));
            const auto after = units_by_id(report_json(score(campaign, results)));
            const std::string unit(row.at("unit").as_string());
            for (const auto& [key, points] : after.at(unit).at("points").as_object()) {
                const auto was = dec(before.at(unit).at("points").at(key));
                if (key.ends_with("/" + std::string(row.at("criterion").as_string())) && lower_is_better) {
                    CHECK(dec(points) <= was);
                } else {
                    CHECK(dec(points) >= was);
                }
            }
            if (!lower_is_better) CHECK(dec(after.at(unit).at("total")) >= dec(before.at(unit).at("total")));
            row["value"] = old;
        }
    }
}

TEST_CASE("nothing is lost: every input row of every example and golden case is used in the report") {
    std::size_t documents = 0;
    auto check = [&](const thidua::report& r, std::size_t rows, std::size_t events, std::size_t votes) {
        const auto inputs = report_json(r).at("inputs").as_object();
        CHECK(inputs.at("results").as_int64() == static_cast<std::int64_t>(rows));
        CHECK(inputs.at("used").as_int64() == static_cast<std::int64_t>(rows));
        CHECK(inputs.at("events").as_int64() == static_cast<std::int64_t>(events));
        CHECK(inputs.at("votes").as_int64() == static_cast<std::int64_t>(votes));
        ++documents;
    };
    auto count = [](const json::value& doc, const char* key) {
        return doc.as_object().contains(key) ? doc.at(key).as_array().size() : 0;
    };
    for (const auto& entry : std::filesystem::directory_iterator(THIDUA_EXAMPLES_DIR)) {
        if (!std::filesystem::exists(entry.path() / "campaign.json")) continue;
        CAPTURE(entry.path().filename().string());
        const auto campaign = thidua::read_campaign(read_file(entry.path() / "campaign.json"));
        const auto results = json::parse(read_file(entry.path() / "results.json"));
        check(thidua::score(campaign, results_of(results)), count(results, "results"), count(results, "events"),
              count(results, "votes"));
        // The table's data lines, counted without the library: lines that are not blank, less the header.
        const std::string table = read_file(entry.path() / "results.csv");
        std::size_t lines = 0;
        for (std::size_t at = 0; at < table.size();) {
            const std::size_t end = std::min(table.find('\n', at), table.size());
            if (table.find_first_not_of("\r", at) < end) ++lines;
            at = end + 1;
        }
        check(thidua::score(campaign, thidua::read_results_csv(table)), lines - 1, 0, 0);
    }
    // Named references, not structured bindings: clang 14 cannot capture a binding in CAPTURE's lambda.
    for (const auto& entry : golden_cases()) {
        const std::string& name = entry.first;
        const std::filesystem::path& path = entry.second;
        const auto golden = json::parse(read_file(path));
        if (golden.at("expect").as_object().contains("error")) continue;
        CAPTURE(name);
        const auto& results = golden.at("results");
        check(score(golden.at("campaign"), results), count(results, "results"), count(results, "events"),
              count(results, "votes"));
    }
    CHECK(documents >= 10 + 29);
}

TEST_CASE("every number an explanation states is the report's, on random campaigns") {
    for (int seed = 1; seed <= cases; ++seed) {
        CAPTURE(seed);
        auto [campaign, results] = random_case(static_cast<std::uint64_t>(seed));
        const auto r = score(campaign, results);
        const auto& pl = r.data().compiled();
        const int precision = r.campaign().precision;
        const auto fixed = [&](thidua::decimal d) { return d.to_string(precision); };
        for (std::size_t u = 0; u < r.units(); ++u) {
            CAPTURE(u);
            // The facts the kernel records for one unit are the report's numbers.
            const auto facts = thidua::detail::trace_unit(pl, r.data().inputs, u);
            CHECK(thidua::decimal::from_micros(facts.total) == r.total(u));
            CHECK(thidua::decimal::from_micros(facts.base) == r.base(u));
            CHECK(thidua::decimal::from_micros(facts.bonus) == r.bonus(u));
            CHECK(thidua::decimal::from_micros(facts.penalty) == r.penalty(u));
            for (std::size_t p = 0; p < pl.phases(); ++p) {
                CHECK(facts.phases[p].counted == r.phase_counted(u, p));
                if (facts.phases[p].counted) CHECK(thidua::decimal::from_micros(facts.phases[p].score) == r.phase_score(u, p));
                for (std::size_t k = 0; k < pl.criteria_in(p); ++k) {
                    CHECK(facts.phases[p].slots[k].status == r.status(p, u, k));
                    CHECK(thidua::decimal::from_micros(facts.phases[p].slots[k].result.points) == r.points(p, u, k));
                }
            }
            // The explanation's numbers, step by step, in both languages.
            for (const auto lang : {thidua::language::vi, thidua::language::en}) {
                const auto e = thidua::explain(r, u, lang);
                std::size_t phase = 0;
                for (const auto& step : e.steps) {
                    CHECK_FALSE(step.message.empty());
                    CHECK_FALSE(step.text.empty());
                    if (step.step == "unit" || step.step == "total") CHECK(step.points == fixed(r.total(u)));
                    if (step.step == "base") CHECK(step.points == fixed(r.base(u)));
                    if (step.step == "bonus" && step.depth == 0) CHECK(step.points == fixed(r.bonus(u)));
                    if (step.step == "penalty" && step.depth == 0) CHECK(step.points == fixed(r.penalty(u)));
                    if (step.step == "rank" && step.depth == 0) CHECK(step.points == std::to_string(r.cluster_rank(u)));
                    if (step.step == "phase" && !step.points.empty()) {
                        while (pl.campaign().phases[phase].id != step.phase) ++phase;
                        CHECK(step.points == fixed(r.phase_score(u, phase)));
                    }
                    if (step.step == "points" && !step.points.empty()) {
                        const auto p = static_cast<std::size_t>(pl.phase_index(step.phase));
                        const auto k = static_cast<std::size_t>(pl.position_in_phase(p, static_cast<std::size_t>(pl.criterion_index(step.subject))));
                        CHECK(step.points == fixed(r.points(p, u, k)));
                    }
                }
            }
        }
    }
}

// The report (thidua/report/report.hpp, docs/format.md "Report"): deterministic JSON, the units' order, the
// fingerprints of the canonical campaign and results, warnings, and the per-cluster summary.

#include <doctest/doctest.h>

#include "builders.hpp"
#include "golden.hpp"
#include "thidua/detail/sha256.hpp"

using namespace thidua_test;
using namespace thidua::literals;

namespace {

/// A campaign that uses every part of the format.
json::object rich_campaign() {
    return parse(R"({
      "thidua": 1, "id": "hong-linh-2024", "title": "Đợt thi đua đặc biệt \"chào mừng\" Đại hội", "kind": "special",
      "version": "2023-10-26", "language": "vi", "start": "2023-11-01", "end": "2024-10-31",
      "precision": 2, "rounding": "half_even", "scale": 100, "base_salary": 2340000,
      "clusters": [{"id": "phuong-xa", "name": "Khối phường, xã", "kind": "block"}, {"id": "to-chuc", "name": "Khối tổ chức"}],
      "units": [
        {"id": "bac-hong", "name": "Phường Bắc Hồng", "kind": "ward", "cluster": "phuong-xa",
         "attributes": {"women_share": "0.72", "founded": 1990}},
        {"id": "thuan-loc", "name": "Xã Thuận Lộc", "kind": "commune", "cluster": "phuong-xa"},
        {"id": "hoi-phu-nu", "name": "Hội LHPN", "kind": "member_org", "cluster": "to-chuc", "attributes": {"women_share": 1}}
      ],
      "phases": [
        {"id": "gd1", "title": "Giai đoạn 1", "start": "2023-11-01", "end": "2024-07-31", "weight": "0.6",
         "report_due": "2024-08-10", "criteria": ["phat-dong", "mo-hinh", "phan-viec", "cong-trinh"]},
        {"id": "gd2", "start": "2024-08-01", "end": "2024-10-31", "weight": "0.4", "criteria": ["mo-hinh", "khieu-nai"]}
      ],
      "groups": [{"id": "I", "title": "I. Tuyên truyền", "max_points": 15}, {"id": "II"}],
      "criteria": [
        {"id": "phat-dong", "title": "Phát động", "group": "I", "max_points": 10, "rule": {"kind": "boolean"}, "mandatory": true},
        {"id": "mo-hinh", "group": "II", "max_points": 30, "applies_to": ["ward", "commune"],
         "rule": {"kind": "ratio", "target": 3, "credit": "linear", "min_ratio": "0.25",
                  "exceed": {"step_percent": 100, "points_per_step": 1, "cap": 2}}},
        {"id": "phan-viec", "group": "II", "max_points": 30,
         "rule": {"kind": "bands", "bands": [{"at_least": 2, "points": 30}, {"at_least": 1, "points": "15.5"}]}},
        {"id": "cong-trinh", "group": "II", "max_points": 90, "applies_to": ["member_org"],
         "rule": {"kind": "ratio", "target": 1, "credit": "all_or_nothing"}},
        {"id": "khieu-nai", "group": "I", "max_points": 5, "rule": {"kind": "bands", "bands": [{"at_most": 0, "points": 5}]}}
      ],
      "targets": [{"unit": "bac-hong", "criterion": "mo-hinh", "value": 4},
                  {"unit": "thuan-loc", "criterion": "mo-hinh", "phase": "gd2", "value": "2.5"}],
      "adjustments": [
        {"id": "sang-kien", "kind": "bonus", "title": "Sáng kiến", "points_per_item": 1, "cap": 3},
        {"id": "tre-han", "kind": "penalty", "points_per_item": "0.5"},
        {"id": "vi-pham", "kind": "disqualify", "title": "Vi phạm kỷ luật", "forces_class": "hoan-thanh"}
      ],
      "late_penalty": {"per_report": "0.5", "cap": 2}, "bonus_cap": 5, "penalty_cap": 4,
      "classes": [
        {"id": "xuat-sac", "title": "Hoàn thành xuất sắc", "min_score": 95, "requires_all_mandatory": true,
         "exclude_disqualified": true, "max_share": "0.5", "share_of": "tot"},
        {"id": "tot", "min_score": 80, "min_met_share": "0.5", "min_exceeded_share": "0.1"},
        {"id": "hoan-thanh", "min_score": 50},
        {"id": "khong-hoan-thanh"}
      ],
      "tie_breaks": [
        {"kind": "criterion", "criterion": "mo-hinh"}, {"kind": "phase", "phase": "gd2", "title": "Điểm giai đoạn 2"},
        {"kind": "bonus"}, {"kind": "penalty"}, {"kind": "earliest_submission"}, {"kind": "vote"},
        {"kind": "attribute", "attribute": "women_share", "order": "asc"}, {"kind": "lot", "seed": 2024}
      ],
      "awards": [
        {"id": "co-thi-dua", "title": "Cờ thi đua", "scope": "cluster", "count": 1, "min_class": "xuat-sac",
         "min_vote_share": "0.7", "multiplier": 8},
        {"id": "bang-khen", "scope": "overall", "max_share": "0.3", "min_count": 1, "min_score": 80,
         "exclusive_with": ["co-thi-dua"], "cash": 5000000}
      ],
      "cluster_goals": [{"id": "tot-tro-len", "title": "100 % hoàn thành tốt", "class_at_least": "tot", "min_share": 1}]
    })").as_object();
}

json::object rich_results() {
    return parse(R"({"thidua_results": 1, "campaign": "hong-linh-2024",
      "results": [
        {"unit": "bac-hong", "criterion": "phat-dong", "phase": "gd1", "value": true, "submitted": "2024-08-05"},
        {"unit": "bac-hong", "criterion": "mo-hinh", "phase": "gd1", "value": 12, "submitted": "2024-08-12"},
        {"unit": "bac-hong", "criterion": "phan-viec", "date": "2024-03-15", "value": 2},
        {"unit": "bac-hong", "criterion": "mo-hinh", "phase": "gd2", "value": 3},
        {"unit": "bac-hong", "criterion": "khieu-nai", "phase": "gd2", "value": 0},
        {"unit": "thuan-loc", "criterion": "phat-dong", "phase": "gd1", "value": 1},
        {"unit": "thuan-loc", "criterion": "mo-hinh", "phase": "gd1", "status": "exempt", "note": "thiên tai"},
        {"unit": "thuan-loc", "criterion": "mo-hinh", "phase": "gd2", "value": "1.25", "target": "2.5"},
        {"unit": "hoi-phu-nu", "criterion": "cong-trinh", "phase": "gd1", "value": 1, "target": 1},
        {"unit": "hoi-phu-nu", "criterion": "mo-hinh", "phase": "gd1", "status": "not_applicable"}
      ],
      "events": [{"unit": "bac-hong", "adjustment": "sang-kien", "count": 2, "note": "Camera an ninh"},
                 {"unit": "thuan-loc", "adjustment": "tre-han"}],
      "votes": [{"unit": "bac-hong", "yes": 7, "of": 8}, {"unit": "thuan-loc", "yes": 5, "of": 8}]
    })").as_object();
}

/// Every number written as a decimal string (unit attributes aside: their type is part of their value).
json::value numbers_as_strings(const json::value& v) {
    switch (v.kind()) {
        case json::kind::int64: return json::string(std::to_string(v.as_int64()));
        case json::kind::uint64: return json::string(std::to_string(v.as_uint64()));
        case json::kind::double_: return json::string(json::serialize(v));
        case json::kind::array: {
            json::array out;
            for (const auto& item : v.as_array()) out.push_back(numbers_as_strings(item));
            return out;
        }
        case json::kind::object: {
            json::object out;
            // Unit attributes keep their type: a text attribute is a different value from a number.
            for (const auto& [key, item] : v.as_object()) out[key] = key == "attributes" ? item : numbers_as_strings(item);
            return out;
        }
        default: return v;
    }
}

/// The document written with every object's keys in reverse order, indented, one value a line.
void write_reordered(const json::value& v, std::string& out, int indent) {
    const std::string pad(static_cast<std::size_t>(indent) * 4, ' ');
    if (v.is_object()) {
        const auto& o = v.as_object();
        out += "{\n";
        for (std::size_t i = o.size(); i-- > 0;) {
            const auto& [key, item] = *(o.begin() + static_cast<std::ptrdiff_t>(i));
            out += pad + "    " + json::serialize(json::value(key)) + " :  ";
            write_reordered(item, out, indent + 1);
            out += i > 0 ? ",\n" : "\n";
        }
        out += pad + "}";
    } else if (v.is_array()) {
        const auto& a = v.as_array();
        out += "[ ";
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (i > 0) out += " ,\n" + pad + "  ";
            write_reordered(a[i], out, indent + 1);
        }
        out += " ]";
    } else {
        out += json::serialize(v);
    }
}

std::string reordered(const json::value& v) {
    std::string out;
    write_reordered(v, out, 0);
    return out + "\n";
}

/// True when every object in the document has its keys in strictly increasing byte order.
bool keys_sorted(const json::value& v) {
    if (v.is_array()) {
        for (const auto& item : v.as_array()) {
            if (!keys_sorted(item)) return false;
        }
    } else if (v.is_object()) {
        std::string previous;
        bool first = true;
        for (const auto& [key, item] : v.as_object()) {
            if (!first && !(previous < std::string(key))) return false;
            first = false;
            previous = std::string(key);
            if (!keys_sorted(item)) return false;
        }
    }
    return true;
}

bool has_whitespace_outside_strings(std::string_view text) {
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (in_string) {
            if (ch == '\\') ++i;
            else if (ch == '"') in_string = false;
        } else if (ch == '"') {
            in_string = true;
        } else if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            return true;
        }
    }
    return false;
}

}  // namespace

TEST_CASE("sha256_hex gives the FIPS 180-4 test vectors") {
    CHECK(thidua::detail::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(thidua::detail::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(thidua::detail::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("to_json gives the same bytes on every run") {
    const std::string first = thidua::to_json(score(rich_campaign(), rich_results()));
    const auto again = score(rich_campaign(), rich_results());
    CHECK(thidua::to_json(again) == first);
    CHECK(thidua::to_json(again) == thidua::to_json(again));
    CHECK(first.back() == '\n');
}

TEST_CASE("the report header names the campaign its fingerprints and the library") {
    const auto r = score(rich_campaign(), rich_results());
    const auto doc = report_json(r);
    CHECK(doc.at("thidua_report").as_int64() == 1);
    CHECK(doc.at("campaign").as_string() == "hong-linh-2024");
    CHECK(doc.at("campaign_version").as_string() == "2023-10-26");
    CHECK(doc.at("library_version").as_string() == thidua::version);
    CHECK(doc.at("campaign_sha256").as_string() == r.campaign_sha256());
    CHECK(doc.at("results_sha256").as_string() == r.results_sha256());
    CHECK(r.campaign_sha256().size() == 64);
    CHECK(r.campaign_sha256().find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST_CASE("report units are ordered by cluster in campaign order and then by cluster rank") {
    auto c = with_criteria(R"([{"id": "a", "max_points": 100, "rule": {"kind": "manual"}}])");
    c["clusters"] = parse(R"([{"id": "c1", "name": "Cụm 1"}, {"id": "c2", "name": "Cụm 2"}])");
    c["units"] = parse(R"([
      {"id": "v1", "name": "V1", "kind": "ward", "cluster": "c2"}, {"id": "u1", "name": "U1", "kind": "ward", "cluster": "c1"},
      {"id": "v2", "name": "V2", "kind": "ward", "cluster": "c2"}, {"id": "u2", "name": "U2", "kind": "ward", "cluster": "c1"}
    ])");
    const auto r = score_rows(c, R"([{"unit": "v1", "criterion": "a", "value": 70}, {"unit": "u1", "criterion": "a", "value": 80},
                                     {"unit": "v2", "criterion": "a", "value": 90}, {"unit": "u2", "criterion": "a", "value": 85}])");
    std::vector<std::string> order;
    const auto doc = report_json(r);
    for (const auto& u : doc.at("units").as_array()) order.emplace_back(u.at("id").as_string());
    CHECK(order == std::vector<std::string>{"u2", "u1", "v2", "v1"});
}

TEST_CASE("campaign_sha256 is the SHA-256 of the canonical campaign") {
    const auto r = score(rich_campaign(), rich_results());
    CHECK(r.campaign_sha256() == thidua::detail::sha256_hex(thidua::to_canonical_json(r.campaign())));
    CHECK(r.results_sha256() == thidua::detail::sha256_hex(thidua::to_canonical_json(r.results())));
}

TEST_CASE("campaign_sha256 does not change when the campaign is reformatted or reordered") {
    const auto base = score(rich_campaign(), rich_results());
    const std::string pretty = reordered(rich_campaign());
    REQUIRE(pretty != text(rich_campaign()));
    const auto from_pretty = thidua::score(thidua::read_campaign(pretty), results_of(rich_results()));
    CHECK(from_pretty.campaign_sha256() == base.campaign_sha256());
    const auto from_strings = thidua::score(thidua::read_campaign(reordered(numbers_as_strings(rich_campaign()))),
                                            results_of(rich_results()));
    CHECK(from_strings.campaign_sha256() == base.campaign_sha256());
    CHECK(thidua::to_json(from_strings) == thidua::to_json(base));
}

TEST_CASE("a number written as a string or as a number gives the same fingerprint") {
    auto as_number = minimal_campaign();
    auto as_string = minimal_campaign();
    auto as_fraction = minimal_campaign();
    as_number["criteria"].as_array()[0].as_object()["max_points"] = 10;
    as_string["criteria"].as_array()[0].as_object()["max_points"] = "10";
    as_fraction["criteria"].as_array()[0].as_object()["max_points"] = "10.00";
    const auto sha = [](const json::object& c) { return thidua::detail::sha256_hex(thidua::to_canonical_json(campaign_of(c))); };
    CHECK(sha(as_number) == sha(as_string));
    CHECK(sha(as_number) == sha(as_fraction));
}

TEST_CASE("campaign_sha256 changes when the campaign changes") {
    auto changed = rich_campaign();
    changed["title"] = "Một tiêu đề khác";
    CHECK(score(changed, rich_results()).campaign_sha256() != score(rich_campaign(), rich_results()).campaign_sha256());
    auto other_points = rich_campaign();
    other_points["bonus_cap"] = 6;
    CHECK(score(other_points, rich_results()).campaign_sha256() != score(rich_campaign(), rich_results()).campaign_sha256());
}

TEST_CASE("the canonical campaign has sorted keys and no whitespace") {
    const std::string canonical = thidua::to_canonical_json(campaign_of(rich_campaign()));
    CHECK_FALSE(has_whitespace_outside_strings(canonical));
    CHECK(keys_sorted(json::parse(canonical)));
    const auto doc = json::parse(canonical).as_object();
    CHECK(doc.at("precision").as_int64() == 2);
    CHECK(doc.at("rounding").as_string() == "half_even");
    CHECK(doc.at("scale").as_string() == "100");
    CHECK(doc.at("criteria").at_pointer("/2/rule/bands/1/points").as_string() == "15.5");
}

TEST_CASE("the canonical campaign spells out the defaults") {
    const auto doc = json::parse(thidua::to_canonical_json(campaign_of(minimal_campaign()))).as_object();
    CHECK(doc.at("precision").as_int64() == 2);
    CHECK(doc.at("rounding").as_string() == "half_up");
    CHECK(doc.at("scale").as_string() == "100");
    CHECK(doc.at("kind").as_string() == "pact");
}

TEST_CASE("the canonical campaign reads back to the same canonical campaign") {
    SUBCASE("the rich campaign") {
        const std::string canonical = thidua::to_canonical_json(campaign_of(rich_campaign()));
        CHECK(thidua::to_canonical_json(thidua::read_campaign(canonical)) == canonical);
    }
    SUBCASE("a campaign with the implicit phase") {
        const std::string canonical = thidua::to_canonical_json(campaign_of(minimal_campaign()));
        const auto back = thidua::read_campaign(canonical);
        CHECK(back.implicit_phase);
        CHECK(thidua::to_canonical_json(back) == canonical);
    }
    SUBCASE("every golden campaign") {
        std::size_t read = 0;
        // Named references, not structured bindings: clang 14 cannot capture a binding in CAPTURE's lambda.
        for (const auto& entry : golden_cases()) {
            const std::string& name = entry.first;
            const std::filesystem::path& path = entry.second;
            CAPTURE(name);
            const std::string file = read_file(path);
            thidua::campaign c;
            try {
                c = thidua::read_campaign(file, name, "/campaign");
            } catch (const thidua::error&) {
                continue;  // a case whose campaign must fail
            }
            ++read;
            const std::string canonical = thidua::to_canonical_json(c);
            CHECK(keys_sorted(json::parse(canonical)));
            CHECK(thidua::to_canonical_json(thidua::read_campaign(canonical)) == canonical);
        }
        CHECK(read >= 20);
    }
}

TEST_CASE("the canonical results read back to the same canonical results") {
    const auto results = results_of(rich_results());
    const std::string canonical = thidua::to_canonical_json(results);
    CHECK_FALSE(has_whitespace_outside_strings(canonical));
    CHECK(keys_sorted(json::parse(canonical)));
    CHECK(thidua::to_canonical_json(thidua::read_results(canonical)) == canonical);
    auto reordered_results = thidua::read_results(reordered(numbers_as_strings(rich_results())));
    CHECK(thidua::to_canonical_json(reordered_results) == canonical);
}

TEST_CASE("the report lists missing results and late reports as warnings") {
    auto c = two_phase_campaign();
    c["criteria"] = parse(R"([{"id": "a", "max_points": 10, "rule": {"kind": "boolean"}},
                              {"id": "b", "max_points": 10, "rule": {"kind": "boolean"}}])");
    c["phases"].as_array()[0].as_object()["criteria"] = parse(R"(["a", "b"])");
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "a", "phase": "p1", "value": true, "submitted": "2024-07-11"},
      {"unit": "u1", "criterion": "a", "phase": "p2", "status": "missing", "submitted": "2025-01-10"},
      {"unit": "u2", "criterion": "a", "phase": "p1", "value": true, "submitted": "2024-07-10"},
      {"unit": "u2", "criterion": "b", "phase": "p1", "value": true},
      {"unit": "u2", "criterion": "a", "phase": "p2", "value": true}
    ])");
    const auto doc = report_json(r);
    const auto u1 = report_unit(doc, "u1");
    const auto& warnings = u1.at("warnings").as_array();
    REQUIRE(warnings.size() == 2);
    CHECK(warnings[0].at("code").as_string() == "missing_result");
    CHECK(warnings[0].at("phase").as_string() == "p1");
    CHECK(warnings[0].at("criterion").as_string() == "b");
    CHECK(warnings[0].at("message").as_string() == "no result for “Criterion 2” (Phase 1): it scores 0");
    CHECK(warnings[1].at("code").as_string() == "late_report");
    CHECK(warnings[1].at("phase").as_string() == "p1");
    CHECK(warnings[1].at("criterion").as_string() == "a");
    CHECK(warnings[1].at("message").as_string() == "the report on “Criterion 1” (Phase 1) came on 2024-07-11, after the due date 2024-07-10");
    CHECK(report_unit(doc, "u2").at("warnings").as_array().empty());  // on the due date is on time
    const auto& statuses = u1.at("statuses").as_object();
    CHECK(statuses.at("p1/a").as_string() == "reported");
    CHECK(statuses.at("p1/b").as_string() == "missing");
    CHECK(statuses.at("p2/a").as_string() == "missing");
    CHECK(u1.at("points").at("p1/a").as_string() == "10.00");
    CHECK(u1.at("points").at("p1/b").as_string() == "0.00");
    CHECK(u1.at("penalty").as_string() == "0.00");  // no late_penalty declared
    CHECK(u1.at("penalty_items").as_array().empty());
}

TEST_CASE("the report books adjustments and the late penalty as items") {
    const auto doc = report_json(score(rich_campaign(), rich_results()));
    const auto bac_hong = report_unit(doc, "bac-hong");
    CHECK(json::serialize(bac_hong.at("bonus_items")) ==
          R"([{"id":"sang-kien","kind":"adjustment","count":2,"points":"2.00"},{"id":"mo-hinh","kind":"exceed","points":"2.00"}])");
    CHECK(json::serialize(bac_hong.at("penalty_items")) ==
          R"([{"id":"late_penalty","kind":"late","count":1,"points":"0.50"}])");
    CHECK(bac_hong.at("bonus").as_string() == "4.00");
    CHECK(bac_hong.at("penalty").as_string() == "0.50");
    const auto hoi = report_unit(doc, "hoi-phu-nu");
    CHECK(hoi.at("statuses").at("gd1/mo-hinh").as_string() == "not_applicable");
    CHECK_FALSE(hoi.at("points").as_object().contains("gd1/mo-hinh"));
}

namespace {

/// two_phase_campaign() with the boolean criteria "a" and "b", each scored in both phases.
json::object two_criteria_campaign() {
    auto c = two_phase_campaign();
    c["criteria"] = parse(R"([{"id": "a", "max_points": 10, "rule": {"kind": "boolean"}},
                              {"id": "b", "max_points": 10, "rule": {"kind": "boolean"}}])");
    c["phases"].as_array()[0].as_object()["criteria"] = parse(R"(["a", "b"])");
    c["phases"].as_array()[1].as_object()["criteria"] = parse(R"(["a", "b"])");
    return c;
}

}  // namespace

TEST_CASE("the late penalty counts each late row, each phase with a late row, or the unit once") {
    auto c = two_criteria_campaign();
    const std::string_view rows = R"([
      {"unit": "u1", "criterion": "a", "phase": "p1", "value": true, "submitted": "2024-07-11"},
      {"unit": "u1", "criterion": "b", "phase": "p1", "value": true, "submitted": "2024-07-12"},
      {"unit": "u1", "criterion": "a", "phase": "p2", "value": true, "submitted": "2025-01-11"},
      {"unit": "u1", "criterion": "b", "phase": "p2", "value": true},
      {"unit": "u2", "criterion": "a", "phase": "p1", "value": true, "submitted": "2024-07-11"},
      {"unit": "u2", "criterion": "b", "phase": "p1", "value": true},
      {"unit": "u2", "criterion": "a", "phase": "p2", "value": true},
      {"unit": "u2", "criterion": "b", "phase": "p2", "value": true}
    ])";
    const auto penalty = [&](std::string_view per, std::string_view unit) {
        c["late_penalty"] = json::object{{"per_report", "0.5"}, {"per", per}};
        const auto r = score_rows(c, rows);
        const auto items = report_unit(report_json(r), unit).at("penalty_items").as_array();
        return json::serialize(items);
    };
    CHECK(penalty("row", "u1") == R"([{"id":"late_penalty","kind":"late","count":3,"points":"1.50"}])");
    CHECK(penalty("phase", "u1") == R"([{"id":"late_penalty","kind":"late","count":2,"points":"1.00"}])");
    CHECK(penalty("unit", "u1") == R"([{"id":"late_penalty","kind":"late","count":1,"points":"0.50"}])");
    CHECK(penalty("unit", "u2") == R"([{"id":"late_penalty","kind":"late","count":1,"points":"0.50"}])");
    c["late_penalty"] = json::object{{"per_report", "0.5"}, {"per", "phase"}};
    const auto r = score_rows(c, rows);
    CHECK(thidua::explain(r, r.unit_index("u1"), thidua::language::vi).prose().find(
              "Nộp báo cáo muộn (tính theo giai đoạn): 2 × 0,5 = 1,00") != std::string::npos);
    CHECK(r.data().inputs.late.size() == 4);  // every late row is still a warning
    // "row" is the default and is left out of the canonical campaign: a campaign written before "per" keeps its
    // fingerprint.
    c["late_penalty"] = json::object{{"per_report", "0.5"}, {"per", "row"}};
    auto without = c;
    without["late_penalty"] = json::object{{"per_report", "0.5"}};
    CHECK(thidua::to_canonical_json(campaign_of(c)) == thidua::to_canonical_json(campaign_of(without)));
}

TEST_CASE("an interim review leaves a running phase's slots without rows pending, not 0, and says so") {
    auto c = two_criteria_campaign();
    auto doc = results_doc(parse(R"([{"unit": "u1", "criterion": "a", "phase": "p1", "value": true},
                                     {"unit": "u1", "criterion": "b", "phase": "p1", "value": false},
                                     {"unit": "u1", "criterion": "a", "phase": "p2", "value": true},
                                     {"unit": "u2", "criterion": "a", "phase": "p1", "value": true}])").as_array());
    const auto final_review = score(c, doc);
    CHECK(final_review.total(final_review.unit_index("u1")) == 50_d);  // p2's b counts 0: (0.6 × 50 + 0.4 × 50)
    doc["as_of"] = "2024-09-30";  // p1 ended, p2 runs until 2024-12-31
    const auto interim = score(c, doc);
    const auto u1 = interim.unit_index("u1"), u2 = interim.unit_index("u2");
    CHECK(interim.status(1, u1, 1) == thidua::slot_status::pending);
    CHECK(interim.status(0, u2, 1) == thidua::slot_status::absent);  // p1 has ended: its missing row is 0
    CHECK(interim.total(u1) == 70_d);  // 0.6 × 50 + 0.4 × 100: p2 scored on what it has
    // p2 has nothing to score yet for u2: the weights are re-normalised over p1 alone (finally it would be 30).
    CHECK(interim.total(u2) == 50_d);
    CHECK(final_review.total(final_review.unit_index("u2")) == 30_d);
    const auto json = report_json(interim);
    CHECK(json.at("as_of").as_string() == "2024-09-30");
    CHECK(report_unit(json, "u1").at("statuses").at("p2/b").as_string() == "pending");
    CHECK(report_unit(json, "u1").at("warnings").as_array().empty());  // a pending slot is no missing result
    CHECK(thidua::explain(interim, u1, thidua::language::vi).prose().find(
              "Tiêu chí 2: chưa có kết quả, giai đoạn chưa kết thúc → chưa tính") != std::string::npos);
    CHECK(thidua::to_canonical_json(results_of(doc)).rfind(R"({"as_of":"2024-09-30",)", 0) == 0);
    CHECK_FALSE(report_json(final_review).contains("as_of"));
}

TEST_CASE("the cluster summary counts classes and gives the mean and median totals and the goals") {
    auto c = with_criteria(R"([{"id": "a", "max_points": 100, "rule": {"kind": "manual"}}])");
    c["clusters"] = parse(R"([{"id": "c1", "name": "Cụm 1"}, {"id": "c2", "name": "Cụm 2"}])");
    c["units"] = communes({"u1", "u2", "u3", "u4"}, "c1");
    for (auto& u : communes({"v1", "v2", "v3"}, "c2")) c["units"].as_array().push_back(u);
    c["classes"] = parse(R"([{"id": "xs", "min_score": 90}, {"id": "tot", "min_score": 80}, {"id": "ht", "min_score": 50},
                             {"id": "kht"}])");
    c["cluster_goals"] = parse(R"([{"id": "tot-tro-len", "title": "Tốt trở lên", "class_at_least": "tot", "min_share": "0.5"},
                                   {"id": "ht-ca-cum", "title": "Cả cụm hoàn thành", "class_at_least": "ht", "min_share": 1}])");
    const auto r = score_rows(c, R"([
      {"unit": "u1", "criterion": "a", "value": 95}, {"unit": "u2", "criterion": "a", "value": 85},
      {"unit": "u3", "criterion": "a", "value": 60}, {"unit": "u4", "criterion": "a", "value": 40},
      {"unit": "v1", "criterion": "a", "value": 90}, {"unit": "v2", "criterion": "a", "value": 70},
      {"unit": "v3", "criterion": "a", "value": "70.01"}
    ])");
    const auto clusters = report_json(r).at("clusters").as_array();
    REQUIRE(clusters.size() == 2);
    const auto& c1 = clusters[0].as_object();
    CHECK(c1.at("id").as_string() == "c1");
    CHECK(c1.at("name").as_string() == "Cụm 1");
    CHECK(c1.at("units").as_int64() == 4);
    CHECK(json::serialize(c1.at("class_counts")) == R"({"xs":1,"tot":1,"ht":1,"kht":1})");
    CHECK(c1.at("class_shares").at("xs").as_string() == "0.2500");
    CHECK(c1.at("mean_total").as_string() == "70.00");
    CHECK(c1.at("median_total").as_string() == "72.50");  // (85 + 60) / 2
    const auto& g1 = c1.at("goals").as_array();
    REQUIRE(g1.size() == 2);
    CHECK(g1[0].at("id").as_string() == "tot-tro-len");
    CHECK(g1[0].at("share").as_string() == "0.5000");
    CHECK(g1[0].at("met").as_bool());
    CHECK(g1[1].at("share").as_string() == "0.7500");
    CHECK_FALSE(g1[1].at("met").as_bool());
    const auto& c2 = clusters[1].as_object();
    CHECK(c2.at("units").as_int64() == 3);
    CHECK(json::serialize(c2.at("class_counts")) == R"({"xs":1,"tot":0,"ht":2,"kht":0})");
    CHECK(c2.at("class_shares").at("ht").as_string() == "0.6667");
    CHECK(c2.at("mean_total").as_string() == "76.67");    // 230.01 / 3
    CHECK(c2.at("median_total").as_string() == "70.01");
    const auto& g2 = c2.at("goals").as_array();
    CHECK(g2[0].at("share").as_string() == "0.3333");
    CHECK_FALSE(g2[0].at("met").as_bool());
    CHECK(g2[1].at("share").as_string() == "1.0000");
    CHECK(g2[1].at("met").as_bool());
    // The same values for a C++ user, without the JSON: the writer only writes them.
    const auto summaries = r.clusters();
    REQUIRE(summaries.size() == 2);
    CHECK(summaries[0].class_counts == std::vector<std::int64_t>{1, 1, 1, 1});
    CHECK(summaries[0].median_total == 72.5_d);
    CHECK(summaries[1].mean_total == 76.67_d);
    CHECK(summaries[1].class_shares[2] == 0.6667_d);
    CHECK((summaries[0].goals[0].met && !summaries[0].goals[1].met && !summaries[1].goals[0].met));
    CHECK(summaries[1].goals[1].share == 1_d);
    CHECK(r.award_totals().awards.empty());
}

TEST_CASE("the cluster summary counts the awards its units received and their cash") {
    auto c = rich_campaign();
    const auto r = score(c, rich_results());
    const auto doc = report_json(r);
    const auto& money = r.award_totals();
    REQUIRE(money.awards.size() == r.campaign().awards.size());
    thidua::decimal sum;
    std::int64_t receivers = 0;
    for (std::size_t a = 0; a < money.awards.size(); ++a) {
        const auto& t = money.awards[a];
        const auto& json_award = doc.at("award_cash").at("awards").at(r.campaign().awards[a].id);
        CHECK(json_award.at("receivers").as_int64() == t.receivers);
        CHECK(json_award.at("total").as_string() == t.total.to_string());
        sum += t.total;
        receivers += t.receivers;
    }
    CHECK(money.total == sum);
    std::int64_t counted = 0;
    thidua::decimal cash;
    for (const auto& s : r.clusters()) {
        for (const auto n : s.award_counts) counted += n;
        cash += s.award_cash;
    }
    CHECK(counted == receivers);
    CHECK(cash == money.total);
    CHECK(receivers > 0);
}

TEST_CASE("report accessors refuse an unknown unit id") {
    const auto r = score(minimal_campaign(), results_doc());
    CHECK(r.unit_index("u2") == 1);
    CHECK_THROWS_AS(r.unit_index("u9"), thidua::reference_error);
}

TEST_CASE("a cluster without units has an empty summary") {
    auto c = minimal_campaign();
    c["clusters"].as_array().push_back(json::object{{"id", "c2"}, {"name", "Cụm trống"}});
    const auto clusters = report_json(score(c, results_doc())).at("clusters").as_array();
    REQUIRE(clusters.size() == 2);
    CHECK(clusters[1].at("units").as_int64() == 0);
    CHECK(clusters[1].at("mean_total").is_null());
    CHECK(clusters[1].at("median_total").is_null());
    CHECK(clusters[1].at("class_shares").at("ht").as_string() == "0.0000");
}

// A numeric attribute is canonical as a number in its shortest form; a text attribute keeps its text, even when it
// reads as a number (it may be a code such as "007"). See docs/semantics.md.
TEST_CASE("a numeric attribute is canonical in its shortest form and a text attribute keeps its text") {
    auto written_050 = minimal_campaign();
    auto written_05 = minimal_campaign();
    auto as_text = minimal_campaign();
    written_050["units"].as_array()[0].as_object()["attributes"] = parse(R"({"women_share": 0.50})");
    written_05["units"].as_array()[0].as_object()["attributes"] = parse(R"({"women_share": 0.5})");
    as_text["units"].as_array()[0].as_object()["attributes"] = parse(R"({"women_share": "0.50"})");
    const auto canonical = thidua::to_canonical_json(campaign_of(written_050));
    CHECK(canonical == thidua::to_canonical_json(campaign_of(written_05)));
    CHECK(canonical.find(R"("women_share":0.5})") != std::string::npos);
    CHECK(thidua::to_canonical_json(campaign_of(as_text)).find(R"("women_share":"0.50"})") != std::string::npos);
}

// Lifetimes by construction: what would read a temporary's memory does not compile, and what compiles keeps what
// it reads alive (ASan runs these too).
template <class R>
concept reads_campaign = requires(R&& r) { std::forward<R>(r).campaign(); };
template <class R>
concept reads_cluster_ranking = requires(R&& r) { std::forward<R>(r).cluster_ranking(0); };
template <class R>
concept reads_results = requires(R&& r) { std::forward<R>(r).results(); };
static_assert(reads_campaign<const thidua::report&> && !reads_campaign<thidua::report> &&
              !reads_campaign<const thidua::report>);
static_assert(reads_cluster_ranking<const thidua::report&> && !reads_cluster_ranking<thidua::report>);
static_assert(reads_results<const thidua::report&> && !reads_results<thidua::report>);
static_assert(reads_campaign<const thidua::plan&> && !reads_campaign<thidua::plan>);

TEST_CASE("a report keeps its plan and results alive after they go out of scope") {
    const thidua::report r = [] {
        const thidua::plan plan(campaign_of(rich_campaign()));
        return thidua::score(plan, results_of(rich_results()));
    }();
    CHECK(r.campaign().id == "hong-linh-2024");
    CHECK(r.results().rows.size() == results_of(rich_results()).rows.size());
    CHECK(r.cluster_ranking(0).order.size() == 2);
    CHECK(to_json(r) == to_json(thidua::score(campaign_of(rich_campaign()), results_of(rich_results()))));
}

TEST_CASE("a plan refuses a campaign that fails validation") {
    auto c = campaign_of(rich_campaign());
    c.phases[0].weight = thidua::decimal::from_micros(5'000'000);  // weights sum to 5.4
    CHECK_THROWS_WITH_AS(thidua::plan{c}, doctest::Contains("weights"), thidua::validation_error);
    CHECK_THROWS_AS((void)thidua::score(c, results_of(rich_results())), thidua::validation_error);
}

TEST_CASE("a report scored from arrays keeps them alive through its owner") {
    const thidua::plan plan(campaign_of(rich_campaign()));
    const thidua::report r = [&] {
        std::vector<thidua::block> blocks;
        auto values = std::make_shared<std::vector<std::vector<std::int64_t>>>();
        for (std::size_t p = 0; p < plan.phases(); ++p) {
            values->emplace_back(plan.units() * plan.compiled().criteria_in(p), 0);
            blocks.push_back({values->back().data()});
        }
        (*values)[0][0] = 1'000'000;  // bac-hong's phat-dong: done
        return thidua::score_arrays(plan, blocks, {}, values);
    }();
    CHECK(r.points(0, 0, 0) == 10_d);  // read from the arrays, after the scope that made them
    CHECK(r.status(0, 0, 0) == thidua::slot_status::reported);
}

TEST_CASE("a report's units can be walked as views in report order") {
    const auto r = score(rich_campaign(), rich_results());
    std::vector<std::string> ids;
    std::size_t position = 0;
    for (const auto& u : r.unit_views()) {
        CHECK(u.total == r.total(u.index));
        CHECK(u.cluster_rank == r.cluster_rank(u.index));
        CHECK(u.class_id == r.campaign().classes[r.class_of(u.index)].id);
        CHECK(u.awards.size() == static_cast<std::size_t>(std::count_if(
                                     r.campaign().awards.begin(), r.campaign().awards.end(),
                                     [&](const auto& a) { return r.has_award(u.index, static_cast<std::size_t>(&a - r.campaign().awards.data())); })));
        CHECK(u.index == r.data().by_cluster.order[position++]);
        ids.emplace_back(u.id);
    }
    CHECK(r.unit_views().size() == r.units());
    // The same order as the report document's units.
    std::vector<std::string> json_ids;
    const auto doc = report_json(r);
    for (const auto& u : doc.at("units").as_array()) json_ids.emplace_back(u.at("id").as_string());
    CHECK(ids == json_ids);
}

TEST_CASE("a result value built without its text is written as its number says") {
    CHECK(thidua::result_value{7.5_d, false, {}}.written() == "7.5");
    CHECK(thidua::result_value{1_d, true, {}}.written() == "true");
    CHECK(thidua::result_value{7.5_d, false, "7,50"}.written() == "7,50");
}

// Diffs between runs (thidua/analysis/diff.hpp) on the Hồng Lĩnh example: a changed value changes exactly its slot,
// phase, total, ranks and awards; a changed campaign key is named by its pointer; result rows added, removed and
// changed are listed; saved report documents give the same units.

#include <doctest/doctest.h>

#include <algorithm>

#include "test_paths.hpp"
#include "thidua.hpp"

namespace {

const std::string example = std::string(THIDUA_EXAMPLES_DIR) + "/hong-linh-dot-dac-biet-2024/";

thidua::campaign hong_linh() { return thidua::read_campaign_file(example + "campaign.json"); }
thidua::results hong_linh_results() { return thidua::read_results_file(example + "results.json"); }

thidua::result_row& row_of(thidua::results& r, std::string_view unit, std::string_view criterion,
                           std::string_view phase) {
    const auto it = std::find_if(r.rows.begin(), r.rows.end(), [&](const thidua::result_row& row) {
        return row.unit == unit && row.criterion == criterion && row.phase == phase;
    });
    REQUIRE(it != r.rows.end());
    return *it;
}

/// Đậu Liêu reports 4 models in the second phase instead of being exempt.
thidua::results dau_lieu_reports_models() {
    auto r = hong_linh_results();
    auto& row = row_of(r, "dau-lieu", "mo-hinh", "gd2");
    row.status = thidua::result_status::reported;
    row.value = thidua::result_value{thidua::decimal::from_int(4), false, "4", false};
    return r;
}

const thidua::unit_diff* unit_of(const thidua::report_diff& d, std::string_view id) {
    for (const auto& u : d.units) {
        if (u.id == id) return &u;
    }
    return nullptr;
}

thidua::decimal dec(const char* text) { return *thidua::decimal::parse(text); }

}  // namespace

TEST_CASE("the same campaign and results give an empty diff") {
    const auto before = thidua::score(hong_linh(), hong_linh_results());
    const auto after = thidua::score(hong_linh(), hong_linh_results());
    const auto d = thidua::diff(before, after);
    CHECK(d.empty());
    CHECK(d.units.empty());
    CHECK(d.inputs_compared);
    CHECK_FALSE(d.campaign_sha256.changed());
    CHECK_FALSE(d.results_sha256.changed());
    CHECK(d.campaign_changes.empty());
    CHECK(d.result_rows.empty());
}

TEST_CASE("a changed value changes its slot phase total class ranks and awards and lists its row") {
    // Nam Hồng reports 9 articles instead of 5 in the second phase: it passes Trung Lương (tied at 96.67 before),
    // takes its place in the quota of xuat-sac and its bang-khen; Hội LHPN moves down one overall rank.
    auto revised = hong_linh_results();
    row_of(revised, "nam-hong", "tuyen-truyen", "gd2").value = thidua::result_value{thidua::decimal::from_int(9), false, "9", false};
    const auto d = thidua::diff(thidua::score(hong_linh(), hong_linh_results()), thidua::score(hong_linh(), revised));
    CHECK_FALSE(d.empty());
    CHECK(d.precision == 2);
    CHECK_FALSE(d.campaign_sha256.changed());
    CHECK(d.results_sha256.changed());
    CHECK(d.campaign_changes.empty());
    REQUIRE(d.units.size() == 3);
    CHECK(d.units[0].id == "nam-hong");
    CHECK(d.units[1].id == "trung-luong");
    CHECK(d.units[2].id == "hoi-lhpn");

    const auto& nam_hong = d.units[0];
    CHECK(nam_hong.presence == thidua::unit_presence::both);
    REQUIRE(nam_hong.slots.size() == 1);
    CHECK(nam_hong.slots[0].phase == "gd2");
    CHECK(nam_hong.slots[0].criterion == "tuyen-truyen");
    CHECK(nam_hong.slots[0].points.before == dec("5"));
    CHECK(nam_hong.slots[0].points.after == dec("9"));
    CHECK_FALSE(nam_hong.slots[0].status.changed());
    REQUIRE(nam_hong.phases.size() == 1);
    CHECK(nam_hong.phases[0].score.before == dec("91.67"));
    CHECK(nam_hong.phases[0].score.after == dec("98.33"));
    CHECK(nam_hong.base.after == dec("99.33"));
    CHECK_FALSE(nam_hong.bonus.changed());
    CHECK_FALSE(nam_hong.penalty.changed());
    CHECK(nam_hong.total.before == dec("96.67"));
    CHECK(nam_hong.total.after == dec("99.33"));
    CHECK(nam_hong.class_id.before == "tot");
    CHECK(nam_hong.class_id.after == "xuat-sac");
    CHECK(nam_hong.cluster_rank.before == 4);
    CHECK(nam_hong.cluster_rank.after == 3);
    CHECK(nam_hong.overall_rank.before == 6);
    CHECK(nam_hong.overall_rank.after == 4);
    CHECK(nam_hong.awards_gained == std::vector<std::string>{"bang-khen"});
    CHECK(nam_hong.awards_lost.empty());

    const auto& trung_luong = d.units[1];
    CHECK(trung_luong.slots.empty());
    CHECK(trung_luong.phases.empty());
    CHECK_FALSE(trung_luong.total.changed());
    CHECK(trung_luong.class_id.after == "tot");
    CHECK(trung_luong.cluster_rank.after == 4);
    CHECK(trung_luong.overall_rank.after == 6);
    CHECK(trung_luong.awards_lost == std::vector<std::string>{"bang-khen"});
    CHECK(d.units[2].overall_rank.before == 4);
    CHECK(d.units[2].overall_rank.after == 5);

    REQUIRE(d.result_rows.size() == 1);
    const auto& row = d.result_rows[0];
    CHECK(row.kind == thidua::row_change_kind::changed);
    CHECK(row.unit == "nam-hong");
    CHECK(row.criterion == "tuyen-truyen");
    CHECK(row.phase == "gd2");
    CHECK(row.fields == std::vector<std::string>{"value"});
}

TEST_CASE("a changed status shows the slot's status and points on both sides") {
    // Đậu Liêu reports 4 of the 5 models it registered for the second phase instead of being exempt: 24 points
    // (4/5 of 30), no exceed bonus, and a lower total than the exemption gave.
    const auto d = thidua::diff(thidua::score(hong_linh(), hong_linh_results()),
                                thidua::score(hong_linh(), dau_lieu_reports_models()));
    REQUIRE(d.units.size() == 1);
    const auto& u = d.units[0];
    CHECK(u.id == "dau-lieu");
    REQUIRE(u.slots.size() == 1);
    CHECK(u.slots[0].phase == "gd2");
    CHECK(u.slots[0].criterion == "mo-hinh");
    CHECK(u.slots[0].status.before == "exempt");
    CHECK(u.slots[0].status.after == "reported");
    CHECK_FALSE(u.slots[0].points.before.has_value());
    CHECK(u.slots[0].points.after == dec("24"));
    CHECK(u.bonus.after == dec("0"));
    CHECK(u.total.before == dec("82.2"));
    CHECK(u.total.after == dec("80.2"));
    CHECK_FALSE(u.class_id.changed());
    CHECK_FALSE(u.cluster_rank.changed());
    REQUIRE(d.result_rows.size() == 1);
    CHECK(d.result_rows[0].fields == std::vector<std::string>{"status", "value"});
}

TEST_CASE("a changed campaign key is named by its pointer with ids for positions") {
    auto changed = hong_linh();
    const auto it = std::find_if(changed.criteria.begin(), changed.criteria.end(),
                                 [](const thidua::criterion& c) { return c.id == "mo-hinh"; });
    REQUIRE(it != changed.criteria.end());
    it->rule.target = thidua::decimal::from_int(4);
    const auto before = thidua::score(hong_linh(), hong_linh_results());
    const auto after = thidua::score(changed, hong_linh_results());
    const auto d = thidua::diff(before, after);
    CHECK(d.campaign_sha256.changed());
    CHECK_FALSE(d.results_sha256.changed());
    CHECK(d.campaign_changes == std::vector<std::string>{"/criteria/mo-hinh/rule/target"});
    CHECK(d.result_rows.empty());
    CHECK_FALSE(d.units.empty());
}

TEST_CASE("result rows added and removed are listed") {
    // Đậu Liêu's second-phase articles located by a date in the phase rather than by the phase: the same slot and
    // the same points, but another row (rows are matched by unit, criterion, phase and date as written).
    auto changed = hong_linh_results();
    auto& row = row_of(changed, "dau-lieu", "tuyen-truyen", "gd2");
    row.phase.clear();
    row.on = thidua::date::from_ymd(2024, 9, 15);
    const auto d = thidua::diff(thidua::score(hong_linh(), hong_linh_results()), thidua::score(hong_linh(), changed));
    CHECK(d.units.empty());
    CHECK(d.results_sha256.changed());
    CHECK_FALSE(d.empty());
    REQUIRE(d.result_rows.size() == 2);
    CHECK(d.result_rows[0].kind == thidua::row_change_kind::added);
    CHECK(d.result_rows[0].unit == "dau-lieu");
    CHECK(d.result_rows[0].criterion == "tuyen-truyen");
    CHECK(d.result_rows[0].phase.empty());
    CHECK(d.result_rows[0].date == "2024-09-15");
    CHECK(d.result_rows[1].kind == thidua::row_change_kind::removed);
    CHECK(d.result_rows[1].phase == "gd2");
    CHECK(d.result_rows[1].date.empty());
}

TEST_CASE("saved report documents give the units of the reports and their fingerprints only") {
    const auto before = thidua::score(hong_linh(), hong_linh_results());
    auto revised = dau_lieu_reports_models();
    row_of(revised, "nam-hong", "tuyen-truyen", "gd2").value = thidua::result_value{thidua::decimal::from_int(9), false, "9", false};
    const auto after = thidua::score(hong_linh(), revised);
    const auto from_reports = thidua::diff(before, after);
    REQUIRE(from_reports.units.size() == 4);
    const auto from_documents = thidua::diff_documents(thidua::to_json(before), thidua::to_json(after));
    CHECK_FALSE(from_documents.inputs_compared);
    CHECK(from_documents.results_sha256.changed());
    REQUIRE(from_documents.units.size() == from_reports.units.size());
    for (std::size_t i = 0; i < from_reports.units.size(); ++i) {
        const auto& doc = from_documents.units[i];
        const auto& rep = from_reports.units[i];
        CHECK(doc.id == rep.id);
        CHECK(doc.name == rep.name);
        CHECK(doc.cluster == rep.cluster);
        REQUIRE(doc.slots.size() == rep.slots.size());
        for (std::size_t k = 0; k < doc.slots.size(); ++k) {
            CHECK(doc.slots[k].phase == rep.slots[k].phase);
            CHECK(doc.slots[k].criterion == rep.slots[k].criterion);
            CHECK(doc.slots[k].points.before == rep.slots[k].points.before);
            CHECK(doc.slots[k].points.after == rep.slots[k].points.after);
            CHECK(doc.slots[k].status.before == rep.slots[k].status.before);
            CHECK(doc.slots[k].status.after == rep.slots[k].status.after);
        }
        REQUIRE(doc.phases.size() == rep.phases.size());
        for (std::size_t k = 0; k < doc.phases.size(); ++k) {
            CHECK(doc.phases[k].score.before == rep.phases[k].score.before);
            CHECK(doc.phases[k].score.after == rep.phases[k].score.after);
        }
        for (auto field : {&thidua::unit_diff::base, &thidua::unit_diff::bonus, &thidua::unit_diff::penalty,
                           &thidua::unit_diff::total}) {
            CHECK((doc.*field).before == (rep.*field).before);
            CHECK((doc.*field).after == (rep.*field).after);
        }
        CHECK(doc.class_id.before == rep.class_id.before);
        CHECK(doc.class_id.after == rep.class_id.after);
        CHECK(doc.cluster_rank.after == rep.cluster_rank.after);
        CHECK(doc.overall_rank.after == rep.overall_rank.after);
        CHECK(doc.awards_gained == rep.awards_gained);
        CHECK(doc.awards_lost == rep.awards_lost);
    }
    CHECK(from_documents.result_rows.empty());
    CHECK(thidua::diff_documents(thidua::to_json(before), thidua::to_json(before)).empty());
    CHECK_THROWS_AS((void)thidua::diff_documents("{\"thidua\": 1}", thidua::to_json(after)), thidua::schema_error);
    CHECK_THROWS_AS((void)thidua::diff_documents("{", thidua::to_json(after)), thidua::parse_error);
    try {  // the first document's error first
        (void)thidua::diff_documents("{}", "{}", "old.json", "new.json");
        FAIL("no error");
    } catch (const thidua::schema_error& e) {
        CHECK(e.where().document == "old.json");
    }
}

TEST_CASE("a unit only in one report is listed as added or removed") {
    auto fewer = hong_linh();
    fewer.units.erase(std::find_if(fewer.units.begin(), fewer.units.end(),
                                   [](const thidua::unit& u) { return u.id == "ldld"; }));
    auto results = hong_linh_results();
    std::erase_if(results.rows, [](const thidua::result_row& row) { return row.unit == "ldld"; });
    std::erase_if(results.votes, [](const thidua::vote& v) { return v.unit == "ldld"; });
    std::erase_if(results.events, [](const thidua::event& e) { return e.unit == "ldld"; });
    const auto d = thidua::diff(thidua::score(hong_linh(), hong_linh_results()), thidua::score(fewer, results));
    const auto* gone = unit_of(d, "ldld");
    REQUIRE(gone != nullptr);
    CHECK(gone->presence == thidua::unit_presence::removed);
    CHECK(d.units.back().id == "ldld");
    CHECK(std::find(d.campaign_changes.begin(), d.campaign_changes.end(), "/units/ldld") != d.campaign_changes.end());
    const auto back = thidua::diff(thidua::score(fewer, results), thidua::score(hong_linh(), hong_linh_results()));
    CHECK(unit_of(back, "ldld")->presence == thidua::unit_presence::added);
}

TEST_CASE("a changed note alone makes the diff non-empty with no unit changed") {
    auto noted = hong_linh_results();
    row_of(noted, "dau-lieu", "tuyen-truyen", "gd2").note = "Báo cáo bổ sung";
    const auto d = thidua::diff(thidua::score(hong_linh(), hong_linh_results()), thidua::score(hong_linh(), noted));
    CHECK(d.units.empty());
    CHECK(d.results_sha256.changed());
    CHECK_FALSE(d.empty());
    REQUIRE(d.result_rows.size() == 1);
    CHECK(d.result_rows[0].fields == std::vector<std::string>{"note"});
}

TEST_CASE("events and votes added, removed and changed are listed") {
    const thidua::plan plan(hong_linh());
    auto after = hong_linh_results();
    REQUIRE(after.events.size() >= 2);
    REQUIRE(after.votes.size() >= 2);
    after.events[0].count += 1;                  // bac-hong's sang-kien: 1 → 2
    after.events.erase(after.events.begin() + 1);  // duc-thuan's sang-kien
    thidua::event added = after.events[0];
    added.unit = "nam-hong";
    added.count = 1;
    after.events.push_back(added);
    after.votes[0].yes += 1;                     // bac-hong's vote on every award
    const auto d = thidua::diff(thidua::score(plan, hong_linh_results()), thidua::score(plan, after));
    CHECK_FALSE(d.empty());
    CHECK(d.result_rows.empty());
    REQUIRE(d.events.size() == 3);
    CHECK((d.events[0].unit == "bac-hong" && d.events[0].id == "sang-kien"));
    CHECK(d.events[0].kind == thidua::row_change_kind::changed);
    CHECK(d.events[0].fields == std::vector<std::string>{"count"});
    CHECK((d.events[1].unit == "nam-hong" && d.events[1].kind == thidua::row_change_kind::added));
    CHECK((d.events[2].unit == "duc-thuan" && d.events[2].kind == thidua::row_change_kind::removed));
    REQUIRE(d.votes.size() == 1);
    CHECK((d.votes[0].unit == "bac-hong" && d.votes[0].id.empty()));
    CHECK(d.votes[0].fields == std::vector<std::string>{"yes"});
}

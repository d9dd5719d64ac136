// Explanations from C++: the same sentences the Python suite checks, and structured fields in plain decimals.

#include <doctest/doctest.h>

#include <algorithm>

#include "builders.hpp"
#include "golden.hpp"
#include "thidua.hpp"
#include "thidua/detail/texts.hpp"

namespace {

thidua::report golden_report(const std::string& name) {
    const auto path = thidua_test::golden_cases().at(name);
    const std::string text = thidua_test::read_file(path);
    return thidua::score(thidua::read_campaign(text, name, "/campaign"), thidua::read_results(text, name, "/results"));
}

bool has_line(const thidua::explanation& e, const std::string& text) {
    return std::any_of(e.steps.begin(), e.steps.end(), [&](const auto& s) { return s.text == text; });
}

}  // namespace

TEST_CASE("a linear ratio is explained with its inputs in Vietnamese and English") {
    const auto r = golden_report("01-ratio-linear.json");
    const auto u = r.unit_index("tốt-động");
    const auto en = thidua::explain(r, u, thidua::language::en);
    const auto vi = thidua::explain(r, u, thidua::language::vi);
    CHECK(has_line(en, "Quỹ Vì người nghèo: 7 of a target of 9 (77.78%) → 7.78 of 10 points, linear credit"));
    CHECK(has_line(vi, "Quỹ Vì người nghèo: đạt 7/9 chỉ tiêu (77,78 %) → 7,78/10 điểm, tính theo tỷ lệ"));
    const auto& step = *std::find_if(en.steps.begin(), en.steps.end(), [](const auto& s) { return s.step == "points"; });
    CHECK(step.points == "7.78");
    CHECK(step.max == "10");
    CHECK(step.subject == "quy");
    CHECK(en.steps.front().points == "77.80");
    CHECK(vi.prose().rfind("Xã Tốt Động (Cụm thi đua số 2): tổng điểm 77,80, xếp hạng 3/3 trong cụm", 0) == 0);
}

TEST_CASE("bands exceed bonuses and group caps are explained") {
    const auto r4 = golden_report("04-bands.json");
    CHECK(has_line(thidua::explain(r4, r4.unit_index("trần-phú"), thidua::language::en),
                   "Xây, sửa nhà (2 đến 4 hộ): 0 is below every band (the lowest is at least 1) → 0.00 of 20 points"));
    CHECK(has_line(thidua::explain(r4, r4.unit_index("hữu-văn"), thidua::language::vi),
                   "Đơn thư tồn đọng: 2 trong mức không quá 2 → 6,00/10 điểm"));
    const auto r3 = golden_report("03-ratio-exceed-bonus.json");
    CHECK(has_line(thidua::explain(r3, r3.unit_index("mỹ-lương"), thidua::language::en),
                   "Mô hình điểm: 6 of a target of 2 (300.00%) → 10.00 of 10 points, target met; exceeding by 200.00% "
                   "earns 4 steps of 50% × 0.5, capped at 1.50 = 1.50 bonus points"));
    const auto r14 = golden_report("14-groups-and-registered-targets.json");
    CHECK(has_line(thidua::explain(r14, r14.unit_index("tốt-động"), thidua::language::en),
                   "Group Công tác tuyên truyền is capped at 15.00: points 20.00 → 15.00, max 20.00 → 15.00"));
}

TEST_CASE("a quota refusal and a veto are explained") {
    const auto r = golden_report("15-class-share-of-veto-met-share.json");
    const auto tot_dong = thidua::explain(r, r.unit_index("tốt-động"), thidua::language::en);
    CHECK(has_line(tot_dong, "Not “Hoàn thành xuất sắc nhiệm vụ”: qualifies, but the class is capped at 20% (1 of 8 "
                             "units qualifying for “Hoàn thành tốt nhiệm vụ” or higher)"));
    const auto vetoed = thidua::explain(r, r.unit_index("nam-phương-tiến"), thidua::language::vi);
    CHECK(has_line(vetoed, "Chưa đạt «Hoàn thành tốt nhiệm vụ»: chỉ được xếp tối đa «Không hoàn thành nhiệm vụ» do vi phạm"));
}

namespace {

using namespace thidua_test;

/// A block of three wards and a member organisation: a ratio criterion with an exceed bonus, a criterion for the
/// wards only, a class capped at half the block, and a draw for ties.
json::object wording_campaign() {
    auto c = two_phase_campaign();
    c["clusters"] = parse(R"([{"id": "k1", "name": "Khối phường", "kind": "block"}])");
    c["units"] = parse(R"([
      {"id": "u1", "name": "Phường Một", "kind": "ward", "cluster": "k1"},
      {"id": "u2", "name": "Phường Hai", "kind": "ward", "cluster": "k1"},
      {"id": "u3", "name": "Phường Ba", "kind": "ward", "cluster": "k1"},
      {"id": "u4", "name": "Hội Phụ nữ", "kind": "member_org", "cluster": "k1"}
    ])");
    c["unit_kinds"] = parse(R"([{"id": "ward", "title": "Ủy ban MTTQ phường"}, {"id": "member_org", "title": "tổ chức thành viên"}])");
    c["criteria"] = parse(R"([
      {"id": "a", "title": "Tuyên truyền", "max_points": 10, "rule": {"kind": "boolean"}},
      {"id": "m", "title": "Mô hình", "max_points": 10, "applies_to": ["ward"],
       "rule": {"kind": "ratio", "target": 2, "credit": "linear", "exceed": {"step_percent": 50, "points_per_step": 1}}}
    ])");
    c["phases"].as_array()[0].as_object()["criteria"] = parse(R"(["a", "m"])");
    c["phases"].as_array()[1].as_object()["label"] = "Đợt cuối";
    c["classes"] = parse(R"([{"id": "xs", "title": "Xuất sắc", "min_score": 50, "max_share": "0.5"}, {"id": "ht", "title": "Hoàn thành"}])");
    c["tie_breaks"] = parse(R"([{"kind": "lot", "seed": "2024"}])");
    return c;
}

thidua::report wording_report() {
    return score_rows(wording_campaign(), R"([
      {"unit": "u1", "criterion": "a", "phase": "p1", "value": true}, {"unit": "u1", "criterion": "m", "phase": "p1", "value": 2.5},
      {"unit": "u1", "criterion": "a", "phase": "p2", "value": true},
      {"unit": "u2", "criterion": "a", "phase": "p1", "value": true}, {"unit": "u2", "criterion": "m", "phase": "p1", "value": 2.5},
      {"unit": "u2", "criterion": "a", "phase": "p2", "value": true},
      {"unit": "u3", "criterion": "a", "phase": "p1", "value": true}, {"unit": "u3", "criterion": "m", "phase": "p1", "value": 4},
      {"unit": "u3", "criterion": "a", "phase": "p2", "value": true},
      {"unit": "u4", "criterion": "a", "phase": "p1", "value": true}
    ])");
}

}  // namespace

TEST_CASE("each kind of sentence reads naturally in both languages, naming titles and never ids") {
    const auto r = wording_report();
    const auto vi = [&](const char* u) { return thidua::explain(r, r.unit_index(u), thidua::language::vi); };
    const auto en = [&](const char* u) { return thidua::explain(r, r.unit_index(u), thidua::language::en); };
    // A unit kind by its title; exceeding by less than a step says nothing of steps.
    CHECK(has_line(vi("u4"), "Mô hình: không áp dụng cho tổ chức thành viên → không tính"));
    CHECK(has_line(en("u4"), "Mô hình: does not apply to a tổ chức thành viên → left out"));
    CHECK(has_line(vi("u1"), "Mô hình: đạt 2,5/2 chỉ tiêu (125,00 %) → 10,00/10 điểm, hoàn thành chỉ tiêu"));
    CHECK(has_line(vi("u3"), "Mô hình: đạt 4/2 chỉ tiêu (200,00 %) → 10,00/10 điểm, hoàn thành chỉ tiêu; vượt 100,00 % "
                             "được 2 bậc (mỗi bậc 50 %) × 1 = 2,00 điểm thưởng"));
    CHECK(has_line(en("u3"), "Mô hình: 4 of a target of 2 (200.00%) → 10.00 of 10 points, target met; exceeding by "
                             "100.00% earns 2 steps of 50% × 1 = 2.00 bonus points"));
    // Weights summing to 1 divide nothing; a phase by its label ("Đợt cuối") or its number ("Giai đoạn 1").
    CHECK(has_line(vi("u1"), "Điểm chấm: 0,6 × 100,00 + 0,4 × 100,00 = 100,00"));
    CHECK(has_line(en("u1"), "Score: 0.6 × 100.00 + 0.4 × 100.00 = 100.00"));
    CHECK(has_line(vi("u4"), "Lưu ý: chưa có kết quả «Tuyên truyền» (Đợt cuối): tính 0 điểm"));
    CHECK(has_line(en("u4"), "Note: no result for “Tuyên truyền” (Đợt cuối): it scores 0"));
    // A quota in a block says "khối"; a draw is not a hexadecimal key (Phường Một drew the place, Phường Hai not).
    CHECK(has_line(vi("u2"), "Chưa đạt «Xuất sắc»: đủ tiêu chuẩn nhưng vượt tỷ lệ tối đa 50 % (2/4 đơn vị trong khối)"));
    CHECK(has_line(en("u2"), "Not “Xuất sắc”: qualifies, but the class is capped at 50% (2 of 4 units of the block)"));
    CHECK(has_line(vi("u2"), "Bằng 100,00 điểm với Phường Một; phân định bằng bốc thăm"));
    CHECK(has_line(en("u2"), "Tied at 100.00 with Phường Một; decided by drawing lots"));
    CHECK(has_line(vi("u1"), "Xếp hạng 2/4 trong Khối phường; hạng chung 2/4"));
    CHECK(has_line(vi("u4"), "Tuyên truyền: chưa báo cáo → 0/10 điểm"));
    for (const auto& s : vi("u2").steps) CHECK(s.text.find("0x") == std::string::npos);
    // Phase labels and unit kind titles in the catalog's functions.
    const auto& c = r.campaign();
    CHECK(thidua::detail::phase_label(c, 0, thidua::language::vi) == "Giai đoạn 1");
    CHECK(thidua::detail::phase_label(c, 0, thidua::language::en) == "Phase 1");
    CHECK(thidua::detail::phase_label(c, 1, thidua::language::en) == "Đợt cuối");
    CHECK(thidua::detail::tie_break_name(c, c.tie_breaks[0], thidua::language::vi) == "Bốc thăm");
    CHECK(thidua::detail::unit_kind_title(c, "commune").empty());
}

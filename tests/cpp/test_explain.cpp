// Explanations from C++: the same sentences the Python suite checks, and structured fields in plain decimals.

#include <doctest/doctest.h>

#include <algorithm>

#include "golden.hpp"
#include "thidua.hpp"

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
    CHECK(has_line(en, "Quỹ Vì người nghèo: 7 of a target of 9 (77.78 %) → 7.78 of 10 points, linear credit"));
    CHECK(has_line(vi, "Quỹ Vì người nghèo: đạt 7/9 chỉ tiêu (77,78%) → 7,78/10 điểm, tính theo tỷ lệ"));
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
                   "Mô hình điểm: 6 of a target of 2 (300.00 %) → 10.00 of 10 points, target met; exceeding by 200.00 % "
                   "earns 4 steps of 50 % × 0.5, capped at 1.50 = 1.50 bonus points"));
    const auto r14 = golden_report("14-groups-and-registered-targets.json");
    CHECK(has_line(thidua::explain(r14, r14.unit_index("tốt-động"), thidua::language::en),
                   "Group Công tác tuyên truyền is capped at 15.00: points 20.00 → 15.00, max 20.00 → 15.00"));
}

TEST_CASE("a quota refusal and a veto are explained") {
    const auto r = golden_report("15-class-share-of-veto-met-share.json");
    const auto tot_dong = thidua::explain(r, r.unit_index("tốt-động"), thidua::language::en);
    CHECK(has_line(tot_dong, "Not Hoàn thành xuất sắc nhiệm vụ: qualifies, but the quota is filled: at most 1 (0.2 × 8 "
                             "units qualifying for Hoàn thành tốt nhiệm vụ or higher)"));
    const auto vetoed = thidua::explain(r, r.unit_index("nam-phương-tiến"), thidua::language::vi);
    CHECK(has_line(vetoed, "Không đạt Hoàn thành tốt nhiệm vụ: bị giới hạn ở Không hoàn thành nhiệm vụ do vi phạm"));
}

// The legal tables (thidua/model/legal.hpp). Every figure was read in the source it cites (docs/legal.md says how
// each was read and lists what could not be confirmed, which is left out here rather than guessed).

#include "thidua/model/legal.hpp"

#include <algorithm>
#include <vector>

#include "thidua/core/error.hpp"
#include "thidua/model/campaign.hpp"

namespace thidua::legal {

namespace {

date day(int year, unsigned month, unsigned d) { return *date::from_ymd(year, month, d); }

constexpr std::string_view nd91 = "Nghị định 91/2017/NĐ-CP";
constexpr std::string_view nd98 = "Nghị định 98/2023/NĐ-CP";
constexpr std::string_view nd152 = "Nghị định 152/2025/NĐ-CP";
constexpr std::string_view nd91_url =
    "https://beta.thuvienphapluat.vn/phap-luat/tap-the-nhan-duoc-danh-hieu-co-thi-dua-cap-tinh-duoc-nhan-muc-tien-"
    "thuong-bao-nhieu-theo-quy-dinh-110579-97663.html";
constexpr std::string_view nd98_url =
    "https://tintuc.thuvienphapluat.com/thong-bao-van-ban-moi/email/58063/muc-tien-thuong-danh-hieu-thi-dua-tu-ngay-"
    "01-01-2024";
constexpr std::string_view nd152_url =
    "https://dantri.com.vn/noi-vu/muc-tien-thuong-danh-hieu-chien-si-thi-dua-co-so-20251203220710774.htm";

}  // namespace

std::span<const salary> base_salaries() {
    static const std::vector<salary> table = {
        {day(2018, 7, 1), decimal::from_int(1'390'000),
         {"Nghị định 72/2018/NĐ-CP", "",
          "http://chinhsachquandoi.gov.vn/tinbai/1838/Chinh-phu-ban-hanh-Nghi-dinh-quy-dinh-muc-luong-co-so-doi-voi-can-bo-"
          "cong-chuc-vien-chuc-va-luc-luong-vu-trang"}},
        {day(2019, 7, 1), decimal::from_int(1'490'000),
         {"Nghị định 38/2019/NĐ-CP", "", "https://syt.hanam.gov.vn/Pages/chinh-thuc-tang-luong-co-so-tu-172019.aspx"}},
        {day(2023, 7, 1), decimal::from_int(1'800'000),
         {"Nghị định 24/2023/NĐ-CP", "",
          "https://sonoivu.namdinh.gov.vn/hoat-dong-thi-dua-khen-thuong/muc-tien-thuong-cac-danh-hieu-thi-dua-hinh-"
          "thuc-khen-thuong-cua-luat-thi-dua-khen-thuong-theo-mu-298715"}},
        {day(2024, 7, 1), decimal::from_int(2'340'000),
         {"Nghị định 73/2024/NĐ-CP", "Điều 3 khoản 2",
          "http://tintuc.thuvienphapluat.com/thong-bao-van-ban-moi/email/66303/luong-co-so-la-2-34-trieu-dong-ap-dung-"
          "tu-ngay-01-7-2024"}},
    };
    return table;
}

std::span<const decree> decrees() {
    static const std::vector<decree> table = {
        {"nd-91-2017", nd91, day(2017, 10, 1), day(2023, 12, 31), {nd91, "", nd91_url}},
        {"nd-98-2023", nd98, day(2024, 1, 1), day(2025, 6, 30), {nd98, "", nd98_url}},
        {"nd-152-2025", nd152, day(2025, 7, 1), std::nullopt, {nd152, "", nd152_url}},
    };
    return table;
}

std::span<const collective_title> collective_titles() {
    const auto x = [](std::int64_t tenths) { return decimal::from_micros(tenths * 100'000); };
    static const std::vector<collective_title> table = {
        {"nd-91-2017", "co-thi-dua-chinh-phu", "Cờ thi đua của Chính phủ", x(120), {nd91, "Điều 69 khoản 2 điểm d", nd91_url}},
        {"nd-91-2017", "co-thi-dua-tinh", "Cờ thi đua cấp bộ, ban, ngành, tỉnh, đoàn thể trung ương", x(80),
         {nd91, "Điều 69 khoản 2 điểm đ", nd91_url}},
        {"nd-91-2017", "tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc", x(15), {nd91, "Điều 69 khoản 2 điểm a", nd91_url}},
        {"nd-91-2017", "tap-the-lao-dong-tien-tien", "Tập thể Lao động tiên tiến", x(8), {nd91, "Điều 69 khoản 2 điểm b", nd91_url}},
        {"nd-91-2017", "thon-van-hoa", "Thôn văn hóa, Làng văn hóa, Ấp văn hóa, Bản văn hóa, Tổ dân phố văn hóa", x(15),
         {nd91, "Điều 69 khoản 2 điểm c", nd91_url}},
        {"nd-98-2023", "co-thi-dua-chinh-phu", "Cờ thi đua của Chính phủ", x(120), {nd98, "Điều 54", nd98_url}},
        {"nd-98-2023", "co-thi-dua-tinh", "Cờ thi đua của bộ, ban, ngành, tỉnh", x(80), {nd98, "Điều 54", nd98_url}},
        {"nd-98-2023", "tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc, Đơn vị quyết thắng", x(15), {nd98, "Điều 54", nd98_url}},
        {"nd-98-2023", "tap-the-lao-dong-tien-tien", "Tập thể Lao động tiên tiến, Đơn vị tiên tiến", x(8), {nd98, "Điều 54", nd98_url}},
        {"nd-98-2023", "xa-phuong-tieu-bieu", "Xã, phường, thị trấn tiêu biểu", x(20), {nd98, "Điều 54", nd98_url}},
        {"nd-98-2023", "thon-van-hoa", "Thôn, tổ dân phố văn hóa", x(15), {nd98, "Điều 54", nd98_url}},
        {"nd-152-2025", "co-thi-dua-chinh-phu", "Cờ thi đua của Chính phủ", x(120), {nd152, "", nd152_url}},
        {"nd-152-2025", "co-thi-dua-tinh", "Cờ thi đua của bộ, ban, ngành, tỉnh", x(80),
         {nd152, "", "https://www.vietnam.vn/no/muc-tien-thuong-danh-hieu-chien-si-thi-dua-co-so"}},
        {"nd-152-2025", "tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc, Đơn vị quyết thắng", x(15), {nd152, "", nd152_url}},
        {"nd-152-2025", "tap-the-lao-dong-tien-tien", "Tập thể Lao động tiên tiến, Đơn vị tiên tiến", x(8), {nd152, "", nd152_url}},
        {"nd-152-2025", "xa-phuong-tieu-bieu", "Xã, phường, đặc khu tiêu biểu", x(20), {nd152, "", nd152_url}},
        {"nd-152-2025", "thon-van-hoa", "Thôn, tổ dân phố văn hóa", x(15), {nd152, "", nd152_url}},
    };
    return table;
}

const salary* base_salary_on(date when) {
    const salary* found = nullptr;
    for (const auto& s : base_salaries()) {
        if (s.from <= when) found = &s;  // the table runs in date order
    }
    return found;
}

const decree* decree_on(date when) {
    for (const auto& d : decrees()) {
        if (d.from <= when && (!d.until || when <= *d.until)) return &d;
    }
    return nullptr;
}

const collective_title* title_on(std::string_view id, date when) {
    const decree* in_force = decree_on(when);
    if (!in_force) return nullptr;
    for (const auto& t : collective_titles()) {
        if (t.decree == in_force->id && t.id == id) return &t;
    }
    return nullptr;
}

}  // namespace thidua::legal

namespace thidua {

void apply_legal_tables(campaign& c, const std::string& document) {
    const bool titled = std::any_of(c.awards.begin(), c.awards.end(), [](const award_rule& a) { return !a.legal_title.empty(); });
    if (!c.base_salary_legal && !titled) return;
    if (!c.decided) {
        const std::string needs = c.base_salary_legal ? "base_salary \"legal\"" : "an award's legal_title";
        throw validation_error(needs + " follows the legal tables on the day of the award decision: give 'decided'",
                               {document, "/decided", 0, {}});
    }
    if (c.base_salary_legal || (titled && !c.base_salary)) {
        const auto* s = legal::base_salary_on(*c.decided);
        if (!s) {
            throw validation_error("the legal tables have no base salary on " + c.decided->to_string(),
                                   {document, "/decided", 0, {}});
        }
        c.base_salary = s->amount;
        c.base_salary_legal = true;
    }
    for (std::size_t i = 0; i < c.awards.size(); ++i) {
        auto& a = c.awards[i];
        if (a.legal_title.empty() || a.cash || (a.multiplier && !a.legal_multiplier)) continue;  // its own figure wins
        const auto* t = legal::title_on(a.legal_title, *c.decided);
        if (!t) {
            const auto* in_force = legal::decree_on(*c.decided);
            std::string known;
            for (const auto& k : legal::collective_titles()) {
                if (in_force && k.decree == in_force->id) known += (known.empty() ? "" : ", ") + std::string(k.id);
            }
            throw validation_error("no legal title '" + a.legal_title + "' under the decree in force on " +
                                       c.decided->to_string() + (in_force ? " (" + std::string(in_force->title) + ": " + known + ")"
                                                                          : " (the tables know no decree then)"),
                                   {document, "/awards/" + std::to_string(i) + "/legal_title", 0, {}});
        }
        a.multiplier = t->multiplier;
        a.legal_multiplier = true;
    }
}

}  // namespace thidua

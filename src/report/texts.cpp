// Reasons and warnings about a report, in Vietnamese and English. JSON reports use the English texts, which
// name ids; the Vietnamese texts name titles and write decimals with a comma, as Vietnamese documents do.

#include "thidua/detail/texts.hpp"
#include "thidua/detail/report_data.hpp"

#include <algorithm>

#include "thidua/report/report.hpp"

namespace thidua::detail {

namespace {

bool vi(language lang) { return lang == language::vi; }

std::string number(decimal d, language lang) { return format_number(d, lang); }

std::string points(const report& r, decimal d, language lang) { return format_number(d, lang, r.campaign().precision); }

/// A class or award named for the reader: its id in English, its title (or id) in Vietnamese.
template <class T>
std::string name(const T& item, language lang) {
    if (!vi(lang) || item.title.empty()) return item.id;
    return "«" + item.title + "»";
}

void append(std::string& out, const std::string& part) {
    if (!out.empty()) out += "; ";
    out += part;
}

}  // namespace

std::string format_number(decimal d, language lang, int digits, bool group) {
    std::string s = digits < 0 ? d.to_string() : d.to_string(digits);
    const std::size_t point = std::min(s.find('.'), s.size());
    if (group) {
        const std::size_t first = s[0] == '-' ? 1 : 0;
        for (std::size_t i = point; i > first + 3; i -= 3) s.insert(i - 3, 1, ',');
    }
    if (vi(lang)) {
        for (char& ch : s) ch = ch == '.' ? ',' : ch == ',' ? '.' : ch;
    }
    return s;
}

std::string format_date(date d, language lang) {
    if (!vi(lang)) return d.to_string();
    const std::string iso = d.to_string();
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string pair_key(const report& r, std::size_t p, std::size_t c) {
    return r.campaign().phases[p].id + "/" + r.campaign().criteria[c].id;
}

std::string award_reason(const report& r, std::size_t u, std::size_t a, language lang) {
    const auto& c = r.campaign();
    const auto& rule = c.awards[a];
    const std::size_t ua = u * c.awards.size() + a;
    const unsigned why = r.data().awards.refused[ua];
    std::string out;
    if (why & refused_disqualified) append(out, vi(lang) ? "bị truất quyền xét khen thưởng" : "disqualified");
    if (why & refused_class) {
        const auto& held = c.classes[r.class_of(u)];
        const auto& needed = c.classes[static_cast<std::size_t>(r.data().compiled().class_index(rule.min_class))];
        append(out, vi(lang) ? "xếp loại " + name(held, lang) + " thấp hơn yêu cầu " + name(needed, lang)
                             : "class " + held.id + " is below min_class " + needed.id);
    }
    if (why & refused_score) {
        append(out, vi(lang) ? "tổng điểm " + points(r, r.total(u), lang) + " < " + number(*rule.min_score, lang)
                             : "total " + points(r, r.total(u), lang) + " < min_score " + number(*rule.min_score, lang));
    }
    if (why & refused_vote) {
        const auto [yes, of] = r.data().inputs.ballot(u, a, c.awards.size());
        const std::string share = std::to_string(yes) + "/" + std::to_string(of);
        append(out, (vi(lang) ? "tỷ lệ phiếu bầu " : "vote share ") + share + " < " + number(*rule.min_vote_share, lang));
    }
    if (why & refused_no_vote) {
        append(out, vi(lang) ? "không có kết quả bỏ phiếu (cần tỷ lệ phiếu ≥ " + number(*rule.min_vote_share, lang) + ")"
                             : "no vote (min_vote_share " + number(*rule.min_vote_share, lang) + ")");
    }
    if (why & refused_exclusive) {
        const auto& held = c.awards[static_cast<std::size_t>(r.data().awards.exclusive_holder[ua])];
        append(out, vi(lang) ? "đã nhận " + name(held, lang) + " (không nhận đồng thời)"
                             : "already holds exclusive award " + held.id);
    }
    if (why & refused_quota) {
        const std::size_t group = rule.scope == award_scope::overall ? 0 : r.data().compiled().cluster_of(u);
        const std::int64_t quota = r.data().awards.quota[a][group];
        append(out, vi(lang) ? "đã đủ số lượng " + std::to_string(quota) + " đơn vị"
                             : "quota of " + std::to_string(quota) + " filled");
    }
    return out;
}

std::string class_reason(const report& r, std::size_t u, language lang) {
    const std::int32_t k = r.data().classes.refused_by[u];
    if (k < 0) return {};
    const auto& c = r.campaign();
    const auto& cls = c.classes[static_cast<std::size_t>(k)];
    const auto* q = r.data().classes.quota(r.data().compiled().cluster_of(u), static_cast<std::size_t>(k));
    const std::string limit = std::to_string(q->limit), base = std::to_string(q->base);
    const std::string share = number(*cls.max_share, lang);
    if (vi(lang)) {
        const std::string of = cls.share_of.empty()
                                   ? base + " đơn vị của cụm"
                                   : base + " đơn vị đạt " + name(c.classes[static_cast<std::size_t>(r.data().compiled().class_index(cls.share_of))], lang) + " trở lên";
        return "không được xếp " + name(cls, lang) + " vì đã đủ chỉ tiêu: tối đa " + limit + " đơn vị (" + share + " × " + of + ")";
    }
    const std::string of = cls.share_of.empty() ? base + " units of the cluster"
                                                : base + " units qualifying for " + cls.share_of + " or higher";
    return "refused by the quota of " + cls.id + ": at most " + limit + " (floor(" + share + " × " + of + "))";
}

std::vector<warning> unit_warnings(const report& r, std::size_t u, language lang) {
    const auto& c = r.campaign();
    const auto& pl = r.data().compiled();
    std::vector<warning> out;
    for (std::size_t p = 0; p < pl.phases(); ++p) {
        for (std::size_t k = 0; k < pl.criteria_in(p); ++k) {
            if (r.status(p, u, k) != slot_status::absent) continue;
            const std::size_t crit = pl.phase_criteria(p)[k];
            const std::string key = pair_key(r, p, crit);
            out.push_back({"missing_result", c.phases[p].id, c.criteria[crit].id, {},
                           vi(lang) ? "không có kết quả cho " + key + ": tính là thiếu (0 điểm)"
                                    : "no result for " + key + ": counted as missing (0 points)"});
        }
    }
    const auto& all_late = r.data().inputs.late;
    const auto [first, last] = std::equal_range(all_late.begin(), all_late.end(), late_report{static_cast<std::uint32_t>(u), 0, 0},
                                                [](const late_report& a, const late_report& b) { return a.unit < b.unit; });
    for (auto it = first; it != last; ++it) {
        const auto& late = *it;
        const auto& row = r.results().rows[late.row];
        const std::size_t phase = late.phase;
        const std::string key = c.phases[phase].id + "/" + row.criterion;
        const date due = *c.phases[phase].report_due;
        out.push_back({"late_report", c.phases[phase].id, row.criterion, {},
                       vi(lang) ? key + " nộp ngày " + format_date(*row.submitted, lang) + ", sau hạn " + format_date(due, lang)
                                : key + " submitted " + format_date(*row.submitted, lang) + ", after the due date " + format_date(due, lang)});
    }
    if (r.data().classes.tie_admitted[u]) {
        const auto& cls = c.classes[r.class_of(u)];
        out.push_back({"quota_tie", {}, {}, cls.id,
                       vi(lang) ? "được xếp " + name(cls, lang) + " vượt chỉ tiêu vì bằng điểm với đơn vị cuối cùng được xếp"
                                : "admitted to " + cls.id + " past its quota: tied with the last unit admitted"});
    }
    for (std::size_t a = 0; a < c.awards.size(); ++a) {
        if (!r.data().awards.tie_given[u * c.awards.size() + a]) continue;
        out.push_back({"award_tie", {}, {}, c.awards[a].id,
                       vi(lang) ? "nhận " + name(c.awards[a], lang) + " vượt số lượng vì bằng điểm với đơn vị nhận cuối cùng"
                                : "receives " + c.awards[a].id + " beyond its count: tied with the last receiver"});
    }
    return out;
}

std::vector<warning> report_warnings(const report& r, language lang) {
    const auto& c = r.campaign();
    std::vector<warning> out;
    if (!r.data().inputs.votes_given) {
        std::string needs;
        for (const auto& a : c.awards) {
            if (!a.min_vote_share) continue;
            append(needs, vi(lang) ? name(a, lang) + " cần tỷ lệ phiếu đồng ý từ " + number(*a.min_vote_share, lang) +
                                         " nên không đơn vị nào được xét"
                                   : "award '" + a.id + "' needs a vote share of at least " +
                                         number(*a.min_vote_share, lang) + " and goes to no unit");
        }
        for (const auto& t : c.tie_breaks) {
            if (t.kind != tie_break_kind::vote) continue;
            append(needs, vi(lang) ? "tiêu chí phân định «" + t.label() + "» không phân định được đơn vị nào"
                                   : "the tie-break 'vote' separates no units");
        }
        if (!needs.empty()) {
            out.push_back({"no_votes", {}, {}, {},
                           vi(lang) ? "không có kết quả bỏ phiếu: " + needs +
                                          ". Hãy nhập phiếu bầu (bảng unit,award,yes,of hoặc mục votes của kết quả)."
                                    : "no votes were given: " + needs +
                                          ". Give the council's ballots (a votes table unit,award,yes,of, or "
                                          "'votes' in the results)."});
        }
    }
    if (!r.data().inputs.events_given && !c.adjustments.empty()) {
        std::string declared;
        for (const auto& a : c.adjustments) {
            const std::string kind(to_string(a.kind));
            append(declared, vi(lang) ? "«" + (a.title.empty() ? a.id : a.title) + "»" : "'" + a.id + "' (" + kind + ")");
        }
        out.push_back({"no_events", {}, {}, {},
                       vi(lang) ? "không có sự kiện cộng, trừ điểm: " + declared +
                                      " không áp dụng cho đơn vị nào. Hãy nhập các sự kiện (bảng "
                                      "unit,adjustment,count,note hoặc mục events của kết quả); nếu không có sự kiện "
                                      "nào, nhập bảng chỉ có dòng tiêu đề."
                                : "no events were given: the adjustments " + declared +
                                      " apply to no unit. Give the events (an events table unit,adjustment,count,note, "
                                      "or 'events' in the results); if none happened, a table with only its header "
                                      "says so."});
    }
    return out;
}

}  // namespace thidua::detail

// Explanations of a unit's report in Vietnamese and English. Every sentence quotes the numbers the kernel used:
// inputs as written, the rule and its threshold, and the rounded points.

#include "thidua/report/explain.hpp"
#include "thidua/detail/report_data.hpp"

#include "thidua/detail/texts.hpp"

#include <algorithm>

namespace thidua {

namespace {

using namespace detail;

class explainer {
public:
    explainer(const report& r, std::size_t u, language lang)
        : r_(r), c_(r.campaign()), pl_(r.data().compiled()), u_(u), lang_(lang), vi_(lang == language::vi) {}

    explanation run() {
        out_.unit = pl_.unit_list()[u_].id;
        out_.lang = lang_;
        heading();
        for (std::size_t p = 0; p < pl_.phases(); ++p) phase(p);
        base();
        adjustments();
        total();
        classification();
        rank();
        awards();
        warnings();
        return std::move(out_);
    }

private:
    // ---- formatting -------------------------------------------------------------------------------------------
    std::string pts(std::int64_t micros) const {
        return format_number(decimal::from_micros(micros), lang_, c_.precision);
    }
    std::string pts(decimal d) const { return format_number(d, lang_, c_.precision); }
    // Structured fields hold plain decimals ("77.80"), whatever the language of the text.
    std::string fixed(std::int64_t micros) const { return decimal::from_micros(micros).to_string(c_.precision); }
    std::string fixed(decimal d) const { return d.to_string(c_.precision); }
    static std::string plain(decimal d) { return d.to_string(); }
    static std::string plain(std::int64_t micros) { return decimal::from_micros(micros).to_string(); }
    std::string num(decimal d) const { return format_number(d, lang_); }
    std::string num(std::int64_t micros) const { return num(decimal::from_micros(micros)); }
    std::string pct(decimal share) const {  // a share as a percentage with two digits: 0.7778 → 77.78
        return format_number(mul_div(share, decimal::from_int(100), decimal::from_int(1), 2, rounding::half_up), lang_, 2) +
               (vi_ ? "%" : " %");
    }
    std::string ratio_pct(std::int64_t value, std::int64_t target) const {
        const decimal r = mul_div(decimal::from_micros(value), decimal::from_int(100), decimal::from_micros(target), 2,
                                  rounding::half_up);
        return format_number(r, lang_, 2) + (vi_ ? "%" : " %");
    }
    std::string s(const char* vi, const char* en) const { return vi_ ? vi : en; }
    std::string phase_name(std::size_t p) const {
        const auto& ph = c_.phases[p];
        return ph.title.empty() ? ph.id : ph.title;
    }
    /// ", giai đoạn 1" when the campaign has several phases.
    std::string in_phase(std::size_t p) const { return pl_.phases() > 1 ? ", " + lower_first(phase_name(p)) : ""; }
    static std::string lower_first(std::string text) {
        if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
        return text;
    }
    template <class T>
    static std::string title(const T& item) {
        return item.title.empty() ? item.id : item.title;
    }
    std::string unit_name(std::size_t u) const { return title_or_id(pl_.unit_list()[u].name, pl_.unit_list()[u].id); }
    static std::string title_or_id(const std::string& name, const std::string& id) { return name.empty() ? id : name; }
    std::string rounding_words() const {
        switch (c_.rounding_mode) {
            case rounding::half_up: return s("làm tròn", "rounded half up");
            case rounding::half_even: return s("làm tròn về số chẵn", "rounded half to even");
            case rounding::down: return s("làm tròn xuống", "rounded down");
            case rounding::up: return s("làm tròn lên", "rounded up");
        }
        return {};
    }

    explanation_step& add(std::string step, std::string text, int depth = 0) {
        explanation_step e;
        e.step = std::move(step);
        e.text = std::move(text);
        e.depth = depth;
        out_.steps.push_back(std::move(e));
        return out_.steps.back();
    }

    // ---- sections ---------------------------------------------------------------------------------------------
    void heading() {
        const auto& cl = c_.clusters[pl_.cluster_of(u_)];
        const auto& cls = c_.classes[r_.class_of(u_)];
        const std::size_t size = pl_.cluster_members(pl_.cluster_of(u_)).size();
        auto& e = add("unit", unit_name(u_) + " (" + (cl.name.empty() ? cl.id : cl.name) + "): " +
                                  (vi_ ? "tổng điểm " + pts(r_.total(u_)) + ", xếp hạng " +
                                             std::to_string(r_.cluster_rank(u_)) + "/" + std::to_string(size) +
                                             " trong " + (cl.kind == cluster_kind::block ? "khối" : "cụm") + ", " +
                                             title(cls)
                                       : "total " + pts(r_.total(u_)) + ", rank " + std::to_string(r_.cluster_rank(u_)) +
                                             " of " + std::to_string(size) + " in the " +
                                             (cl.kind == cluster_kind::block ? "block" : "cluster") + ", class " +
                                             title(cls)));
        e.subject = pl_.unit_list()[u_].id;
        e.points = fixed(r_.total(u_));
    }

    void phase(std::size_t p) {
        const auto& ph = c_.phases[p];
        if (pl_.phases() > 1) {
            add("phase", phase_name(p) + " (" + format_date(ph.start, lang_) + "–" + format_date(ph.end, lang_) +
                             (vi_ ? ", trọng số " : ", weight ") + num(ph.weight) + "):")
                .phase = ph.id;
        }
        for (std::size_t k = 0; k < pl_.criteria_in(p); ++k) criterion_step(p, k);
        group_caps(p);
        auto& e = add("phase", "", 1);
        e.phase = ph.id;
        if (!r_.phase_counted(u_, p)) {
            e.text = s("Không có tiêu chí nào áp dụng cho đơn vị trong ", "Nothing applies to the unit in ") +
                     (pl_.phases() > 1 ? lower_first(phase_name(p)) : s("kỳ thi đua", "the campaign")) +
                     s(" → không tính vào điểm cơ bản", " → left out of the base score");
            return;
        }
        const auto [sum, max] = phase_sums(p);
        e.points = fixed(r_.phase_score(u_, p));
        e.max = plain(c_.scale);
        e.inputs = {{"points", fixed(sum)}, {"max", fixed(max)}, {"scale", plain(c_.scale)}};
        e.rule = "scale × points / max";
        e.text = (pl_.phases() > 1 ? s("Điểm giai đoạn: ", "Phase score: ")
                                   : (vi_ ? "Điểm quy về thang " + num(c_.scale) + ": " : "Score on a scale of " + num(c_.scale) + ": ")) +
                 num(c_.scale) + " × " + pts(sum) + " / " + pts(max) + " = " + pts(r_.phase_score(u_, p));
    }

    /// Σ points and Σ max of the phase as the kernel used them (after group caps).
    std::pair<std::int64_t, std::int64_t> phase_sums(std::size_t p) const {
        std::vector<std::int64_t> gp(pl_.groups(), 0), gm(pl_.groups(), 0);
        std::int64_t sum = 0, max = 0;
        for (std::size_t k = 0; k < pl_.criteria_in(p); ++k) {
            if (!in_scale(r_.status(p, u_, k))) continue;
            const auto& rule = pl_.rule(pl_.phase_criteria(p)[k]);
            const std::int64_t points = detail::score_slot(r_.data().compiled(), r_.data().inputs, p, u_, k).points;
            if (rule.group >= 0) {
                gp[static_cast<std::size_t>(rule.group)] += points;
                gm[static_cast<std::size_t>(rule.group)] += rule.max;
            } else {
                sum += points;
                max += rule.max;
            }
        }
        for (std::size_t g = 0; g < pl_.groups(); ++g) {
            const std::int64_t cap = pl_.group_cap(g);
            sum += cap >= 0 ? std::min(gp[g], cap) : gp[g];
            max += cap >= 0 ? std::min(gm[g], cap) : gm[g];
        }
        return {sum, max};
    }

    void group_caps(std::size_t p) {
        for (std::size_t g = 0; g < pl_.groups(); ++g) {
            const std::int64_t cap = pl_.group_cap(g);
            if (cap < 0) continue;
            std::int64_t points = 0, max = 0;
            for (std::size_t k = 0; k < pl_.criteria_in(p); ++k) {
                const auto& rule = pl_.rule(pl_.phase_criteria(p)[k]);
                if (rule.group != static_cast<std::int32_t>(g) || !in_scale(r_.status(p, u_, k))) continue;
                points += detail::score_slot(r_.data().compiled(), r_.data().inputs, p, u_, k).points;
                max += rule.max;
            }
            if (points <= cap && max <= cap) continue;
            auto& e = add("phase", "", 1);
            e.phase = c_.phases[p].id;
            e.subject = c_.groups[g].id;
            e.threshold = fixed(cap);
            e.text = (vi_ ? "Nhóm " + title(c_.groups[g]) + " giới hạn " + pts(cap) + " điểm: điểm " + pts(points) +
                                " → " + pts(std::min(points, cap)) + ", tối đa " + pts(max) + " → " +
                                pts(std::min(max, cap))
                          : "Group " + title(c_.groups[g]) + " is capped at " + pts(cap) + ": points " + pts(points) +
                                " → " + pts(std::min(points, cap)) + ", max " + pts(max) + " → " +
                                pts(std::min(max, cap)));
        }
    }

    void criterion_step(std::size_t p, std::size_t k) {
        const std::size_t crit = pl_.phase_criteria(p)[k];
        const auto& cr = c_.criteria[crit];
        const auto& rule = pl_.rule(crit);
        const slot_status status = r_.status(p, u_, k);
        const std::int32_t row_index = r_.data().inputs.row_of(pl_, p, u_, k);
        const result_row* row = row_index >= 0 ? &r_.results().rows[static_cast<std::size_t>(row_index)] : nullptr;
        auto& e = add("points", "", 1);
        e.phase = c_.phases[p].id;
        e.subject = cr.id;
        e.max = plain(rule.max);
        e.rule = rule_words(cr);
        const std::string lead = title(cr) + ": ";
        const std::string max = num(rule.max);
        const std::string out_of = vi_ ? "/" + max + " điểm" : " of " + max + " points";
        const std::string note = row && !row->note.empty() ? " (" + row->note + ")" : "";
        switch (status) {
            case slot_status::inapplicable:
                e.text = lead + (vi_ ? "không áp dụng cho loại đơn vị “" + pl_.unit_list()[u_].kind + "” → không tính"
                                     : "does not apply to a unit of kind “" + pl_.unit_list()[u_].kind + "” → left out");
                return;
            case slot_status::not_applicable:
                e.text = lead + s("không áp dụng → không tính vào thang điểm của đơn vị",
                                  "not applicable → left out of the unit's scale") + note;
                return;
            case slot_status::exempt:
                e.text = lead + s("được miễn → không tính vào thang điểm của đơn vị",
                                  "exempt → left out of the unit's scale") + note;
                return;
            case slot_status::missing:
                e.points = fixed(std::int64_t{0});
                e.text = lead + s("báo cáo là thiếu → 0", "reported as missing → 0") + out_of + note;
                return;
            case slot_status::absent:
                e.points = fixed(std::int64_t{0});
                e.text = lead + s("không có báo cáo → tính là thiếu: 0", "no result reported → counted as missing: 0") +
                         out_of;
                return;
            case slot_status::reported: break;
        }
        const slot_result res = detail::score_slot(r_.data().compiled(), r_.data().inputs, p, u_, k);
        const std::int64_t v = r_.data().inputs.value(pl_, p, u_, k);
        e.points = fixed(res.points);
        e.inputs.emplace_back("value", row ? row->value->text : plain(v));
        const std::string value = num(v);
        const std::string got = pts(res.points) + out_of;
        if (cr.rule.kind == rule_kind::ratio) {
            const std::int64_t t = r_.data().inputs.target(pl_, p, u_, k);
            const std::string source = target_source(row, p, k);
            e.inputs.emplace_back("target", plain(t));
            e.inputs.emplace_back("target_source", source);
            const std::string noted = source == "row"          ? s(" ghi trong báo cáo", " given in the report")
                                      : source == "registered" ? s(" đơn vị đăng ký", " registered by the unit")
                                                               : "";
            const std::string of = vi_ ? "đạt " + value + "/" + num(t) + " chỉ tiêu" + noted + " (" + ratio_pct(v, t) + ")"
                                       : value + " of a target of " + num(t) + noted + " (" + ratio_pct(v, t) + ")";
            e.threshold = "target " + plain(t);
            switch (res.branch) {
                case slot_branch::ratio_met:
                    e.text = lead + of + " → " + got + s(", hoàn thành chỉ tiêu", ", target met");
                    exceed_note(e, res, rule, v, t);
                    break;
                case slot_branch::ratio_short:
                    e.text = lead + of + " → " + got +
                             s(": không đạt chỉ tiêu nên không có điểm", ": all or nothing, the target is not reached");
                    break;
                case slot_branch::ratio_below_min:
                    e.threshold = "min_ratio " + plain(rule.min_ratio);
                    e.text = lead + of + s(" thấp hơn tỷ lệ tối thiểu ", " is below the minimum ratio ") +
                             pct(decimal::from_micros(rule.min_ratio)) + " → " + got;
                    break;
                default: e.text = lead + of + " → " + got + s(", tính theo tỷ lệ", ", linear credit");
            }
            return;
        }
        switch (res.branch) {
            case slot_branch::band: {
                const band& hit = pl_.bands()[rule.first_band + res.band];
                e.threshold = (rule.lower_is_better ? "at_most " : "at_least ") + plain(hit.threshold);
                e.text = lead + value +
                         (rule.lower_is_better ? s(" trong mức không quá ", " is within the band of at most ")
                                               : s(" đạt mức từ ", " reaches the band of at least ")) +
                         num(hit.threshold) + (rule.lower_is_better || !vi_ ? "" : " trở lên") + " → " + got;
                return;
            }
            case slot_branch::no_band: {
                const band& loosest = pl_.bands()[rule.first_band + rule.band_count - 1];
                e.threshold = (rule.lower_is_better ? "at_most " : "at_least ") + plain(loosest.threshold);
                e.text = lead + value +
                         (rule.lower_is_better
                              ? (vi_ ? " vượt mọi mức (mức cao nhất không quá " : " is above every band (the loosest is at most ")
                              : (vi_ ? " chưa đạt mức nào (mức thấp nhất từ " : " is below every band (the lowest is at least ")) +
                         num(loosest.threshold) + ") → " + got;
                return;
            }
            case slot_branch::boolean_done: e.text = lead + s("đã thực hiện", "done") + " → " + got; return;
            case slot_branch::boolean_not_done: e.text = lead + s("chưa thực hiện", "not done") + " → " + got; return;
            default:  // manual
                e.text = lead + (vi_ ? "chấm " + value + " điểm" : value + " points given") + " → " + got;
                if (v != res.points) e.text += " (" + rounding_words() + ")";
        }
    }

    std::string rule_words(const criterion& cr) const {
        switch (cr.rule.kind) {
            case rule_kind::ratio:
                return cr.rule.credit == credit_kind::linear ? s("tỷ lệ, tính theo tỷ lệ hoàn thành", "ratio, linear credit")
                                                             : s("tỷ lệ, đạt chỉ tiêu mới có điểm", "ratio, all or nothing");
            case rule_kind::bands:
                return cr.rule.lower_is_better ? s("theo mức (không quá)", "bands (at most)")
                                               : s("theo mức (từ … trở lên)", "bands (at least)");
            case rule_kind::boolean: return s("có / không", "done or not");
            case rule_kind::manual: return s("chấm điểm trực tiếp", "points given by the assessor");
        }
        return {};
    }

    /// Where a ratio slot's target came from: "row" (given with the value), "registered" or "rule".
    std::string target_source(const result_row* row, std::size_t p, std::size_t k) const {
        const std::size_t crit = pl_.phase_criteria(p)[k];
        if (row ? row->target.has_value()
                : r_.data().inputs.targets[p] && r_.data().inputs.targets[p][u_ * pl_.criteria_in(p) + k] != 0) {
            return "row";
        }
        return pl_.registered_target(u_, crit, p) != 0 ? "registered" : "rule";
    }

    void exceed_note(explanation_step& e, const slot_result& res, const compiled_rule& rule, std::int64_t v,
                     std::int64_t t) {
        const std::int64_t bonus = res.bonus;
        if (!rule.has_exceed || v <= t) return;
        const detail::int128 steps = detail::int128{v - t} * 100 * decimal::micros_per_unit / (detail::int128{t} * rule.step_percent);
        const decimal over = mul_div(decimal::from_micros(v - t), decimal::from_int(1), decimal::from_micros(t), 6,
                                     rounding::down);
        const std::string n = std::to_string(static_cast<long long>(steps));
        std::string text = vi_ ? "; vượt " + pct(over) + " được " + n + " bậc (mỗi bậc " + num(rule.step_percent) +
                                     "%) × " + num(rule.points_per_step)
                               : "; exceeding by " + pct(over) + " earns " + n + (steps == 1 ? " step of " : " steps of ") +
                                     num(rule.step_percent) + " % × " + num(rule.points_per_step);
        if (rule.exceed_cap >= 0 && steps * rule.points_per_step > rule.exceed_cap) {
            text += vi_ ? ", tối đa " + pts(rule.exceed_cap) : ", capped at " + pts(rule.exceed_cap);
        }
        text += vi_ ? " = " + pts(bonus) + " điểm thưởng" : " = " + pts(bonus) + " bonus points";
        e.text += text;
        e.inputs.emplace_back("exceed_bonus", fixed(bonus));
    }

    void base() {
        std::vector<std::size_t> counted;
        for (std::size_t p = 0; p < pl_.phases(); ++p) {
            if (r_.phase_counted(u_, p)) counted.push_back(p);
        }
        auto& e = add("base", "");
        e.points = fixed(r_.base(u_));
        if (counted.empty()) {
            e.text = s("Không có tiêu chí nào áp dụng cho đơn vị → điểm cơ bản 0", "Nothing applies to the unit → base score 0");
            return;
        }
        if (pl_.phases() == 1) {
            e.text = s("Điểm cơ bản: ", "Base score: ") + pts(r_.base(u_));
            return;
        }
        std::string terms;
        decimal weights;
        for (std::size_t p : counted) {
            terms += (terms.empty() ? "" : " + ") + num(c_.phases[p].weight) + " × " + pts(r_.phase_score(u_, p));
            weights += c_.phases[p].weight;
            e.inputs.emplace_back(c_.phases[p].id, fixed(r_.phase_score(u_, p)));
        }
        e.rule = "Σ weight × phase score / Σ weight";
        e.text = s("Điểm cơ bản: (", "Base score: (") + terms + ") / " + num(weights) + " = " + pts(r_.base(u_));
        if (counted.size() < pl_.phases()) {
            e.text += s(" (giai đoạn không áp dụng được bỏ qua)", " (phases that do not apply are left out)");
        }
    }

    void adjustments() {
        const auto& in = r_.data().inputs;
        const auto& sc = r_.data().scores;
        const std::size_t adjustments = c_.adjustments.size();
        std::vector<explanation_step> bonus_items, penalty_items;
        std::vector<std::string> disqualifications, disqualifications_ids;
        std::int64_t bonus_sum = sc.exceed_points[u_], penalty_sum = sc.late_points[u_];
        auto item = [&](std::vector<explanation_step>& items, std::string subject, std::string text,
                        std::string points) {
            explanation_step e;
            e.step = &items == &bonus_items ? "bonus" : "penalty";
            e.subject = std::move(subject);
            e.text = std::move(text);
            e.points = std::move(points);
            e.depth = 1;
            items.push_back(std::move(e));
        };
        auto capped = [&](decimal raw, const std::optional<decimal>& cap, std::int64_t amount) {
            if (!cap || raw <= *cap) return std::string();
            return (vi_ ? ", tối đa " : ", capped at ") + pts(*cap) + " → " + pts(amount);
        };
        for (std::size_t a = 0; a < adjustments; ++a) {
            const std::int64_t count = in.event_count[u_ * adjustments + a];
            if (count == 0) continue;
            const auto& adj = c_.adjustments[a];
            if (adj.kind == adjustment_kind::disqualify) {
                std::string text = (vi_ ? "Truất quyền: " : "Disqualified: ") + title(adj);
                if (!adj.forces_class.empty()) {
                    const auto& cls = c_.classes[static_cast<std::size_t>(pl_.class_index(adj.forces_class))];
                    text += vi_ ? " — xếp loại cao nhất là " + title(cls) : " — the class is at most " + title(cls);
                }
                disqualifications.push_back(text + s(", không được xét khen thưởng", ", not eligible for awards"));
                disqualifications_ids.push_back(adj.id);
                continue;
            }
            const std::int64_t amount = sc.adjustment_points[u_ * adjustments + a];
            const decimal raw = mul_div(decimal::from_int(count), adj.points_per_item, decimal::from_int(1), 6,
                                        rounding::down);
            const bool bonus = adj.kind == adjustment_kind::bonus;
            (bonus ? bonus_sum : penalty_sum) += amount;
            item(bonus ? bonus_items : penalty_items, adj.id,
                 title(adj) + ": " + std::to_string(count) + " × " + num(adj.points_per_item) + " = " + pts(raw) +
                     capped(raw, adj.cap, amount),
                 fixed(amount));
        }
        for (std::size_t crit = 0; crit < pl_.criteria(); ++crit) {
            const std::int64_t sum = sum_over_phases(pl_, r_.data().inputs, u_, crit).bonus;
            if (sum == 0) continue;
            item(bonus_items, c_.criteria[crit].id,
                 (vi_ ? "Vượt chỉ tiêu " : "Exceeding the target of ") + title(c_.criteria[crit]) + ": " + pts(sum),
                 fixed(sum));
        }
        if (in.late_reports[u_] > 0 && c_.late_penalty) {
            const auto& late = *c_.late_penalty;
            const decimal raw = mul_div(decimal::from_int(in.late_reports[u_]), late.per_report, decimal::from_int(1),
                                        6, rounding::down);
            item(penalty_items, "late_penalty",
                 s("Nộp báo cáo muộn: ", "Late reports: ") + std::to_string(in.late_reports[u_]) + " × " +
                     num(late.per_report) + " = " + pts(raw) + capped(raw, late.cap, sc.late_points[u_]),
                 fixed(sc.late_points[u_]));
        }
        section("bonus", s("Điểm thưởng: ", "Bonus: "), r_.bonus(u_), bonus_sum, c_.bonus_cap, bonus_items);
        section("penalty", s("Điểm trừ: ", "Penalty: "), r_.penalty(u_), penalty_sum, c_.penalty_cap, penalty_items);
        for (std::size_t i = 0; i < disqualifications.size(); ++i) {
            add("disqualify", disqualifications[i]).subject = disqualifications_ids[i];
        }
    }

    void section(const char* step, const std::string& label, decimal amount, std::int64_t sum,
                 const std::optional<decimal>& cap, std::vector<explanation_step>& items) {
        if (items.empty()) return;
        std::string text = label + pts(amount);
        if (cap && sum > cap->micros()) {
            text = label + pts(sum) + (vi_ ? ", tối đa " : ", capped at ") + pts(*cap) + " → " + pts(amount);
        }
        add(step, text).points = fixed(amount);
        for (auto& e : items) out_.steps.push_back(std::move(e));
    }

    void total() {
        const detail::int128 raw = detail::int128{r_.data().scores.base[u_]} + r_.data().scores.bonus[u_] - r_.data().scores.penalty[u_];
        auto& e = add("total", s("Tổng điểm: ", "Total: ") + pts(r_.base(u_)) + " + " + pts(r_.bonus(u_)) + " − " +
                                   pts(r_.penalty(u_)) + " = " + pts(r_.total(u_)));
        if (raw < 0) e.text += s(" (không thấp hơn 0)", " (not below 0)");
        e.points = fixed(r_.total(u_));
        e.inputs = {{"base", fixed(r_.base(u_))}, {"bonus", fixed(r_.bonus(u_))}, {"penalty", fixed(r_.penalty(u_))}};
    }

    std::string failure_words(std::size_t k, unsigned failed) const {
        const auto& cls = c_.classes[k];
        const auto& sc = r_.data().scores;
        std::vector<std::string> parts;
        if (failed & fails_veto) {
            const auto& cap = c_.classes[static_cast<std::size_t>(r_.data().inputs.forced_class[u_])];
            parts.push_back(vi_ ? "bị giới hạn ở " + title(cap) + " do vi phạm" : "a disqualifying event caps the class at " + title(cap));
        }
        if (failed & fails_min_score) {
            parts.push_back((vi_ ? "tổng điểm " : "total ") + pts(r_.total(u_)) + " < " + num(*cls.min_score));
        }
        if (failed & fails_mandatory) {
            std::string unmet;
            for (std::size_t p = 0; p < pl_.phases(); ++p) {
                for (std::size_t k2 = 0; k2 < pl_.criteria_in(p); ++k2) {
                    const std::size_t crit = pl_.phase_criteria(p)[k2];
                    if (pl_.rule(crit).mandatory && in_scale(r_.status(p, u_, k2)) &&
                        !(detail::score_slot(r_.data().compiled(), r_.data().inputs, p, u_, k2).flags & slot_met)) {
                        unmet += (unmet.empty() ? "" : ", ") + title(c_.criteria[crit]) + in_phase(p);
                    }
                }
            }
            parts.push_back((vi_ ? "chưa đạt tiêu chí bắt buộc: " : "mandatory criteria not met: ") + unmet);
        }
        if (failed & fails_met_share) {
            parts.push_back(vi_ ? "đạt " + std::to_string(sc.met_pairs[u_]) + "/" + std::to_string(sc.scale_pairs[u_]) +
                                      " tiêu chí < " + pct(*cls.min_met_share)
                                : "met " + std::to_string(sc.met_pairs[u_]) + " of " + std::to_string(sc.scale_pairs[u_]) +
                                      " criteria < " + pct(*cls.min_met_share));
        }
        if (failed & fails_exceeded_share) {
            parts.push_back(sc.ratio_pairs[u_] == 0
                                ? s("không có tiêu chí chỉ tiêu nào để vượt", "no target criterion to exceed")
                                : (vi_ ? "vượt " + std::to_string(sc.exceeded_pairs[u_]) + "/" +
                                             std::to_string(sc.ratio_pairs[u_]) + " chỉ tiêu < " + pct(*cls.min_exceeded_share)
                                       : "exceeded " + std::to_string(sc.exceeded_pairs[u_]) + " of " +
                                             std::to_string(sc.ratio_pairs[u_]) + " targets < " +
                                             pct(*cls.min_exceeded_share)));
        }
        if (failed & fails_disqualified) parts.push_back(s("bị truất quyền", "disqualified"));
        std::string out;
        for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
        return out;
    }

    void classification() {
        const std::size_t held = r_.class_of(u_);
        auto& e = add("class", s("Xếp loại: ", "Class: ") + title(c_.classes[held]));
        e.subject = c_.classes[held].id;
        for (std::size_t k = 0; k < held; ++k) {
            const unsigned failed = class_failures(pl_, r_.data().inputs, r_.data().scores, u_, k);
            std::string why = failed ? failure_words(k, failed) : quota_words(k);
            auto& item = add("class", (vi_ ? "Không đạt " : "Not ") + title(c_.classes[k]) + ": " + why, 1);
            item.subject = c_.classes[k].id;
        }
        if (r_.data().classes.tie_admitted[u_]) {
            add("class", s("Được xếp vượt chỉ tiêu vì bằng điểm với đơn vị cuối cùng được xếp loại này",
                           "Admitted past the quota: tied with the last unit admitted to this class"),
                1);
        }
    }

    std::string quota_words(std::size_t k) const {
        const auto* q = r_.data().classes.quota(pl_.cluster_of(u_), k);
        if (!q) return {};
        const auto& cls = c_.classes[k];
        const std::string base = cls.share_of.empty()
                                     ? std::to_string(q->base) + s(" đơn vị của cụm", " units of the cluster")
                                     : std::to_string(q->base) + (vi_ ? " đơn vị đạt " : " units qualifying for ") +
                                           title(c_.classes[static_cast<std::size_t>(pl_.class_index(cls.share_of))]) +
                                           s(" trở lên", " or higher");
        return (vi_ ? "đủ điều kiện nhưng đã hết chỉ tiêu: tối đa " : "qualifies, but the quota is filled: at most ") +
               std::to_string(q->limit) + " (" + num(*cls.max_share) + " × " + base + ")";
    }

    /// The tie-break key of unit v for rule t, in words.
    std::string key_words(const tie_break& t, std::size_t v) const {
        const auto& in = r_.data().inputs;
        switch (t.kind) {
            case tie_break_kind::criterion: {
                const auto crit = static_cast<std::size_t>(pl_.criterion_index(t.argument));
                return pts(sum_over_phases(pl_, in, v, crit).points) + s(" điểm", " points");
            }
            case tie_break_kind::phase: {
                const auto p = static_cast<std::size_t>(pl_.phase_index(t.argument));
                return r_.phase_counted(v, p) ? pts(r_.phase_score(v, p)) : s("không có điểm", "no score");
            }
            case tie_break_kind::bonus: return pts(r_.bonus(v));
            case tie_break_kind::penalty: return pts(r_.penalty(v));
            case tie_break_kind::earliest_submission:
                if (in.last_submission[v] == INT_MIN) return s("không có ngày nộp", "no submission date");
                return format_date(date::from_days(in.last_submission[v]), lang_);
            case tie_break_kind::vote:
                if (in.vote_of[v] == 0) return s("không có phiếu", "no vote");
                return std::to_string(in.vote_yes[v]) + "/" + std::to_string(in.vote_of[v]);
            case tie_break_kind::attribute: {
                const auto* a = pl_.unit_list()[v].find_attribute(t.argument);
                return a ? num(*a->number) : s("không có", "none");
            }
            case tie_break_kind::lot: {
                static constexpr char hex[] = "0123456789abcdef";
                std::uint64_t h = fnv1a64(t.seed + ":" + pl_.unit_list()[v].id);
                std::string out = "0x";
                for (int i = 60; i >= 0; i -= 4) out += hex[(h >> i) & 0xf];
                return out;
            }
        }
        return {};
    }
    void rank() {
        const std::size_t g = pl_.cluster_of(u_);
        const auto& cl = c_.clusters[g];
        const ranking_view ranked = r_.cluster_ranking(g);
        auto& e = add("rank", (vi_ ? "Xếp hạng " + std::to_string(r_.cluster_rank(u_)) + "/" + std::to_string(ranked.order.size()) +
                                         " trong " + (cl.name.empty() ? cl.id : cl.name) + "; hạng chung " +
                                         std::to_string(r_.overall_rank(u_)) + "/" + std::to_string(pl_.units())
                                   : "Rank " + std::to_string(r_.cluster_rank(u_)) + " of " +
                                         std::to_string(ranked.order.size()) + " in " + (cl.name.empty() ? cl.id : cl.name) +
                                         "; overall rank " + std::to_string(r_.overall_rank(u_)) + " of " +
                                         std::to_string(pl_.units())));
        e.points = std::to_string(r_.cluster_rank(u_));  // the rank
        const std::int32_t broken = r_.tie_broken_by(u_);
        if (broken == not_tied) return;
        std::string tied;
        for (std::uint32_t v : ranked.order) {
            if (v != u_ && r_.data().scores.total[v] == r_.data().scores.total[u_]) tied += (tied.empty() ? "" : ", ") + unit_name(v);
        }
        if (broken == unresolved_tie) {
            std::string same;
            for (std::uint32_t v : ranked.order) {
                if (v != u_ && r_.cluster_rank(v) == r_.cluster_rank(u_)) same += (same.empty() ? "" : ", ") + unit_name(v);
            }
            auto& item = add("rank", (vi_ ? "Bằng " + pts(r_.total(u_)) + " điểm với " + tied +
                                                "; không tiêu chí phụ nào phân định được, đồng hạng " +
                                                std::to_string(r_.cluster_rank(u_)) + " với " + same
                                          : "Tied at " + pts(r_.total(u_)) + " with " + tied +
                                                "; no tie-break separated it, so it shares rank " +
                                                std::to_string(r_.cluster_rank(u_)) + " with " + same),
                             1);
            item.threshold = "unresolved";
            return;
        }
        const auto& t = c_.tie_breaks[static_cast<std::size_t>(broken)];
        auto& item = add("rank", (vi_ ? "Bằng " + pts(r_.total(u_)) + " điểm với " + tied + "; phân định bằng “" + t.label() +
                                            "”: " + key_words(t, u_)
                                      : "Tied at " + pts(r_.total(u_)) + " with " + tied + "; decided by “" + t.label() +
                                            "”: " + key_words(t, u_)),
                         1);
        item.subject = t.label();
        item.threshold = key_words(t, u_);
    }

    void awards() {
        for (std::size_t a = 0; a < c_.awards.size(); ++a) {
            const auto& aw = c_.awards[a];
            auto& e = add("award", "");
            e.subject = aw.id;
            if (r_.has_award(u_, a)) {
                e.text = (vi_ ? "Được " : "Receives ") + title(aw);
                const decimal amount = r_.award_amount(a);
                if (amount != decimal{}) {
                    e.points = amount.to_string();
                    e.text += (vi_ ? " (tiền thưởng " + format_number(amount, lang_, -1, true) + " đồng)"
                                   : " (cash " + format_number(amount, lang_, -1, true) + ")");
                }
                if (r_.data().awards.tie_given[u_ * c_.awards.size() + a]) {
                    e.text += s(", vượt số lượng vì bằng điểm với đơn vị nhận cuối cùng",
                                ", beyond its count: tied with the last receiver");
                }
            } else {
                e.text = (vi_ ? "Không được " : "Does not receive ") + title(aw) + ": " +
                         detail::award_reason(r_, u_, a, lang_);
            }
        }
    }

    void warnings() {
        for (const auto& w : detail::unit_warnings(r_, u_, lang_)) {
            auto& e = add("warning", (vi_ ? "Lưu ý: " : "Note: ") + w.message);
            e.phase = w.phase;
            e.subject = w.criterion.empty() ? w.subject : w.criterion;
        }
    }

    const report& r_;
    const campaign& c_;
    const detail::compiled_plan& pl_;
    std::size_t u_;
    language lang_;
    bool vi_;
    explanation out_;
};

}  // namespace

explanation explain(const report& r, std::size_t u, language lang) { return explainer(r, u, lang).run(); }

language parse_language(std::string_view text) {
    if (text == "vi") return language::vi;
    if (text == "en") return language::en;
    throw schema_error("unknown language '" + std::string(text) + "' (use 'vi' or 'en')", {});
}

}  // namespace thidua

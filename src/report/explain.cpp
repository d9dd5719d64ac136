// Explanations of a unit's report in Vietnamese and English: the facts the kernel recorded for the unit
// (trace_unit: each slot's decision, the group sums before and after their caps, the phase scores, the
// adjustments before and after their caps) and the outcomes of the report (classes, ranks, awards), put into the
// words of the catalog of messages. Nothing here decides a number.

#include "thidua/report/explain.hpp"

#include <algorithm>
#include <climits>

#include "thidua/detail/report_data.hpp"
#include "thidua/detail/texts.hpp"
#include "thidua/report/messages.hpp"

namespace thidua {

namespace {

using namespace detail;

class explainer {
public:
    explainer(const report& r, std::size_t u, language lang)
        : r_(r),
          c_(r.campaign()),
          pl_(r.data().compiled()),
          u_(u),
          lang_(lang),
          facts_(trace_unit(pl_, r.data().inputs, u)) {}

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
    // ---- words and numbers --------------------------------------------------------------------------------------
    std::string say(std::string_view id, message_args args = {}) const { return format_message(id, lang_, args); }
    /// Points at the campaign's precision, in the language ("7,78").
    std::string pts(std::int64_t micros) const { return format_number(decimal::from_micros(micros), lang_, c_.precision); }
    std::string pts(decimal d) const { return format_number(d, lang_, c_.precision); }
    /// A decimal in its shortest form, in the language.
    std::string num(decimal d) const { return format_number(d, lang_); }
    std::string num(std::int64_t micros) const { return num(decimal::from_micros(micros)); }
    // Structured fields hold plain decimals ("77.80"), whatever the language of the text.
    std::string fixed(std::int64_t micros) const { return decimal::from_micros(micros).to_string(c_.precision); }
    std::string fixed(decimal d) const { return d.to_string(c_.precision); }
    static std::string plain(decimal d) { return d.to_string(); }
    static std::string plain(std::int64_t micros) { return decimal::from_micros(micros).to_string(); }
    /// A share as a percentage with two digits: 0.7778 → "77.78%" (English) or "77,78 %".
    std::string pct(decimal share) const { return format_percent(share, lang_, 2); }
    std::string ratio_pct(std::int64_t value, std::int64_t target) const {
        return pct(mul_div(decimal::from_micros(value), decimal::from_int(1), decimal::from_micros(target), 6, rounding::half_up));
    }
    template <class T>
    static std::string title(const T& item) {
        return item.title.empty() ? item.id : item.title;
    }
    std::string phase_name(std::size_t p) const { return detail::phase_name(c_, p, lang_); }
    std::string criterion_title(std::size_t crit) const { return criterion_name(c_, crit, lang_); }
    std::string unit_name(std::size_t u) const {
        const auto& unit = pl_.unit_list()[u];
        return unit.name.empty() ? unit.id : unit.name;
    }
    static std::string lower_first(std::string text) {
        if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
        return text;
    }
    /// ", giai đoạn 1" when the campaign has several phases.
    std::string in_phase(std::size_t p) const { return pl_.phases() > 1 ? ", " + lower_first(phase_label(c_, p, lang_)) : ""; }
    std::string rounding_words() const {
        switch (c_.rounding_mode) {
            case rounding::half_up: return say("word.rounding.half_up");
            case rounding::half_even: return say("word.rounding.half_even");
            case rounding::down: return say("word.rounding.down");
            case rounding::up: return say("word.rounding.up");
        }
        return {};
    }

    explanation_step& add(std::string step, std::string message, std::string text, int depth = 0) {
        explanation_step e;
        e.step = std::move(step);
        e.message = std::move(message);
        e.text = std::move(text);
        e.depth = depth;
        out_.steps.push_back(std::move(e));
        return out_.steps.back();
    }

    // ---- sections -----------------------------------------------------------------------------------------------
    void heading() {
        const auto& cl = c_.clusters[pl_.cluster_of(u_)];
        const std::string size = std::to_string(pl_.cluster_members(pl_.cluster_of(u_)).size());
        auto& e = add("unit", "explain.heading",
                      say("explain.heading", {{"unit", unit_name(u_)},
                                              {"cluster", cl.name.empty() ? cl.id : cl.name},
                                              {"total", pts(facts_.total)},
                                              {"rank", std::to_string(r_.cluster_rank(u_))},
                                              {"size", size},
                                              {"cluster_kind", say(cl.kind == cluster_kind::block ? "word.block" : "word.cluster")},
                                              {"class", title(c_.classes[r_.class_of(u_)])}}));
        e.subject = pl_.unit_list()[u_].id;
        e.points = fixed(facts_.total);
    }

    void phase(std::size_t p) {
        const auto& ph = c_.phases[p];
        const phase_fact& f = facts_.phases[p];
        if (pl_.phases() > 1) {
            add("phase", "explain.phase_heading",
                say("explain.phase_heading", {{"phase", phase_name(p)},
                                              {"start", format_date(ph.start, lang_)},
                                              {"end", format_date(ph.end, lang_)},
                                              {"weight", num(ph.weight)}}))
                .phase = ph.id;
        }
        for (std::size_t k = 0; k < f.slots.size(); ++k) {
            criterion_step(p, k);
            layers_step(p, k);
        }
        group_caps(p);
        if (!f.counted) {
            const std::string where = pl_.phases() > 1 ? lower_first(phase_label(c_, p, lang_)) : say("word.the_campaign");
            add("phase", "explain.phase_nothing", say("explain.phase_nothing", {{"where", where}}), 1).phase = ph.id;
            return;
        }
        const char* id = pl_.phases() > 1 ? "explain.phase_score" : "explain.scale_score";
        auto& e = add("phase", id,
                      say(id, {{"scale", num(c_.scale)}, {"points", pts(f.points)}, {"max", pts(f.max)}, {"score", pts(f.score)}}),
                      1);
        e.phase = ph.id;
        e.points = fixed(f.score);
        e.max = plain(c_.scale);
        e.inputs = {{"points", fixed(f.points)}, {"max", fixed(f.max)}, {"scale", plain(c_.scale)}};
        e.rule = "scale × points / max";
    }

    void group_caps(std::size_t p) {
        const phase_fact& f = facts_.phases[p];
        for (std::size_t g = 0; g < f.groups.size(); ++g) {
            const group_fact& sums = f.groups[g];
            const std::int64_t cap = pl_.group_cap(g);
            if (cap < 0 || (sums.points == sums.capped_points && sums.max == sums.capped_max)) continue;
            auto& e = add("phase", "explain.group_cap",
                          say("explain.group_cap", {{"group", title(c_.groups[g])},
                                                    {"cap", pts(cap)},
                                                    {"points", pts(sums.points)},
                                                    {"capped_points", pts(sums.capped_points)},
                                                    {"max", pts(sums.max)},
                                                    {"capped_max", pts(sums.capped_max)}}),
                          1);
            e.phase = c_.phases[p].id;
            e.subject = c_.groups[g].id;
            e.threshold = fixed(cap);
        }
    }

    std::string rule_words(const criterion& cr) const {
        switch (cr.rule.kind) {
            case rule_kind::ratio:
                return say(cr.rule.credit == credit_kind::linear ? "rule.ratio_linear" : "rule.ratio_all_or_nothing");
            case rule_kind::bands: return say(cr.rule.lower_is_better ? "rule.bands_at_most" : "rule.bands_at_least");
            case rule_kind::boolean: return say("rule.boolean");
            case rule_kind::manual: return say("rule.manual");
        }
        return {};
    }

    void criterion_step(std::size_t p, std::size_t k) {
        const std::size_t crit = pl_.phase_criteria(p)[k];
        const auto& cr = c_.criteria[crit];
        const auto& rule = pl_.rule(crit);
        const slot_fact& slot = facts_.phases[p].slots[k];
        const std::int32_t row_index = r_.data().inputs.row_of(pl_, p, u_, k);
        const result_row* row = row_index >= 0 ? &r_.results().rows[static_cast<std::size_t>(row_index)] : nullptr;
        auto& e = add("points", "", "", 1);
        e.phase = c_.phases[p].id;
        e.subject = cr.id;
        e.max = plain(rule.max);
        e.rule = rule_words(cr);
        const std::string name = criterion_title(crit), max = num(rule.max);
        const std::string note = row && !row->note.empty() ? " (" + row->note + ")" : "";
        auto word = [&](const char* id, message_args args) {
            e.message = id;
            e.text = say(id, args);
        };
        switch (slot.status) {
            case slot_status::inapplicable: {
                const std::string kind = unit_kind_title(c_, pl_.unit_list()[u_].kind);
                if (kind.empty()) {
                    word("explain.inapplicable_unit", {{"criterion", name}});
                } else {
                    word("explain.inapplicable", {{"criterion", name}, {"kind", kind}});
                }
                return;
            }
            case slot_status::not_applicable: word("explain.not_applicable", {{"criterion", name}, {"note", note}}); return;
            case slot_status::exempt: word("explain.exempt", {{"criterion", name}, {"note", note}}); return;
            case slot_status::pending: word("explain.pending", {{"criterion", name}}); return;
            case slot_status::missing:
                e.points = fixed(std::int64_t{0});
                word("explain.missing", {{"criterion", name}, {"max", max}, {"note", note}});
                return;
            case slot_status::absent:
                e.points = fixed(std::int64_t{0});
                word("explain.absent", {{"criterion", name}, {"max", max}});
                return;
            case slot_status::reported: break;
        }
        const slot_result& res = slot.result;
        e.points = fixed(res.points);
        e.inputs.emplace_back("value", row ? row->value->written() : plain(slot.value));
        const std::string value = num(slot.value);
        const std::string got = say("explain.points_of", {{"points", pts(res.points)}, {"max", max}});
        if (cr.rule.kind == rule_kind::ratio) {
            const std::string source = target_source(row, p, k);
            e.inputs.emplace_back("target", plain(slot.target));
            e.inputs.emplace_back("target_source", source);
            const std::string noted = source == "row"          ? say("explain.target_in_row")
                                      : source == "registered" ? say("explain.target_registered")
                                                               : "";
            const std::string of = say("explain.ratio_of", {{"value", value},
                                                            {"target", num(slot.target)},
                                                            {"source", noted},
                                                            {"ratio", ratio_pct(slot.value, slot.target)}});
            e.threshold = "target " + plain(slot.target);
            switch (res.branch) {
                case slot_branch::ratio_met:
                    word("explain.ratio_met", {{"criterion", name}, {"of", of}, {"got", got}});
                    exceed_note(e, slot, rule);
                    break;
                case slot_branch::ratio_short: word("explain.ratio_short", {{"criterion", name}, {"of", of}, {"got", got}}); break;
                case slot_branch::ratio_below_min:
                    e.threshold = "min_ratio " + plain(rule.min_ratio);
                    word("explain.ratio_below_min",
                         {{"criterion", name}, {"of", of}, {"min_ratio", pct(decimal::from_micros(rule.min_ratio))}, {"got", got}});
                    break;
                default: word("explain.ratio_linear", {{"criterion", name}, {"of", of}, {"got", got}});
            }
            return;
        }
        switch (res.branch) {
            case slot_branch::band:
            case slot_branch::no_band: {
                const bool reached = res.branch == slot_branch::band;
                const band& b = pl_.bands()[rule.first_band + (reached ? res.band : rule.band_count - 1)];
                e.threshold = (rule.lower_is_better ? "at_most " : "at_least ") + plain(b.threshold);
                const char* id = reached ? (rule.lower_is_better ? "explain.band_at_most" : "explain.band_at_least")
                                         : (rule.lower_is_better ? "explain.no_band_at_most" : "explain.no_band_at_least");
                word(id, {{"criterion", name}, {"value", value}, {"threshold", num(b.threshold)}, {"got", got}});
                return;
            }
            case slot_branch::boolean_done: word("explain.done", {{"criterion", name}, {"got", got}}); return;
            case slot_branch::boolean_not_done: word("explain.not_done", {{"criterion", name}, {"got", got}}); return;
            default:  // manual
                if (slot.value == res.points) {
                    word("explain.manual", {{"criterion", name}, {"value", value}, {"got", got}});
                } else {
                    word("explain.manual_rounded", {{"criterion", name}, {"value", value}, {"got", got}, {"rounding", rounding_words()}});
                }
        }
    }

    /// "Mô hình: tự chấm 4, thẩm định công nhận 3": each layer's figure for the slot, when the layers that give it
    /// differ (docs/semantics.md §13).
    void layers_step(std::size_t p, std::size_t k) {
        if (!r_.layers_differ(p, u_, k)) return;
        const std::int32_t final_layer = r_.set_by(p, u_, k);
        std::vector<std::pair<std::size_t, std::string>> given;  // layer, its figure in words
        for (std::size_t i = 0; i < r_.layers().size(); ++i) {
            const report& alone = r_.layer_report(i);
            if (alone.data().inputs.row_of(pl_, p, u_, k) >= 0) given.emplace_back(i, layer_figure(alone, p, k));
        }
        std::string said;
        for (const auto& [i, figure] : given) {
            const std::string name = lower_first(layer_title(r_.layers()[i], lang_));
            if (!said.empty()) said += ", ";
            said += say(i == static_cast<std::size_t>(final_layer) ? "explain.layer_final" : "explain.layer_value",
                        {{"layer", name}, {"value", figure}});
        }
        const std::size_t crit = pl_.phase_criteria(p)[k];
        auto& e = add("layers", "explain.layers", say("explain.layers", {{"criterion", criterion_title(crit)}, {"layers", said}}), 1);
        e.phase = c_.phases[p].id;
        e.subject = c_.criteria[crit].id;
        for (const auto& [i, figure] : given) e.inputs.emplace_back(r_.layers()[i].id, figure);
    }

    /// What layer report `alone` holds in slot (p, k) of the unit, in words: the value, or its status.
    std::string layer_figure(const report& alone, std::size_t p, std::size_t k) const {
        const auto& in = alone.data().inputs;
        switch (alone.status(p, u_, k)) {
            case slot_status::reported: {
                const std::int64_t v = in.value(pl_, p, u_, k);
                if (c_.criteria[pl_.phase_criteria(p)[k]].rule.kind == rule_kind::boolean) {
                    return say(v != 0 ? "form.true" : "form.false");
                }
                return num(v);
            }
            case slot_status::exempt: return say("layer.status_exempt");
            case slot_status::not_applicable: return say("layer.status_not_applicable");
            default: return say("layer.status_missing");
        }
    }

    /// Where a ratio slot's target came from: "row" (given with the value), "registered" or "rule".
    std::string target_source(const result_row* row, std::size_t p, std::size_t k) const {
        const std::size_t crit = pl_.phase_criteria(p)[k];
        const auto& in = r_.data().inputs;
        if (row ? row->target.has_value() : in.targets[p] && in.targets[p][u_ * pl_.criteria_in(p) + k] != 0) return "row";
        return pl_.registered_target(u_, crit, p) != 0 ? "registered" : "rule";
    }

    void exceed_note(explanation_step& e, const slot_fact& slot, const compiled_rule& rule) {
        // Exceeding by less than a step earns nothing, and says nothing.
        if (!rule.has_exceed || slot.value <= slot.target || slot.result.steps == 0) return;
        const decimal over = mul_div(decimal::from_micros(slot.value - slot.target), decimal::from_int(1),
                                     decimal::from_micros(slot.target), 6, rounding::down);
        const std::int64_t steps = slot.result.steps;
        const bool capped = rule.exceed_cap >= 0 && detail::int128{steps} * rule.points_per_step > rule.exceed_cap;
        e.text += say(steps == 1 ? "explain.exceed_one" : "explain.exceed_many",
                      {{"over", pct(over)},
                       {"steps", std::to_string(steps)},
                       {"step", format_percent(mul_div(decimal::from_micros(rule.step_percent), decimal::from_int(1), decimal::from_int(100), 6,
                                                       rounding::half_up), lang_)},
                       {"per_step", num(rule.points_per_step)},
                       {"cap", capped ? say("explain.at_most", {{"cap", pts(rule.exceed_cap)}}) : ""},
                       {"bonus", pts(slot.result.bonus)}});
        e.inputs.emplace_back("exceed_bonus", fixed(slot.result.bonus));
    }

    void base() {
        std::string terms;
        decimal weights;
        std::size_t counted = 0;
        std::vector<std::pair<std::string, std::string>> inputs;
        for (std::size_t p = 0; p < pl_.phases(); ++p) {
            const phase_fact& f = facts_.phases[p];
            if (!f.counted) continue;
            ++counted;
            terms += (terms.empty() ? "" : " + ") + num(c_.phases[p].weight) + " × " + pts(f.score);
            weights += c_.phases[p].weight;
            inputs.emplace_back(c_.phases[p].id, fixed(f.score));
        }
        const std::string base = pts(facts_.base);
        if (counted == 0) {
            add("base", "explain.base_nothing", say("explain.base_nothing")).points = fixed(facts_.base);
            return;
        }
        if (pl_.phases() == 1) {
            add("base", "explain.base", say("explain.base", {{"base", base}})).points = fixed(facts_.base);
            return;
        }
        const char* id = counted < pl_.phases()             ? "explain.base_weighted_some"
                         : weights == decimal::from_int(1) ? "explain.base_weighted_one"  // "/ 1" says nothing
                                                           : "explain.base_weighted";
        auto& e = add("base", id, say(id, {{"terms", terms}, {"weights", num(weights)}, {"base", base}}));
        e.points = fixed(facts_.base);
        e.inputs = std::move(inputs);
        e.rule = "Σ weight × phase score / Σ weight";
    }

    void adjustments() {
        std::vector<explanation_step> bonus_items, penalty_items, disqualifications;
        auto item = [&](std::vector<explanation_step>& items, const char* step, std::string subject, const char* id,
                        std::string text, std::int64_t points) {
            explanation_step e;
            e.step = step;
            e.subject = std::move(subject);
            e.message = id;
            e.text = std::move(text);
            e.points = fixed(points);
            e.depth = 1;
            items.push_back(std::move(e));
        };
        for (std::size_t a = 0; a < c_.adjustments.size(); ++a) {
            const adjustment_fact& f = facts_.adjustments[a];
            const auto& adj = c_.adjustments[a];
            const std::int64_t count = r_.data().inputs.event_count[u_ * c_.adjustments.size() + a];
            if (count == 0) continue;
            if (adj.kind == adjustment_kind::disqualify) {
                explanation_step e;
                e.step = "disqualify";
                e.subject = adj.id;
                if (adj.forces_class.empty()) {
                    e.message = "explain.disqualified";
                    e.text = say(e.message, {{"adjustment", title(adj)}});
                } else {
                    const auto& cls = c_.classes[static_cast<std::size_t>(pl_.class_index(adj.forces_class))];
                    e.message = "explain.disqualified_capped";
                    e.text = say(e.message, {{"adjustment", title(adj)}, {"class", title(cls)}});
                }
                disqualifications.push_back(std::move(e));
                continue;
            }
            const bool capped = f.raw != f.points;
            const char* id = capped ? "explain.adjustment_capped" : "explain.adjustment";
            const bool bonus = adj.kind == adjustment_kind::bonus;
            item(bonus ? bonus_items : penalty_items, bonus ? "bonus" : "penalty", adj.id, id,
                 say(id, {{"adjustment", title(adj)},
                          {"count", std::to_string(f.count)},
                          {"per_item", num(adj.points_per_item)},
                          {"raw", pts(f.raw)},
                          {"cap", adj.cap ? pts(*adj.cap) : ""},
                          {"points", pts(f.points)}}),
                 f.points);
        }
        for (std::size_t crit = 0; crit < pl_.criteria(); ++crit) {
            std::int64_t sum = 0;
            for (std::size_t p = 0; p < pl_.phases(); ++p) {
                const std::int32_t k = pl_.position_in_phase(p, crit);
                if (k >= 0) sum += facts_.phases[p].slots[static_cast<std::size_t>(k)].result.bonus;
            }
            if (sum == 0) continue;
            item(bonus_items, "bonus", c_.criteria[crit].id, "explain.exceed_item",
                 say("explain.exceed_item", {{"criterion", criterion_title(crit)}, {"points", pts(sum)}}), sum);
        }
        const std::int32_t late_reports = r_.data().inputs.late_reports[u_];
        if (late_reports > 0 && c_.late_penalty) {
            const auto& late = *c_.late_penalty;
            const char* id = facts_.late_raw != facts_.late ? "explain.late_capped" : "explain.late";
            item(penalty_items, "penalty", "late_penalty", id,
                 say(id, {{"count", std::to_string(late_reports)},
                          {"per", late.per == late_per::row ? "" : say(late.per == late_per::phase ? "late.per_phase" : "late.per_unit")},
                          {"per_report", num(late.per_report)},
                          {"raw", pts(facts_.late_raw)},
                          {"cap", late.cap ? pts(*late.cap) : ""},
                          {"points", pts(facts_.late)}}),
                 facts_.late);
        }
        section("bonus", facts_.raw_bonus, facts_.bonus, c_.bonus_cap, bonus_items);
        section("penalty", facts_.raw_penalty, facts_.penalty, c_.penalty_cap, penalty_items);
        for (auto& e : disqualifications) out_.steps.push_back(std::move(e));
    }

    void section(const std::string& step, std::int64_t sum, std::int64_t amount, const std::optional<decimal>& cap,
                 std::vector<explanation_step>& items) {
        if (items.empty()) return;
        const std::string id = "explain." + step + (sum != amount ? "_capped" : "");
        add(step, id, say(id, {{"sum", pts(sum)}, {"cap", cap ? pts(*cap) : ""}, {"points", pts(amount)}})).points = fixed(amount);
        for (auto& e : items) out_.steps.push_back(std::move(e));
    }

    void total() {
        const char* id = facts_.floored ? "explain.total_floored" : "explain.total";
        auto& e = add("total", id,
                      say(id, {{"base", pts(facts_.base)},
                               {"bonus", pts(facts_.bonus)},
                               {"penalty", pts(facts_.penalty)},
                               {"total", pts(facts_.total)}}));
        e.points = fixed(facts_.total);
        e.inputs = {{"base", fixed(facts_.base)}, {"bonus", fixed(facts_.bonus)}, {"penalty", fixed(facts_.penalty)}};
    }

    std::string failure_words(std::size_t k, unsigned failed) const {
        const auto& cls = c_.classes[k];
        const auto& sc = r_.data().scores;
        std::vector<std::string> parts;
        if (failed & fails_veto) {
            const auto& cap = c_.classes[static_cast<std::size_t>(r_.data().inputs.forced_class[u_])];
            parts.push_back(say("explain.fails_veto", {{"class", title(cap)}}));
        }
        if (failed & fails_min_score) {
            parts.push_back(say("explain.fails_min_score", {{"total", pts(facts_.total)}, {"min", num(*cls.min_score)}}));
        }
        if (failed & fails_mandatory) {
            std::string unmet;
            for (std::size_t p = 0; p < pl_.phases(); ++p) {
                for (std::size_t k2 = 0; k2 < pl_.criteria_in(p); ++k2) {
                    const std::size_t crit = pl_.phase_criteria(p)[k2];
                    const slot_fact& slot = facts_.phases[p].slots[k2];
                    if (pl_.rule(crit).mandatory && in_scale(slot.status) && !(slot.result.flags & slot_met)) {
                        unmet += (unmet.empty() ? "" : ", ") + criterion_title(crit) + in_phase(p);
                    }
                }
            }
            parts.push_back(say("explain.fails_mandatory", {{"criteria", unmet}}));
        }
        if (failed & fails_met_share) {
            parts.push_back(say("explain.fails_met_share", {{"met", std::to_string(sc.met_pairs[u_])},
                                                             {"of", std::to_string(sc.scale_pairs[u_])},
                                                             {"share", pct(*cls.min_met_share)}}));
        }
        if (failed & fails_exceeded_share) {
            parts.push_back(sc.ratio_pairs[u_] == 0
                                ? say("explain.fails_no_target")
                                : say("explain.fails_exceeded_share", {{"exceeded", std::to_string(sc.exceeded_pairs[u_])},
                                                                        {"of", std::to_string(sc.ratio_pairs[u_])},
                                                                        {"share", pct(*cls.min_exceeded_share)}}));
        }
        if (failed & fails_disqualified) parts.push_back(say("explain.fails_disqualified"));
        if (failed & fails_history) parts.push_back(class_history_reason(r_, u_, k, lang_));
        std::string out;
        for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
        return out;
    }

    std::string quota_words(std::size_t k) const {
        const auto* q = r_.data().classes.quota(pl_.cluster_of(u_), k);
        if (!q) return {};
        const auto& cls = c_.classes[k];
        const std::string share_of =
            cls.share_of.empty() ? std::string()
                                 : quote_name(title(c_.classes[static_cast<std::size_t>(pl_.class_index(cls.share_of))]), lang_);
        return say("explain.quota_filled", {{"limit", std::to_string(q->limit)},
                                            {"share", format_percent(*cls.max_share, lang_)},
                                            {"of", quota_base(q->base, share_of, c_.clusters[pl_.cluster_of(u_)].kind, lang_)}});
    }

    void classification() {
        const std::size_t held = r_.class_of(u_);
        add("class", "explain.class", say("explain.class", {{"class", title(c_.classes[held])}})).subject = c_.classes[held].id;
        for (std::size_t k = 0; k < held; ++k) {
            const unsigned failed = class_failures(pl_, r_.data().inputs, r_.data().scores, u_, k);
            const std::string why = failed ? failure_words(k, failed) : quota_words(k);
            add("class", "explain.class_not", say("explain.class_not", {{"class", title(c_.classes[k])}, {"why", why}}), 1)
                .subject = c_.classes[k].id;
        }
        if (r_.data().classes.tie_admitted[u_]) add("class", "explain.class_tie", say("explain.class_tie"), 1);
    }

    /// Unit v's key under tie-break t, as the ranking compared it, in words.
    std::string key_words(const tie_break& t, std::size_t v) const {
        const auto& d = r_.data();
        const tie_key key = key_of(pl_, d.inputs, d.scores, t, static_cast<std::uint32_t>(v));
        switch (t.kind) {
            case tie_break_kind::criterion:
                return say("explain.key_points", {{"points", pts(static_cast<std::int64_t>(-key.num))}});
            case tie_break_kind::phase:
                return key.present ? pts(static_cast<std::int64_t>(-key.num)) : say("explain.key_no_score");
            case tie_break_kind::bonus: return pts(static_cast<std::int64_t>(-key.num));
            case tie_break_kind::penalty: return pts(static_cast<std::int64_t>(key.num));
            case tie_break_kind::earliest_submission:
                if (!key.present) return say("explain.key_no_date");
                return format_date(date::from_days(static_cast<std::int32_t>(key.num)), lang_);
            case tie_break_kind::vote:
                if (!key.present) return say("explain.key_no_vote");
                return std::to_string(static_cast<std::int64_t>(-key.num)) + "/" + std::to_string(static_cast<std::int64_t>(key.den));
            case tie_break_kind::attribute: {
                if (t.at_least) {
                    const auto* a = pl_.unit_list()[v].find_attribute(t.argument);
                    const std::string value = a && a->number ? num(*a->number) : say("explain.key_none");
                    return say(key.num == 0 ? "explain.key_at_least" : "explain.key_below",
                               {{"value", value}, {"threshold", num(*t.at_least)}});
                }
                if (!key.present) return say("explain.key_none");
                return num(static_cast<std::int64_t>(t.descending ? -key.num : key.num));
            }
            case tie_break_kind::lot: {
                static constexpr char hex[] = "0123456789abcdef";
                const auto h = static_cast<std::uint64_t>(key.num);
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
        const std::string rank = std::to_string(r_.cluster_rank(u_));
        auto& e = add("rank", "explain.rank",
                      say("explain.rank", {{"rank", rank},
                                           {"size", std::to_string(ranked.order.size())},
                                           {"cluster", cl.name.empty() ? cl.id : cl.name},
                                           {"overall", std::to_string(r_.overall_rank(u_))},
                                           {"units", std::to_string(pl_.units())}}));
        e.points = rank;
        const std::int32_t broken = r_.tie_broken_by(u_);
        if (broken == not_tied) return;
        const auto& total = r_.data().scores.total;
        std::string tied, same;
        for (std::uint32_t v : ranked.order) {
            if (v == u_) continue;
            if (total[v] == total[u_]) tied += (tied.empty() ? "" : ", ") + unit_name(v);
            if (r_.cluster_rank(v) == r_.cluster_rank(u_)) same += (same.empty() ? "" : ", ") + unit_name(v);
        }
        if (broken == unresolved_tie) {
            add("rank", "explain.tie_unresolved",
                say("explain.tie_unresolved", {{"total", pts(facts_.total)}, {"tied", tied}, {"rank", rank}, {"same", same}}), 1)
                .threshold = "unresolved";
            return;
        }
        const auto& t = c_.tie_breaks[static_cast<std::size_t>(broken)];
        const std::string key = key_words(t, u_);
        const char* id = t.kind == tie_break_kind::lot ? "explain.tie_lot" : "explain.tie_decided";
        auto& item = add("rank", id,
                         say(id, {{"total", pts(facts_.total)}, {"tied", tied}, {"tie_break", tie_break_name(c_, t, lang_)}, {"key", key}}),
                         1);
        item.subject = t.label();
        item.threshold = key;
    }

    void awards() {
        for (std::size_t a = 0; a < c_.awards.size(); ++a) {
            const auto& aw = c_.awards[a];
            auto& e = add("award", "", "");
            e.subject = aw.id;
            if (!r_.has_award(u_, a)) {
                e.message = "explain.no_award";
                e.text = say(e.message, {{"award", title(aw)}, {"why", award_reason(r_, u_, a, lang_)}});
                continue;
            }
            const decimal amount = r_.award_amount(a);
            e.message = amount != decimal{} ? "explain.award_cash" : "explain.award";
            e.text = say(e.message, {{"award", title(aw)}, {"amount", format_number(amount, lang_, -1, true)}});
            if (amount != decimal{}) e.points = amount.to_string();
            if (r_.data().awards.tie_given[u_ * c_.awards.size() + a]) e.text += say("explain.award_tie");
        }
    }

    void warnings() {
        for (const auto& w : unit_warnings(r_, u_, lang_)) {
            auto& e = add("warning", "explain.note", say("explain.note", {{"message", w.message}}));
            e.phase = w.phase;
            e.subject = w.criterion.empty() ? w.subject : w.criterion;
        }
    }

    const report& r_;
    const campaign& c_;
    const compiled_plan& pl_;
    std::size_t u_;
    language lang_;
    const unit_facts facts_;
    explanation out_;
};

}  // namespace

explanation explain(const report& r, std::size_t u, language lang) { return explainer(r, u, lang).run(); }

language parse_language(std::string_view text) {
    if (text == "vi") return language::vi;
    if (text == "en") return language::en;
    throw schema_error("unknown language '" + std::string(text) + "' (use 'vi' or 'en')", {});
}

language default_language(const campaign& c) { return c.language.empty() ? language::vi : parse_language(c.language); }

const char* language_code(language lang) { return lang == language::vi ? "vi" : "en"; }

}  // namespace thidua

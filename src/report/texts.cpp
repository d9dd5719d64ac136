// Reasons and warnings about a report, worded from the catalog of messages (report/messages.hpp) in Vietnamese and
// English. JSON reports use the English texts, which name ids; the Vietnamese texts name titles and write decimals
// with a comma, as Vietnamese documents do.

#include "thidua/detail/texts.hpp"
#include "thidua/detail/report_data.hpp"

#include <algorithm>

#include "thidua/analysis/margins.hpp"
#include "thidua/model/legal.hpp"
#include "thidua/report/messages.hpp"
#include "thidua/report/report.hpp"

namespace thidua::detail {

namespace {

bool vi(language lang) { return lang == language::vi; }

std::string number(decimal d, language lang) { return format_number(d, lang); }

std::string points(const report& r, decimal d, language lang) { return format_number(d, lang, r.campaign().precision); }

/// A class or award named for the reader: its title, quoted, else its id.
template <class T>
std::string name(const T& item, language lang) {
    return item.title.empty() ? item.id : quote_name(item.title, lang);
}

std::string percent(decimal share, language lang) { return format_percent(share, lang); }

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

std::string quote_name(const std::string& words, language lang) {
    return vi(lang) ? "«" + words + "»" : "“" + words + "”";
}

std::string format_percent(decimal share, language lang, int digits) {
    const decimal hundredfold = digits < 0 ? decimal::from_micros(share.micros() * 100)
                                           : mul_div(share, decimal::from_int(100), decimal::from_int(1), digits, rounding::half_up);
    return format_number(hundredfold, lang, digits) + (vi(lang) ? " %" : "%");
}

std::string format_date(date d, language lang) {
    if (!vi(lang)) return d.to_string();
    const std::string iso = d.to_string();
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string layer_title(const layer& l, language lang) {
    if (!l.title.empty()) return l.title;
    const std::string id = "layer." + l.id;
    const auto catalog = message_catalog();
    const bool known = std::binary_search(catalog.begin(), catalog.end(), message_text{id, {}, {}},
                                          [](const message_text& a, const message_text& b) { return a.id < b.id; });
    if (known) return std::string(message_template(id, lang));
    const bool numbered = std::all_of(l.id.begin(), l.id.end(), [](char c) { return c >= '0' && c <= '9'; });
    return numbered ? format_message("layer.numbered", lang, {{"n", l.id}}) : l.id;
}

std::string pair_key(const report& r, std::size_t p, std::size_t c) {
    return r.campaign().phases[p].id + "/" + r.campaign().criteria[c].id;
}

std::string phase_label(const campaign& c, std::size_t p, language lang) {
    if (!c.phases[p].label.empty()) return c.phases[p].label;
    return format_message("phase.numbered", lang, {{"n", std::to_string(p + 1)}});
}

std::string phase_name(const campaign& c, std::size_t p, language lang) {
    return c.phases[p].title.empty() ? phase_label(c, p, lang) : c.phases[p].title;
}

std::string criterion_name(const campaign& c, std::size_t k, language lang) {
    if (!c.criteria[k].title.empty()) return c.criteria[k].title;
    return format_message("criterion.numbered", lang, {{"n", std::to_string(k + 1)}});
}

std::string slot_name(const campaign& c, std::size_t p, std::size_t k, language lang) {
    const std::string criterion = quote_name(criterion_name(c, k, lang), lang);
    if (c.phases.size() < 2) return criterion;
    return format_message("phase.slot", lang, {{"criterion", criterion}, {"phase", phase_label(c, p, lang)}});
}

std::string unit_kind_title(const campaign& c, const std::string& kind) {
    const auto i = index_of(c.unit_kinds, kind);
    return i < 0 ? std::string() : c.unit_kinds[static_cast<std::size_t>(i)].title;
}

std::vector<std::string> legal_basis(const report& r, language lang) {
    const auto& c = r.campaign();
    std::vector<std::string> out;
    const auto cited = [&](const legal::source& s) {
        return s.article.empty() ? std::string(s.document) : std::string(s.document) + ", " + std::string(s.article);
    };
    if (c.base_salary_legal) {
        const auto* s = legal::base_salary_on(*c.decided);
        out.push_back(format_message("legal.base_salary", lang, {{"amount", format_number(s->amount, lang, -1, true)},
                                                                 {"source", cited(s->cite)},
                                                                 {"decided", format_date(*c.decided, lang)}}));
    }
    for (const auto& a : c.awards) {
        if (!a.legal_multiplier) continue;
        const auto* t = legal::title_on(a.legal_title, *c.decided);
        out.push_back(format_message("legal.title", lang, {{"award", name(a, lang)},
                                                           {"multiplier", number(t->multiplier, lang)},
                                                           {"source", cited(t->cite)}}));
    }
    return out;
}

std::string margin_text(const report& r, const margin& m, language lang) {
    const auto& c = r.campaign();
    std::string what;
    switch (m.target) {
        case margin::target_kind::class_up: what = "class"; break;
        case margin::target_kind::rank_up: what = "rank"; break;
        case margin::target_kind::award: what = "award"; break;
    }
    const std::string rank = std::to_string(m.index);
    const std::string target = m.target == margin::target_kind::class_up ? name(c.classes[m.index], lang)
                               : m.target == margin::target_kind::award  ? name(c.awards[m.index], lang)
                                                                         : rank;
    std::string out;
    if (m.delta) {
        out = format_message("margin." + what, lang, {{"delta", points(r, *m.delta, lang)}, {"target", target}});
    } else {
        std::string why;
        for (std::size_t start = 0; start <= m.blocked_by.size();) {  // codes joined by ", "
            const std::size_t end = std::min(m.blocked_by.find(", ", start), m.blocked_by.size());
            append(why, format_message("margin.why." + m.blocked_by.substr(start, end - start), lang));
            start = end + 2;
        }
        out = format_message("margin.blocked_" + what, lang, {{"target", target}, {"why", why}});
    }
    if (!m.criterion.empty()) {
        const auto p = static_cast<std::size_t>(index_of(c.phases, m.phase));
        const auto k = static_cast<std::size_t>(index_of(c.criteria, m.criterion));
        const std::string slot = slot_name(c, p, k, lang);
        out += m.value->is_boolean ? format_message("margin.value_done", lang, {{"slot", slot}})  // a yes closes it
                                   : format_message("margin.value", lang, {{"slot", slot}, {"value", number(m.value->number, lang)}});
    }
    return out;
}

std::string tie_break_name(const campaign& c, const tie_break& t, language lang) {
    if (!t.title.empty()) return t.title;
    switch (t.kind) {
        case tie_break_kind::criterion: {
            const auto k = static_cast<std::size_t>(index_of(c.criteria, t.argument));
            return format_message("tie.criterion", lang, {{"criterion", criterion_name(c, k, lang)}});
        }
        case tie_break_kind::phase: {
            const auto p = static_cast<std::size_t>(index_of(c.phases, t.argument));
            return format_message("tie.phase", lang, {{"phase", phase_label(c, p, lang)}});
        }
        case tie_break_kind::attribute:
            if (t.at_least) {
                return format_message("tie.attribute_at_least", lang,
                                      {{"attribute", t.argument}, {"threshold", number(*t.at_least, lang)}});
            }
            return format_message(t.descending ? "tie.attribute_higher" : "tie.attribute_lower", lang,
                                  {{"attribute", t.argument}});
        case tie_break_kind::bonus: return format_message("tie.bonus", lang);
        case tie_break_kind::penalty: return format_message("tie.penalty", lang);
        case tie_break_kind::earliest_submission: return format_message("tie.earliest_submission", lang);
        case tie_break_kind::vote: return format_message("tie.vote", lang);
        case tie_break_kind::lot: return format_message("tie.lot", lang);
    }
    return {};
}

/// Why a unit fails a history gate, from the fact bind_history recorded: the year and what the unit held then,
/// or (not_within_years) the year it received `award`. `held_now`: this year's class, when the earlier years hold.
static std::string history_reason(const report& r, const history_gate& gate, const history_fact& fact,
                                  bool facts_given, const class_rule& held_now, const award_rule* award, language lang) {
    const auto& c = r.campaign();
    if (fact.received) {
        return format_message("reason.history_received", lang, {{"award", name(*award, lang)},
                                                                {"year", std::to_string(fact.year)},
                                                                {"n", std::to_string(gate.not_within_years)}});
    }
    const std::string n = std::to_string(gate.consecutive_years);
    const auto& wanted = c.classes[static_cast<std::size_t>(r.data().compiled().class_index(gate.class_at_least))];
    if (fact.year == 0 && facts_given) {  // the earlier years hold: this year's class falls short
        return format_message("reason.history_this_year", lang, {{"n", n}, {"class", name(wanted, lang)},
                                                                 {"held", name(held_now, lang)}});
    }
    const std::string held = fact.held_class >= 0 ? name(c.classes[static_cast<std::size_t>(fact.held_class)], lang)
                                                  : format_message("reason.history_no_record", lang);
    return format_message("reason.history_class", lang,
                          {{"n", n}, {"class", name(wanted, lang)},
                           {"year", std::to_string(fact.year ? fact.year : c.end.year() - 1)},
                           {"held", held}});
}

std::string class_history_reason(const report& r, std::size_t u, std::size_t k, language lang) {
    const auto& c = r.campaign();
    const auto& facts = r.data().inputs.class_history;
    const history_fact fact = facts.empty() ? history_fact{} : facts[u * c.classes.size() + k];
    return history_reason(r, *c.classes[k].history, fact, !facts.empty(), c.classes[r.class_of(u)], nullptr, lang);
}

std::string award_reason(const report& r, std::size_t u, std::size_t a, language lang) {
    const auto& c = r.campaign();
    const auto& rule = c.awards[a];
    const std::size_t ua = u * c.awards.size() + a;
    const unsigned why = r.data().awards.refused[ua];
    std::string out;
    if (why & refused_disqualified) append(out, format_message("reason.disqualified", lang));
    if (why & refused_class) {
        const auto& held = c.classes[r.class_of(u)];
        const auto& needed = c.classes[static_cast<std::size_t>(r.data().compiled().class_index(rule.min_class))];
        append(out, format_message("reason.class", lang, {{"held", name(held, lang)}, {"needed", name(needed, lang)}}));
    }
    if (why & refused_score) {
        append(out, format_message("reason.score", lang,
                                   {{"total", points(r, r.total(u), lang)}, {"min", number(*rule.min_score, lang)}}));
    }
    if (why & refused_unregistered) append(out, format_message("reason.unregistered", lang, {{"award", name(rule, lang)}}));
    if (why & refused_vote) {
        const auto [yes, of] = r.data().inputs.ballot(u, a, c.awards.size());
        const std::int64_t council = rule.council_size.value_or(of);
        append(out, format_message("reason.vote", lang, {{"yes", std::to_string(yes)}, {"of", std::to_string(council)},
                                                         {"percent", percent(cut_share(yes, council), lang)},
                                                         {"min", percent(*rule.min_vote_share, lang)}}));
    }
    if (why & refused_no_vote) append(out, format_message("reason.no_vote", lang, {{"min", percent(*rule.min_vote_share, lang)}}));
    if (why & refused_exclusive) {
        const auto& held = c.awards[static_cast<std::size_t>(r.data().awards.exclusive_holder[ua])];
        append(out, format_message("reason.exclusive", lang, {{"held", name(held, lang)}}));
    }
    if (why & refused_history) {
        const auto& facts = r.data().inputs.history;
        const history_fact fact = facts.empty() ? history_fact{} : facts[ua];
        append(out, history_reason(r, *rule.history, fact, !facts.empty(), c.classes[r.class_of(u)], &rule, lang));
    }
    if (why & refused_quota) {
        const std::size_t group = rule.scope == award_scope::overall ? 0 : r.data().compiled().cluster_of(u);
        append(out, format_message("reason.quota", lang, {{"n", std::to_string(r.data().awards.quota[a][group])}}));
    }
    return out;
}

std::string quota_base(std::int64_t base, const std::string& share_of, cluster_kind kind, language lang) {
    const std::string n = std::to_string(base);
    if (share_of.empty()) {
        const char* word = kind == cluster_kind::block ? "word.block" : "word.cluster";
        return format_message("reason.quota_of_cluster", lang, {{"base", n}, {"cluster_kind", format_message(word, lang)}});
    }
    return format_message("reason.quota_of_class", lang, {{"base", n}, {"class", share_of}});
}

std::string class_reason(const report& r, std::size_t u, language lang) {
    const std::int32_t k = r.data().classes.refused_by[u];
    if (k < 0) return {};
    const auto& c = r.campaign();
    const auto& cls = c.classes[static_cast<std::size_t>(k)];
    const auto& pl = r.data().compiled();
    const auto* q = r.data().classes.quota(pl.cluster_of(u), static_cast<std::size_t>(k));
    const std::string share_of =
        cls.share_of.empty() ? std::string() : name(c.classes[static_cast<std::size_t>(pl.class_index(cls.share_of))], lang);
    return format_message("reason.class_quota", lang,
                          {{"class", name(cls, lang)},
                           {"limit", std::to_string(q->limit)},
                           {"share", percent(*cls.max_share, lang)},
                           {"of", quota_base(q->base, share_of, c.clusters[pl.cluster_of(u)].kind, lang)}});
}

std::vector<warning> unit_warnings(const report& r, std::size_t u, language lang) {
    const auto& c = r.campaign();
    const auto& pl = r.data().compiled();
    std::vector<warning> out;
    for (std::size_t p = 0; p < pl.phases(); ++p) {
        for (std::size_t k = 0; k < pl.criteria_in(p); ++k) {
            if (r.status(p, u, k) != slot_status::absent) continue;
            const std::size_t crit = pl.phase_criteria(p)[k];
            out.push_back({"missing_result", c.phases[p].id, c.criteria[crit].id, {},
                           format_message("warning.missing_result", lang, {{"key", slot_name(c, p, crit, lang)}})});
        }
    }
    const auto& all_late = r.data().inputs.late;
    const auto [first, last] = std::equal_range(all_late.begin(), all_late.end(), late_report{static_cast<std::uint32_t>(u), 0, 0},
                                                [](const late_report& a, const late_report& b) { return a.unit < b.unit; });
    for (auto it = first; it != last; ++it) {
        const auto& row = r.results().rows[it->row];
        const auto& phase = c.phases[it->phase];
        out.push_back({"late_report", phase.id, row.criterion, {},
                       format_message("warning.late_report", lang,
                                      {{"key", slot_name(c, it->phase, static_cast<std::size_t>(index_of(c.criteria, row.criterion)), lang)},
                                       {"date", format_date(*row.submitted, lang)},
                                       {"due", format_date(*phase.report_due, lang)}})});
    }
    if (r.data().classes.tie_admitted[u]) {
        const auto& cls = c.classes[r.class_of(u)];
        out.push_back({"quota_tie", {}, {}, cls.id, format_message("warning.quota_tie", lang, {{"class", name(cls, lang)}})});
    }
    for (std::size_t a = 0; a < c.awards.size(); ++a) {
        if (!r.data().awards.tie_given[u * c.awards.size() + a]) continue;
        out.push_back({"award_tie", {}, {}, c.awards[a].id,
                       format_message("warning.award_tie", lang, {{"award", name(c.awards[a], lang)}})});
    }
    return out;
}

/// Warns when the results leave most of what the campaign asks for without a row: no rows at all, or more than
/// half of the in-scale slots absent (results of another campaign, a truncated file). Reports from arrays have no
/// rows to miss.
static void missing_results(const report& r, language lang, std::vector<warning>& out) {
    if (!r.data().from_rows) return;
    if (r.results().rows.empty()) {
        out.push_back({"no_results", {}, {}, {}, format_message("warning.no_results", lang, {})});
        return;
    }
    const auto& pl = r.data().compiled();
    std::int64_t slots = 0, absent = 0;
    for (std::size_t p = 0; p < pl.phases(); ++p) {
        for (std::size_t u = 0; u < pl.units(); ++u) {
            for (std::size_t k = 0; k < pl.criteria_in(p); ++k) {
                const slot_status s = r.status(p, u, k);
                slots += in_scale(s);
                absent += s == slot_status::absent;
            }
        }
    }
    if (2 * absent <= slots) return;
    const decimal share = decimal::from_micros(absent * 100'000'000 / slots);  // whole micros of a percentage
    out.push_back({"mostly_missing", {}, {}, {},
                   format_message("warning.mostly_missing", lang,
                                  {{"missing", std::to_string(absent)},
                                   {"slots", std::to_string(slots)},
                                   {"share", format_number(share, lang, 1)}})});
}

std::vector<warning> report_warnings(const report& r, language lang) {
    const auto& c = r.campaign();
    std::vector<warning> out;
    missing_results(r, lang, out);
    if (!r.data().inputs.votes_given) {
        std::string needs;
        for (const auto& a : c.awards) {
            if (!a.min_vote_share) continue;
            append(needs, format_message("warning.vote_needed_by_award", lang,
                                         {{"award", name(a, lang)}, {"min", percent(*a.min_vote_share, lang)}}));
        }
        for (const auto& t : c.tie_breaks) {
            if (t.kind != tie_break_kind::vote) continue;
            append(needs, format_message("warning.vote_needed_by_tie_break", lang,
                                         {{"tie_break", tie_break_name(c, t, lang)}}));
        }
        if (!needs.empty()) out.push_back({"no_votes", {}, {}, {}, format_message("warning.no_votes", lang, {{"needs", needs}})});
    }
    if (!r.data().inputs.events_given && !c.adjustments.empty()) {
        std::string declared;
        for (const auto& a : c.adjustments) declared += (declared.empty() ? "" : ", ") + name(a, lang);
        out.push_back({"no_events", {}, {}, {}, format_message("warning.no_events", lang, {{"adjustments", declared}})});
    }
    return out;
}

}  // namespace thidua::detail

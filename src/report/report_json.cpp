// The report document (docs/format.md, Report). Units are ordered by cluster (campaign order) then cluster rank; every
// decimal is a string at the campaign's precision; keys come in a fixed order, so the same input gives the
// same bytes.

#include <algorithm>
#include <ostream>

#include "thidua/detail/json_writer.hpp"
#include "thidua/detail/texts.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/core/version.hpp"
#include "thidua/model/legal.hpp"
#include "thidua/report/report.hpp"
#include "thidua/report/tables.hpp"

namespace thidua {

namespace {

using detail::json_writer;

class report_writer {
public:
    explicit report_writer(const report& r) : r_(r), c_(r.campaign()), pl_(r.data().compiled()), w_(true) {}

    std::string run() {
        w_.begin_object();
        w_.field_int("thidua_report", 1);
        w_.field("campaign", c_.id);
        w_.key("campaign_version");
        c_.version.empty() ? w_.null() : w_.string(c_.version);
        w_.field("campaign_sha256", r_.campaign_sha256());
        w_.field("results_sha256", r_.results_sha256());
        w_.field("library_version", version);
        w_.field_int("precision", c_.precision);
        w_.key("period").begin_object().field("start", c_.start.to_string()).field("end", c_.end.to_string()).end_object();
        if (r_.results().as_of) w_.field("as_of", r_.results().as_of->to_string());  // an interim review
        write_inputs();
        w_.key("warnings").begin_array();
        for (const auto& warning : detail::report_warnings(r_, language::en)) write_warning(warning);
        w_.end_array();
        w_.key("units").begin_array();
        for (std::size_t g = 0; g < pl_.clusters(); ++g) {
            for (std::uint32_t u : r_.cluster_ranking(g).order) write_unit(u);
        }
        w_.end_array();
        w_.key("clusters").begin_array();
        for (const auto& summary : r_.clusters()) write_cluster(summary);
        w_.end_array();
        write_award_cash();
        write_legal();
        w_.key("ballots").begin_array();
        for (const auto& record : r_.ballots()) write_ballots(record);
        w_.end_array();
        w_.end_object();
        std::string out = w_.take();
        out += '\n';
        return out;
    }

private:
    /// What came in and where it went: every result row lands in exactly one slot (a row that cannot is an
    /// error), so "used" equals "results"; a reader can check that nothing was dropped.
    void write_inputs() {
        const auto& rows = r_.data().inputs.row;
        const auto used = std::count_if(rows.begin(), rows.end(), [](std::int32_t row) { return row >= 0; });
        w_.key("inputs").begin_object();
        w_.field_int("results", static_cast<std::int64_t>(r_.results().rows.size()));
        w_.field_int("used", static_cast<std::int64_t>(used));
        w_.field_int("events", static_cast<std::int64_t>(r_.results().events.size()));
        w_.field_int("votes", static_cast<std::int64_t>(r_.results().votes.size()));
        if (!r_.layers().empty()) {  // each row gives its slot, unless a later layer gives it again
            w_.field_int("superseded", static_cast<std::int64_t>(r_.results().rows.size()) - used);
        }
        w_.end_object();
        if (r_.layers().empty()) return;
        w_.key("layers").begin_array();
        for (const auto& l : r_.layers()) {
            w_.begin_object().field("id", l.id).field("title", detail::layer_title(l, language::en)).end_object();
        }
        w_.end_array();
    }

    /// A layered report's unit: who set each final figure, and each layer's points, total, class and rank alone.
    void write_layers(std::size_t u) {
        if (r_.layers().empty()) return;
        w_.key("set_by").begin_object();
        for_each_pair(u, [&](std::size_t p, std::size_t k, std::size_t crit, slot_status) {
            const std::int32_t by = r_.set_by(p, u, k);
            if (by >= 0) w_.field(detail::pair_key(r_, p, crit), r_.layers()[static_cast<std::size_t>(by)].id);
        });
        w_.end_object();
        w_.key("layers").begin_array();
        for (std::size_t i = 0; i < r_.layers().size(); ++i) {
            const report& alone = r_.layer_report(i);
            w_.begin_object().field("layer", r_.layers()[i].id);
            w_.key("points").begin_object();
            for_each_pair(u, [&](std::size_t p, std::size_t k, std::size_t crit, slot_status) {
                if (alone.data().inputs.row_of(pl_, p, u, k) >= 0 && in_scale(alone.status(p, u, k))) {
                    w_.field(detail::pair_key(r_, p, crit), fixed(alone.points(p, u, k)));
                }
            });
            w_.end_object();
            w_.field("total", fixed(alone.total(u))).field("class", c_.classes[alone.class_of(u)].id);
            w_.field_int("cluster_rank", alone.cluster_rank(u)).end_object();
        }
        w_.end_array();
    }

    void write_warning(const detail::warning& warning) {
        w_.begin_object().field("code", warning.code);
        if (!warning.phase.empty()) w_.field("phase", warning.phase);
        if (!warning.criterion.empty()) w_.field("criterion", warning.criterion);
        if (!warning.subject.empty()) w_.field("subject", warning.subject);
        w_.field("message", warning.message).end_object();
    }

    std::string fixed(decimal d) const { return d.to_string(c_.precision); }
    std::string fixed(std::int64_t micros) const { return fixed(decimal::from_micros(micros)); }

    void write_unit(std::size_t u) {
        const auto& unit = pl_.unit_list()[u];
        w_.begin_object();
        w_.field("id", unit.id).field("name", unit.name).field("cluster", unit.cluster).field("kind", unit.kind);
        w_.key("points").begin_object();
        for_each_pair(u, [&](std::size_t p, std::size_t k, std::size_t crit, slot_status s) {
            if (in_scale(s)) w_.field(detail::pair_key(r_, p, crit), fixed(r_.points(p, u, k)));
        });
        w_.end_object();
        w_.key("statuses").begin_object();
        for_each_pair(u, [&](std::size_t p, std::size_t, std::size_t crit, slot_status s) {
            w_.field(detail::pair_key(r_, p, crit), report_name(s));
        });
        w_.end_object();
        w_.key("phases").begin_object();
        for (std::size_t p = 0; p < pl_.phases(); ++p) {
            if (r_.phase_counted(u, p)) w_.field(c_.phases[p].id, fixed(r_.phase_score(u, p)));
        }
        w_.end_object();
        w_.field("base", fixed(r_.base(u))).field("bonus", fixed(r_.bonus(u)));
        w_.field("penalty", fixed(r_.penalty(u))).field("total", fixed(r_.total(u)));
        write_items(u);
        w_.field("class", c_.classes[r_.class_of(u)].id);
        const std::string reason = detail::class_reason(r_, u, language::en);
        w_.key("class_reason");
        reason.empty() ? w_.null() : w_.string(reason);
        w_.field_int("cluster_rank", r_.cluster_rank(u)).field_int("overall_rank", r_.overall_rank(u));
        w_.key("tie_broken_by");
        const auto broken = tie_break_name(r_, u);
        broken ? w_.string(*broken) : w_.null();
        w_.key("awards").begin_array();
        for (std::size_t a = 0; a < c_.awards.size(); ++a) {
            if (r_.has_award(u, a)) w_.string(c_.awards[a].id);
        }
        w_.end_array();
        w_.key("award_reasons").begin_object();
        for (std::size_t a = 0; a < c_.awards.size(); ++a) {
            if (!r_.has_award(u, a)) w_.field(c_.awards[a].id, detail::award_reason(r_, u, a, language::en));
        }
        w_.end_object();
        w_.field("award_cash", r_.award_cash(u).to_string());
        w_.key("warnings").begin_array();
        for (const auto& warning : detail::unit_warnings(r_, u, language::en)) write_warning(warning);
        w_.end_array();
        write_layers(u);
        w_.end_object();
    }

    template <class F>
    void for_each_pair(std::size_t u, F&& f) const {
        for (std::size_t p = 0; p < pl_.phases(); ++p) {
            for (std::size_t k = 0; k < pl_.criteria_in(p); ++k) {
                f(p, k, pl_.phase_criteria(p)[k], r_.status(p, u, k));
            }
        }
    }

    void write_items(std::size_t u) {
        const auto& sc = r_.data().scores;
        for (const auto kind : {adjustment_kind::bonus, adjustment_kind::penalty}) {
            w_.key(kind == adjustment_kind::bonus ? "bonus_items" : "penalty_items").begin_array();
            for (std::size_t a = 0; a < c_.adjustments.size(); ++a) {
                const std::size_t ua = u * c_.adjustments.size() + a;
                if (c_.adjustments[a].kind != kind || r_.data().inputs.event_count[ua] == 0) continue;
                w_.begin_object().field("id", c_.adjustments[a].id).field("kind", "adjustment");
                w_.field_int("count", r_.data().inputs.event_count[ua]).field("points", fixed(sc.adjustment_points[ua]));
                w_.end_object();
            }
            if (kind == adjustment_kind::bonus) write_exceed_items(u);
            if (kind == adjustment_kind::penalty && r_.data().inputs.late_reports[u] > 0 && c_.late_penalty) {
                w_.begin_object().field("id", "late_penalty").field("kind", "late");
                w_.field_int("count", r_.data().inputs.late_reports[u]).field("points", fixed(sc.late_points[u]));
                w_.end_object();
            }
            w_.end_array();
        }
    }

    /// Exceed bonuses, booked under the criterion id and summed over phases.
    void write_exceed_items(std::size_t u) {
        for (std::size_t crit = 0; crit < pl_.criteria(); ++crit) {
            const std::int64_t sum = sum_over_phases(pl_, r_.data().inputs, u, crit).bonus;
            if (sum == 0) continue;
            w_.begin_object().field("id", c_.criteria[crit].id).field("kind", "exceed").field("points", fixed(sum));
            w_.end_object();
        }
    }

    void write_cluster(const cluster_summary& s) {
        w_.begin_object();
        w_.field("id", c_.clusters[s.cluster].id).field("name", c_.clusters[s.cluster].name).field_int("units", s.units);
        w_.key("head");
        c_.clusters[s.cluster].head.empty() ? w_.null() : w_.string(c_.clusters[s.cluster].head);
        w_.key("class_counts").begin_object();
        for (std::size_t k = 0; k < c_.classes.size(); ++k) w_.field_int(c_.classes[k].id, s.class_counts[k]);
        w_.end_object();
        w_.key("class_shares").begin_object();
        for (std::size_t k = 0; k < c_.classes.size(); ++k) w_.field(c_.classes[k].id, s.class_shares[k].to_string(4));
        w_.end_object();
        w_.key("mean_total");
        s.mean_total ? w_.string(fixed(*s.mean_total)) : w_.null();
        w_.key("median_total");
        s.median_total ? w_.string(fixed(*s.median_total)) : w_.null();
        w_.key("goals").begin_array();
        for (const auto& g : s.goals) {
            const auto& goal = c_.cluster_goals[g.goal];
            w_.begin_object().field("id", goal.id).field("title", goal.title);
            w_.field("class_at_least", goal.class_at_least).field("min_share", goal.min_share.to_string());
            w_.field_int("count", g.count).field("share", g.share.to_string(4));
            w_.field_bool("met", g.met).end_object();
        }
        w_.end_array();
        w_.key("quotas").begin_array();
        for (const auto& q : s.quotas) {
            w_.begin_object().field("class", c_.classes[static_cast<std::size_t>(q.cls)].id);
            w_.field_int("base", q.base).field_int("limit", q.limit).field_int("admitted", q.admitted).end_object();
        }
        w_.end_array();
        w_.end_object();
    }

    void write_award_cash() {
        const auto& money = r_.award_totals();
        w_.key("award_cash").begin_object();
        w_.key("awards").begin_object();
        for (std::size_t a = 0; a < c_.awards.size(); ++a) {
            const auto& t = money.awards[a];
            w_.key(c_.awards[a].id).begin_object().field_int("receivers", t.receivers);
            w_.field("amount", t.amount.to_string()).field("total", t.total.to_string()).end_object();
        }
        w_.end_object();
        w_.field("total", money.total.to_string());
        w_.end_object();
    }

    /// The legal tables' figures the campaign took (model/legal.hpp), with their sources; nothing when none.
    void write_legal() {
        const bool titled = std::any_of(c_.awards.begin(), c_.awards.end(), [](const award_rule& a) { return a.legal_multiplier; });
        if (!c_.base_salary_legal && !titled) return;
        w_.key("legal").begin_object().field("decided", c_.decided->to_string());
        if (c_.base_salary_legal) {
            const auto* s = legal::base_salary_on(*c_.decided);
            w_.key("base_salary").begin_object().field("amount", s->amount.to_string());
            w_.field("document", s->cite.document);
            write_article(s->cite.article);
            w_.end_object();
        }
        w_.key("awards").begin_array();
        for (const auto& a : c_.awards) {
            if (!a.legal_multiplier) continue;
            const auto* t = legal::title_on(a.legal_title, *c_.decided);
            w_.begin_object().field("id", a.id).field("legal_title", a.legal_title).field("decree", t->cite.document);
            write_article(t->cite.article);
            w_.field("multiplier", t->multiplier.to_string()).end_object();
        }
        w_.end_array();
        w_.end_object();
    }

    /// An article of a legal source, null when it could not be read (docs/legal.md).
    void write_article(std::string_view article) {
        w_.key("article");
        article.empty() ? w_.null() : w_.string(article);
    }

    void write_ballots(const ballot_record& record) {
        const auto& award = c_.awards[record.award];
        w_.begin_object().field("award", award.id).key("cluster");
        record.cluster ? w_.string(c_.clusters[*record.cluster].id) : w_.null();
        if (award.council_size) w_.field_int("council_size", *award.council_size);
        w_.field("min_vote_share", award.min_vote_share->to_string());
        w_.key("votes").begin_array();
        for (const auto& b : record.ballots) {
            w_.begin_object().field("unit", pl_.unit_list()[b.unit].id);
            w_.field_int("yes", b.yes).field_int("of", b.of).field_int("council", b.council);
            w_.field_bool("on_award", b.on_award).field("share", b.share.to_string(4)).field_bool("passed", b.passed);
            w_.end_object();
        }
        w_.end_array().end_object();
    }

    const report& r_;
    const campaign& c_;
    const detail::compiled_plan& pl_;
    json_writer w_;
};

}  // namespace

std::string to_json(const report& r) { return report_writer(r).run(); }

void to_json(const report& r, std::ostream& out) { out << to_json(r); }

}  // namespace thidua

// Scoring assessment layers: each layer alone, then the final figures merged slot by slot (docs/semantics.md §13).

#include "thidua/detail/layers.hpp"

#include <algorithm>

#include "thidua/detail/messages.hpp"
#include "thidua/detail/report_data.hpp"
#include "thidua/scoring/score.hpp"

namespace thidua::detail {

namespace {

/// Whether layer `i` of `all` states its events (or votes): an item of it, or a document of it stating the list.
template <class Items>
bool states(const results& all, const Items& items, bool source::*stated, std::uint32_t i) {
    for (const auto& s : all.sources) {
        if (s.layer == i && s.*stated) return true;
    }
    return std::any_of(items.begin(), items.end(), [&](const auto& item) { return all.layer_of(item.origin) == i; });
}

/// Layer `i` of `all` as results of its own: its rows, events and votes, every document kept so that each item
/// still names its own. `global` receives the index in `all.rows` of each of its rows.
results layer_alone(const results& all, std::uint32_t i, std::vector<std::uint32_t>& global) {
    results one;
    one.format = all.format;
    one.campaign = all.campaign;
    one.campaign_source = all.campaign_source;
    one.sources = all.sources;
    for (auto& s : one.sources) s.layer = 0;
    one.layers = {all.layers[i]};
    for (std::size_t r = 0; r < all.rows.size(); ++r) {
        if (all.layer_of(all.rows[r].origin) != i) continue;
        one.rows.push_back(all.rows[r]);
        global.push_back(static_cast<std::uint32_t>(r));
    }
    for (const auto& e : all.events) {
        if (all.layer_of(e.origin) == i) one.events.push_back(e);
    }
    for (const auto& v : all.votes) {
        if (all.layer_of(v.origin) == i) one.votes.push_back(v);
    }
    one.events_given = states(all, all.events, &source::states_events, i);
    one.votes_given = states(all, all.votes, &source::states_votes, i);
    return one;
}

std::string layer_name(const layer& l) { return quoted(l.id); }

/// Whether two layers' reports hold the same status and value in `slot`.
bool same_figure(const report& a, const report& b, std::size_t slot) {
    const auto& x = a.data().inputs;
    const auto& y = b.data().inputs;
    return x.status_storage[slot] == y.status_storage[slot] && x.value_storage[slot] == y.value_storage[slot];
}

}  // namespace

report score_layers(const plan& p, std::shared_ptr<const results> all, const score_options& options,
                    std::vector<std::int64_t> total_delta) {
    const compiled_plan& pl = p.compiled();
    const auto layers = static_cast<std::uint32_t>(all->layers.size());
    if (layers > 100) {
        throw limit_error(std::to_string(layers) + " assessment layers are more than the limit of 100", {});
    }
    auto record = std::make_shared<layer_record>();
    std::vector<std::vector<std::uint32_t>> global(layers);
    for (std::uint32_t i = 0; i < layers; ++i) {
        record->alone.push_back(score(p, layer_alone(*all, i, global[i]), options));
    }
    // The final row of every slot: the last layer's that gives it.
    record->set_by.assign(pl.slots(), -1);
    record->differs.assign(pl.slots(), 0);
    std::vector<std::int8_t> first_by(pl.slots(), -1);
    std::vector<std::int32_t> final_row(pl.slots(), -1);
    for (std::uint32_t i = 0; i < layers; ++i) {
        const auto& rows = record->alone[i].data().inputs.row;
        for (std::size_t slot = 0; slot < rows.size(); ++slot) {
            if (rows[slot] < 0) continue;
            const std::uint32_t row = global[i][static_cast<std::size_t>(rows[slot])];
            if (final_row[slot] >= 0) {
                const result_row& before = all->rows[static_cast<std::size_t>(final_row[slot])];
                const result_row& now = all->rows[row];
                if (before.status != now.status && now.note.empty()) {
                    throw validation_error(
                        "layer " + layer_name(all->layers[i]) + " changes the status of unit " + quoted(now.unit) +
                            ", criterion " + quoted(now.criterion) + " from '" + std::string(to_string(before.status)) +
                            "' (layer " + layer_name(all->layers[all->layer_of(before.origin)]) + ", " +
                            all->where(before.origin).text() + ") to '" + std::string(to_string(now.status)) +
                            "': say why in its note",
                        all->where(now.origin, "note"));
                }
            }
            final_row[slot] = static_cast<std::int32_t>(row);
            record->set_by[slot] = static_cast<std::int8_t>(i);
            if (first_by[slot] < 0) {
                first_by[slot] = static_cast<std::int8_t>(i);
            } else if (!same_figure(record->alone[static_cast<std::size_t>(first_by[slot])], record->alone[i], slot)) {
                record->differs[slot] = 1;
            }
        }
    }
    // The final figures as one set of results: the final rows in input order, the events and the votes of the last
    // layer stating them.
    results merged;
    merged.format = all->format;
    merged.campaign = all->campaign;
    merged.campaign_source = all->campaign_source;
    merged.sources = all->sources;
    std::vector<std::int32_t> in_all;  // merged row → row of `all`
    for (std::int32_t row : final_row) {
        if (row >= 0) in_all.push_back(row);
    }
    std::sort(in_all.begin(), in_all.end());
    for (std::int32_t row : in_all) merged.rows.push_back(all->rows[static_cast<std::size_t>(row)]);
    for (std::uint32_t i = layers; i-- > 0;) {
        if (!merged.events_given && record->alone[i].results().events_given) {
            merged.events = record->alone[i].results().events;
            merged.events_given = true;
        }
        if (!merged.votes_given && record->alone[i].results().votes_given) {
            merged.votes = record->alone[i].results().votes;
            merged.votes_given = true;
        }
    }
    columns in = bind(pl, merged);
    // The report's results are every layer's: its row indices name rows of `all`.
    for (auto& row : in.row) {
        if (row >= 0) row = in_all[static_cast<std::size_t>(row)];
    }
    for (auto& late : in.late) late.row = static_cast<std::uint32_t>(in_all[late.row]);
    in.total_delta = std::move(total_delta);
    return make_report(p, std::move(all), std::move(in), nullptr, options, std::move(record));
}

}  // namespace thidua::detail

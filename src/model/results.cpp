// Results gathered from several documents, and the checks a row alone allows, shared by every reader.

#include "thidua/model/results.hpp"

#include <algorithm>

#include "thidua/detail/arrays.hpp"
#include "thidua/detail/messages.hpp"

namespace thidua {

void* cached_allocate(std::size_t bytes) { return detail::array_cache::instance().allocate(bytes); }

void cached_deallocate(void* p, std::size_t bytes) noexcept { detail::array_cache::instance().deallocate(p, bytes); }

location source::where(const origin& o, std::string_view field) const {
    location at = o.at(name, field);
    if (sheet_columns.empty() || o.line == 0) return at;
    std::size_t column = 0;
    while (column < sheet_columns.size() && sheet_columns[column] != field) ++column;
    at.cell = column < sheet_columns.size() ? detail::cell_name(column, o.line) : "row " + std::to_string(o.line);
    return at;
}

namespace {

/// Gives `more`'s sources the indices of their layers in `into`, adding the layers `into` lacks.
void join_layers(results& into, results& more) {
    if (more.layers.empty()) {
        const auto last = into.layers.empty() ? 0 : static_cast<std::uint32_t>(into.layers.size() - 1);
        for (auto& s : more.sources) s.layer = last;
        return;
    }
    const bool none_before = into.layers.empty();
    std::vector<std::uint32_t> index_in_into;
    for (auto& l : more.layers) {
        auto same = std::find_if(into.layers.begin(), into.layers.end(), [&](const layer& x) { return x.id == l.id; });
        if (same == into.layers.end()) {
            into.layers.push_back(l);
            same = into.layers.end() - 1;
        } else if (same->title.empty()) {
            same->title = l.title;
        }
        index_in_into.push_back(static_cast<std::uint32_t>(same - into.layers.begin()));
    }
    if (none_before) {
        for (auto& s : into.sources) s.layer = index_in_into.front();
    }
    for (auto& s : more.sources) s.layer = index_in_into.at(s.layer);
}

}  // namespace

void set_layer(results& r, std::string id, std::string title) {
    if (id.empty()) throw reference_error("a layer id must not be empty", {});
    r.layers = {layer{std::move(id), std::move(title)}};
    for (auto& s : r.sources) s.layer = 0;
}

results layered(std::vector<results> layers) {
    results all;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (layers[i].layers.empty()) set_layer(layers[i], std::to_string(i + 1));
        if (i == 0) {
            all = std::move(layers[i]);
        } else {
            append(all, std::move(layers[i]));
        }
    }
    return all;
}

void append(results& into, results more) {
    if (!more.campaign.empty()) {
        if (into.campaign.empty()) {
            into.campaign = more.campaign;
            into.campaign_source = static_cast<std::uint32_t>(into.sources.size()) + more.campaign_source;
        } else if (more.campaign != into.campaign) {
            throw reference_error("these results are for campaign '" + more.campaign + "', while " +
                                      into.sources.at(into.campaign_source).name + " is for '" + into.campaign + "'",
                                  {more.sources.at(more.campaign_source).name, "/campaign", 0, {}});
        }
    }
    if (more.as_of) {
        if (into.as_of && *into.as_of != *more.as_of) {
            throw validation_error("these results are an interim review on " + more.as_of->to_string() + ", while " +
                                       into.sources.front().name + " is on " + into.as_of->to_string(),
                                   {more.sources.front().name, "/as_of", 0, {}});
        }
        into.as_of = more.as_of;
    }
    for (auto& y : more.history) into.history.push_back(std::move(y));
    join_layers(into, more);
    const auto shift = static_cast<std::uint32_t>(into.sources.size());
    auto move_all = [shift](auto& to, auto& from) {
        to.reserve(to.size() + from.size());
        for (auto& item : from) {
            item.origin.source += shift;
            to.push_back(std::move(item));
        }
    };
    move_all(into.rows, more.rows);
    move_all(into.events, more.events);
    move_all(into.votes, more.votes);
    for (auto& s : more.sources) into.sources.push_back(std::move(s));
    into.events_given = into.events_given || more.events_given;
    into.votes_given = into.votes_given || more.votes_given;
}

namespace detail {

std::string cell_name(std::size_t column, std::size_t row) {
    std::string letters;
    for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    return letters + std::to_string(row);
}

std::optional<field_problem> vote_problem(const vote& v) {
    if (v.of < 1) return field_problem{"of", "'of' counts the council members and must be at least 1", true};
    if (v.yes < 0) return field_problem{"yes", "'yes' must not be negative", true};
    if (v.yes > v.of) {
        return field_problem{"yes", "yes (" + std::to_string(v.yes) + ") is greater than of (" + std::to_string(v.of) + ")", false};
    }
    return std::nullopt;
}

std::string registration_below_floor(std::string_view unit, std::string_view criterion, decimal value, decimal floor) {
    return "unit " + quoted(unit) + " registered " + value.to_string() + " for criterion " + quoted(criterion) +
           ", below its floor of " + floor.to_string() + " (min_registration)";
}

std::optional<field_problem> event_problem(const event& e) {
    if (e.count < 1) {
        return field_problem{"count", "an event count is a whole number of at least 1, found " + std::to_string(e.count), true};
    }
    return std::nullopt;
}

}  // namespace detail

}  // namespace thidua

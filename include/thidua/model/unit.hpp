#pragma once
/// @file unit.hpp
/// Competitors (units) and the clusters/blocks they rank in.

#include <optional>
#include <string>
#include <vector>

#include "thidua/core/decimal.hpp"

namespace thidua {

/// A cụm thi đua (cluster) or khối thi đua (block): the group a unit ranks in.
enum class cluster_kind { cluster, block };

/// A cluster or block of the campaign: its units rank among themselves.
struct cluster {
    std::string id;  ///< named by units' cluster
    std::string name;  ///< shown in tables
    cluster_kind kind = cluster_kind::cluster;  ///< cluster or block: a label for tables
    std::string head;  ///< the unit heading the cluster this year (cụm trưởng, khối trưởng); empty: not stated
};

/// A kind of unit as readers call it: {"id": "ward", "title": "phường"}. Criteria's applies_to and units name
/// kinds by id; texts name them by title.
struct unit_kind {
    std::string id;  ///< the kind units and criteria name
    std::string title;  ///< the kind as a sentence names it
};

/// A unit attribute such as {"women_share": "0.72"}: a number, or a text that may read as a number.
struct attribute {
    std::string name;  ///< the attribute's name, unique among a unit's
    std::string text;               ///< the value as written
    bool is_text = false;           ///< written as a JSON string
    std::optional<decimal> number;  ///< the value when it reads as a decimal
};

/// A competitor: a commune, ward, district, town committee or member organisation.
struct unit {
    std::string id;  ///< the unit's id; results name it
    std::string name;  ///< shown in tables
    std::string kind;     ///< free text matched by criteria's applies_to (commune, ward, member_org …)
    std::string cluster;  ///< id of its cluster
    std::vector<attribute> attributes;  ///< named facts about the unit, which attribute tie-breaks read
    std::vector<std::string> predecessors;  ///< ids of the units merged into it, which history names

    /// The attribute with that name, or nullptr.
    const attribute* find_attribute(std::string_view attribute_name) const {
        for (const auto& a : attributes) {
            if (a.name == attribute_name) return &a;
        }
        return nullptr;
    }
};

}  // namespace thidua

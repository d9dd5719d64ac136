// The JSON Schemas of the campaign and results documents: one text each, for every tool.

#include "thidua/io/schema.hpp"

#include <string>

#include "thidua/core/error.hpp"

namespace thidua {

namespace detail {

// Kept as literal text rather than built from the readers' key lists: a schema is a document users read, with
// descriptions and per-kind branches that the readers have no reason to carry.
inline constexpr std::string_view campaign_schema = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "thidua campaign",
  "description": "A thidua campaign document, format version 1: the rules and the participants of one emulation movement (a year's pact or a special campaign in phases). This schema describes the keys, types and shapes the reader accepts; unknown keys are errors, and null for an optional key means the key is absent. The library also checks what a schema cannot express: a key appears at most once in an object; dates are real calendar dates; decimals have at most 6 fractional digits and a magnitude below 10^12, and points (max_points, band and exceed points, adjustment points, caps, the late penalty) at most `precision` fractional digits; the ranges given in the field descriptions (greater than 0, a share between 0 and 1, precision 0 to 6); a whole number written as a string with an exponent is whole; ids are unique in their list and every reference names an existing id (a unit's cluster, a phase's criteria, a criterion's group, registered targets, forces_class, share_of, min_class, exclusive_with, class_at_least, tie-break criterion and phase); phases are in date order and tile the campaign exactly from start to end; phase weights are greater than 0 and sum to exactly 1; every criterion is used by some phase; when groups are declared every criterion names one; bands are strictly ordered, their points never decrease as the threshold gets better and never exceed max_points; the last class has no conditions (the catch-all); a multiplier needs base_salary; an attribute used by a tie-break is numeric.",
  "type": "object",
  "additionalProperties": false,
  "required": ["thidua", "id", "start", "end", "clusters", "units", "criteria", "classes"],
  "properties": {
    "thidua": {
      "title": "Format version",
      "description": "The campaign format version: 1.",
      "anyOf": [{"const": 1}, {"type": "string", "pattern": "^0*1(\\.0*)?$"}]
    },
    "id": {"$ref": "#/$defs/id", "title": "Campaign id", "description": "Identifies the campaign; a results document names it in `campaign`."},
    "title": {"$ref": "#/$defs/text", "title": "Title", "description": "The campaign's name."},
    "kind": {
      "title": "Campaign kind",
      "description": "`pact` (giao ước thi đua, usually one phase for a year) or `special` (đợt thi đua đặc biệt, in dated phases).",
      "enum": ["pact", "special", null]
    },
    "version": {"$ref": "#/$defs/text", "title": "Ruleset version", "description": "The ruleset's own label (e.g. the date it was adopted); the report carries it."},
    "language": {"$ref": "#/$defs/text", "title": "Language", "description": "The language of the texts, e.g. `vi`."},
    "start": {"$ref": "#/$defs/date", "title": "Start", "description": "The campaign's first day (inclusive)."},
    "end": {"$ref": "#/$defs/date", "title": "End", "description": "The campaign's last day (inclusive), not before start."},
    "precision": {"$ref": "#/$defs/whole_or_null", "title": "Precision", "description": "Fractional digits of all points, 0 to 6; default 2."},
    "rounding": {
      "title": "Rounding mode",
      "description": "How points, phase scores and the base score are rounded to `precision`: `half_up` (away from zero at .5, the default), `half_even`, `down` (toward zero) or `up` (away from zero).",
      "enum": ["half_up", "half_even", "down", "up", null]
    },
    "scale": {"$ref": "#/$defs/decimal_or_null", "title": "Scale", "description": "The phase score of full points; greater than 0, default 100."},
    "clusters": {
      "title": "Clusters",
      "description": "The emulation clusters (cụm) or blocks (khối); units rank inside their cluster.",
      "type": "array",
      "items": {"$ref": "#/$defs/cluster"}
    },
    "unit_kinds": {
      "title": "Unit kinds",
      "description": "Titles of the units' kinds for texts (\"không áp dụng cho phường\"): the ids are those units' `kind` and criteria's `applies_to` name.",
      "type": ["array", "null"],
      "items": {"$ref": "#/$defs/unit_kind"}
    },
    "units": {
      "title": "Units",
      "description": "The competing units; at least one.",
      "type": "array",
      "minItems": 1,
      "items": {"$ref": "#/$defs/unit"}
    },
    "phases": {
      "title": "Phases",
      "description": "The dated phases, in date order, tiling the campaign. Absent: one phase `main` from start to end, weight 1, using every criterion. `weight` may be left out only when there is a single phase.",
      "type": ["array", "null"],
      "minItems": 1,
      "items": {"$ref": "#/$defs/phase"},
      "if": {"minItems": 2},
      "then": {"items": {"required": ["weight"], "properties": {"weight": {"$ref": "#/$defs/decimal"}}}}
    },
    "groups": {
      "title": "Groups",
      "description": "Sections of the score sheet, each optionally capped; when given, every criterion names one in `group`.",
      "type": ["array", "null"],
      "items": {"$ref": "#/$defs/group"}
    },
    "criteria": {
      "title": "Criteria",
      "description": "The contents of the pact, each turned into points by its rule; at least one.",
      "type": "array",
      "minItems": 1,
      "items": {"$ref": "#/$defs/criterion"}
    },
    "targets": {
      "title": "Registered targets",
      "description": "The figures units registered for ratio criteria when signing the pact.",
      "type": ["array", "null"],
      "items": {"$ref": "#/$defs/target"}
    },
    "registrations": {
      "title": "Registrations",
      "description": "The titles each unit registered for at the start of the year (đăng ký thi đua); awards with `requires_registration` go only to units that registered for them. A unit appears at most once.",
      "type": ["array", "null"],
      "items": {
        "type": "object",
        "additionalProperties": false,
        "required": ["unit"],
        "properties": {
          "unit": {"$ref": "#/$defs/id", "title": "Unit"},
          "awards": {"title": "Awards", "description": "Ids of the awards the unit registered for.", "type": ["array", "null"], "items": {"$ref": "#/$defs/id"}}
        }
      }
    },
    "adjustments": {
      "title": "Adjustments",
      "description": "Bonus (điểm thưởng), penalty (điểm trừ) and disqualifying events that results report in `events`.",
      "type": ["array", "null"],
      "items": {"$ref": "#/$defs/adjustment"}
    },
    "late_penalty": {
      "title": "Late-report penalty",
      "description": "A penalty for result rows submitted after their phase's `report_due`: per row, per phase or once per unit.",
      "type": ["object", "null"],
      "additionalProperties": false,
      "required": ["per_report"],
      "properties": {
        "per_report": {"$ref": "#/$defs/decimal", "title": "Points per late report", "description": "Penalty points per item (see `per`); greater than 0."},
        "per": {"title": "Per", "description": "What one item is: `row` (each late result row, the default), `phase` (each phase with a late row) or `unit` (once, whatever was late).", "enum": ["row", "phase", "unit", null]},
        "cap": {"$ref": "#/$defs/decimal_or_null", "title": "Cap", "description": "At most this many late-report points in all; no cap when absent."}
      }
    },
    "bonus_cap": {"$ref": "#/$defs/decimal_or_null", "title": "Bonus cap", "description": "At most this many bonus points in all (adjustments and exceed bonuses); no cap when absent."},
    "penalty_cap": {"$ref": "#/$defs/decimal_or_null", "title": "Penalty cap", "description": "At most this many penalty points in all; no cap when absent."},
    "classes": {
      "title": "Classes",
      "description": "Classification levels, best first; a unit gets the first whose conditions all hold. The last has no conditions (the catch-all).",
      "type": "array",
      "minItems": 1,
      "items": {"$ref": "#/$defs/class"}
    },
    "tie_breaks": {
      "title": "Tie-breaks",
      "description": "Rules that separate equal totals, applied in order inside groups still tied.",
      "type": ["array", "null"],
      "items": {"$ref": "#/$defs/tie_break"}
    },
    "awards": {
      "title": "Awards",
      "description": "Rewards given in rank order, in the order listed, to units that pass every gate, up to a quota.",
      "type": ["array", "null"],
      "items": {"$ref": "#/$defs/award"}
    },
    "base_salary": {"anyOf": [{"$ref": "#/$defs/decimal_or_null"}, {"const": "legal"}], "title": "Base salary", "description": "The amount an award's `multiplier` multiplies; not negative. `\"legal\"`: the base salary of the legal tables (docs/legal.md) in force on `decided`, also taken when absent while an award names a `legal_title`."},
    "history_predecessors": {"title": "History of merged units", "description": "How an award's history gate reads a unit's `predecessors` in a year it did not exist: `all` (every one must meet it, the default) or `any`.", "enum": ["all", "any", null]},
    "decided": {"$ref": "#/$defs/date_or_null", "title": "Decided", "description": "The day of the award decision: a `legal_title`'s multiplier and a `\"legal\"` base salary follow the tables in force that day (cash follows the decision's date, not the campaign's)."},
    "cluster_goals": {
      "title": "Cluster goals",
      "description": "Collective targets checked per cluster, e.g. every unit completes its tasks well or better.",
      "type": ["array", "null"],
      "items": {"$ref": "#/$defs/cluster_goal"}
    }
  },
  "$defs": {
    "id": {"description": "An identifier: a non-empty string.", "type": "string", "minLength": 1},
    "id_or_null": {"description": "An identifier (a non-empty string), or null for absent.", "type": ["string", "null"], "minLength": 1},
    "ids": {"description": "A list of identifiers.", "type": "array", "items": {"$ref": "#/$defs/id"}},
    "text": {"description": "A free text, or null for absent.", "type": ["string", "null"]},
    "date": {"description": "An ISO date YYYY-MM-DD.", "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "date_or_null": {"description": "An ISO date YYYY-MM-DD, or null for absent.", "anyOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
    "decimal": {
      "description": "An exact decimal: a JSON number or a string such as \"7.5\" (an exponent is allowed), read exactly as written.",
      "anyOf": [{"type": "number"}, {"type": "string", "pattern": "^-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$"}]
    },
    "decimal_or_null": {"description": "An exact decimal, or null for absent.", "anyOf": [{"$ref": "#/$defs/decimal"}, {"type": "null"}]},
    "whole": {
      "description": "A whole number: a JSON integer (2 or 2.0) or a string such as \"2\"; a string with an exponent is checked to be whole by the library.",
      "anyOf": [
        {"type": "integer"},
        {"type": "string", "pattern": "^-?([0-9]+\\.?0*|\\.0+)$"},
        {"type": "string", "pattern": "^-?([0-9]+\\.?[0-9]*|\\.[0-9]+)[eE][+-]?[0-9]+$"}
      ]
    },
    "whole_or_null": {"description": "A whole number, or null for absent.", "anyOf": [{"$ref": "#/$defs/whole"}, {"type": "null"}]},
    "cluster": {
      "title": "Cluster",
      "type": "object",
      "additionalProperties": false,
      "required": ["id"],
      "properties": {
        "id": {"$ref": "#/$defs/id", "title": "Cluster id"},
        "name": {"$ref": "#/$defs/text", "title": "Name"},
        "kind": {"title": "Cluster kind", "description": "`cluster` (cụm thi đua, the default) or `block` (khối thi đua).", "enum": ["cluster", "block", null]},
        "head": {"anyOf": [{"$ref": "#/$defs/id"}, {"type": "null"}], "title": "Head", "description": "The unit heading the cluster this year (cụm trưởng, khối trưởng: it rotates each year); a unit of the cluster. Reports and thidua.history carry it."}
      }
    },
    "unit_kind": {
      "title": "Unit kind",
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "title"],
      "properties": {
        "id": {"$ref": "#/$defs/id", "title": "Kind id"},
        "title": {"$ref": "#/$defs/text", "title": "Title", "description": "The kind as a sentence names it, e.g. \"phường\"."}
      }
    },
    "unit": {
      "title": "Unit",
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "cluster"],
      "properties": {
        "id": {"$ref": "#/$defs/id", "title": "Unit id"},
        "name": {"$ref": "#/$defs/text", "title": "Name"},
        "kind": {"$ref": "#/$defs/text", "title": "Unit kind", "description": "A free label such as `commune`, `ward` or `member_org`, matched by criteria's `applies_to`."},
        "cluster": {"$ref": "#/$defs/id", "title": "Cluster", "description": "The id of the unit's cluster."},
        "predecessors": {"$ref": "#/$defs/ids", "title": "Predecessors", "description": "The ids of the units merged into this one (2025 reorganisation): earlier years' reports name them, and history gates read them."},
        "attributes": {
          "title": "Attributes",
          "description": "Named facts about the unit, each a number or a string (e.g. {\"women_share\": \"0.72\"}); an `attribute` tie-break reads them.",
          "type": ["object", "null"],
          "additionalProperties": {"type": ["number", "string"]}
        }
      }
    },
    "phase": {
      "title": "Phase",
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "start", "end", "criteria"],
      "properties": {
        "id": {"$ref": "#/$defs/id", "title": "Phase id"},
        "title": {"$ref": "#/$defs/text", "title": "Title"},
        "label": {"$ref": "#/$defs/text", "title": "Label", "description": "A short name for table columns and axes, e.g. \"Đợt 1\"; absent: \"Giai đoạn 1\" (\"Phase 1\"), numbered by position."},
        "start": {"$ref": "#/$defs/date", "title": "Start", "description": "The phase's first day (inclusive)."},
        "end": {"$ref": "#/$defs/date", "title": "End", "description": "The phase's last day (inclusive)."},
        "weight": {"$ref": "#/$defs/decimal_or_null", "title": "Weight", "description": "The phase's share of the base score; greater than 0, all weights sum to exactly 1. Required when there are several phases."},
        "report_due": {"$ref": "#/$defs/date_or_null", "title": "Report due", "description": "Rows submitted after this date are late (see `late_penalty`)."},
        "criteria": {"$ref": "#/$defs/ids", "title": "Criteria", "description": "The ids of the criteria scored in this phase; at least one."}
      }
    },
    "group": {
      "title": "Group",
      "type": "object",
      "additionalProperties": false,
      "required": ["id"],
      "properties": {
        "id": {"$ref": "#/$defs/id", "title": "Group id"},
        "title": {"$ref": "#/$defs/text", "title": "Title"},
        "max_points": {"$ref": "#/$defs/decimal_or_null", "title": "Cap", "description": "The group's points are capped at this; greater than 0; no cap when absent."}
      }
    },
    "criterion": {
      "title": "Criterion",
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "max_points", "rule"],
      "properties": {
        "id": {"$ref": "#/$defs/id", "title": "Criterion id"},
        "title": {"$ref": "#/$defs/text", "title": "Title"},
        "group": {"$ref": "#/$defs/id_or_null", "title": "Group", "description": "A declared group's id, or a free label when the campaign declares no groups."},
        "max_points": {"$ref": "#/$defs/decimal", "title": "Max points", "description": "The points of a criterion fully met; greater than 0."},
        "rule": {"$ref": "#/$defs/rule"},
        "mandatory": {"title": "Mandatory", "description": "Classes with `requires_all_mandatory` need this criterion met in every phase.", "type": ["boolean", "null"]},
        "applies_to": {
          "title": "Applies to",
          "description": "The unit kinds the criterion applies to; absent means every kind.",
          "type": ["array", "null"],
          "items": {"$ref": "#/$defs/id"}
        },
        "value_kind": {"title": "Value kind", "description": "`number` (the default) or `share`: a value from 0 to 1, which tables may write as a percentage (85%).", "enum": ["number", "share", null]},
        "min_registration": {"$ref": "#/$defs/decimal_or_null", "title": "Registration floor", "description": "A ratio criterion's least registered target (\"at least 3 models\"); a registered target below it is an error. Greater than 0, and at most the rule's default target."}
      }
    },
    "rule": {
      "title": "Rule",
      "description": "Turns a reported value into points; its keys depend on `kind`.",
      "type": "object",
      "required": ["kind"],
      "properties": {
        "kind": {
          "title": "Rule kind",
          "description": "`ratio` (value / target of max points), `bands` (thresholds with points), `boolean` (true gives max points) or `manual` (the value is the points).",
          "enum": ["ratio", "bands", "boolean", "manual"]
        }
      },
      "allOf": [
        {"if": {"required": ["kind"], "properties": {"kind": {"const": "ratio"}}}, "then": {"$ref": "#/$defs/rule_ratio"}},
        {"if": {"required": ["kind"], "properties": {"kind": {"const": "bands"}}}, "then": {"$ref": "#/$defs/rule_bands"}},
        {"if": {"required": ["kind"], "properties": {"kind": {"enum": ["boolean", "manual"]}}}, "then": {"$ref": "#/$defs/rule_plain"}}
      ]
    },
    "rule_ratio": {
      "title": "Ratio rule",
      "description": "Points = max × value / target, full points at or above the target.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "kind": {"const": "ratio"},
        "target": {"$ref": "#/$defs/decimal_or_null", "title": "Default target", "description": "Used when neither the row nor a registered target gives one; greater than 0."},
        "credit": {"title": "Credit", "description": "Below the target: `linear` (max × ratio, the default) or `all_or_nothing` (0).", "enum": ["linear", "all_or_nothing", null]},
        "min_ratio": {"$ref": "#/$defs/decimal_or_null", "title": "Minimum ratio", "description": "A ratio below this gives 0 points; 0 to 1, default 0."},
        "exceed": {
          "title": "Exceed bonus",
          "description": "Bonus points for exceeding the target: min(floor((ratio − 1) × 100 / step_percent) × points_per_step, cap).",
          "type": ["object", "null"],
          "additionalProperties": false,
          "required": ["step_percent", "points_per_step"],
          "properties": {
            "step_percent": {"$ref": "#/$defs/decimal", "title": "Step (%)", "description": "Percent above the target per step; greater than 0."},
            "points_per_step": {"$ref": "#/$defs/decimal", "title": "Points per step", "description": "Bonus points per step; greater than 0."},
            "cap": {"$ref": "#/$defs/decimal_or_null", "title": "Cap", "description": "At most this many exceed points per phase; no cap of its own when absent (bonus_cap still applies)."}
          }
        }
      }
    },
    "rule_bands": {
      "title": "Bands rule",
      "description": "The best band the value reaches gives its points; none gives 0.",
      "type": "object",
      "additionalProperties": false,
      "required": ["bands"],
      "properties": {
        "kind": {"const": "bands"},
        "bands": {
          "title": "Bands",
          "description": "At least one band; all `at_least` bands (higher is better) or all `at_most` bands (lower is better), not mixed, thresholds strictly ordered.",
          "type": "array",
          "minItems": 1,
          "oneOf": [
            {"items": {"$ref": "#/$defs/band_at_least"}},
            {"items": {"$ref": "#/$defs/band_at_most"}}
          ]
        }
      }
    },
    "band_at_least": {
      "title": "Band (higher is better)",
      "description": "A band with exactly one threshold: at_least.",
      "type": "object",
      "additionalProperties": false,
      "required": ["at_least", "points"],
      "properties": {
        "at_least": {"$ref": "#/$defs/decimal", "title": "At least", "description": "The band is reached by a value at or above this."},
        "at_most": {"type": "null"},
        "points": {"$ref": "#/$defs/decimal", "title": "Points", "description": "The band's points, 0 to max_points."}
      }
    },
    "band_at_most": {
      "title": "Band (lower is better)",
      "description": "A band with exactly one threshold: at_most.",
      "type": "object",
      "additionalProperties": false,
      "required": ["at_most", "points"],
      "properties": {
        "at_least": {"type": "null"},
        "at_most": {"$ref": "#/$defs/decimal", "title": "At most", "description": "The band is reached by a value at or below this."},
        "points": {"$ref": "#/$defs/decimal", "title": "Points", "description": "The band's points, 0 to max_points."}
      }
    },
    "rule_plain": {
      "title": "Boolean or manual rule",
      "description": "`boolean`: true (or 1) gives max points, false (or 0) gives 0. `manual`: the value is the points, 0 to max. No other keys.",
      "type": "object",
      "additionalProperties": false,
      "properties": {"kind": {"enum": ["boolean", "manual"]}}
    },
    "target": {
      "title": "Registered target",
      "type": "object",
      "additionalProperties": false,
      "required": ["unit", "criterion", "value"],
      "properties": {
        "unit": {"$ref": "#/$defs/id", "title": "Unit", "description": "The unit that registered the target."},
        "criterion": {"$ref": "#/$defs/id", "title": "Criterion", "description": "A ratio criterion."},
        "phase": {"$ref": "#/$defs/id_or_null", "title": "Phase", "description": "The phase it holds for; absent means every phase."},
        "value": {"$ref": "#/$defs/decimal", "title": "Target", "description": "The registered figure; greater than 0."}
      }
    },
    "adjustment": {
      "title": "Adjustment",
      "description": "A bonus or penalty (points per reported item, optionally capped) or a disqualifying event.",
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "kind"],
      "properties": {
        "id": {"$ref": "#/$defs/id", "title": "Adjustment id", "description": "Named by results' `events`."},
        "kind": {"title": "Adjustment kind", "description": "`bonus`, `penalty` or `disqualify` (no awards, no classes marked `exclude_disqualified`).", "enum": ["bonus", "penalty", "disqualify"]},
        "title": {"$ref": "#/$defs/text", "title": "Title"},
        "points_per_item": {"$ref": "#/$defs/decimal_or_null", "title": "Points per item", "description": "Bonus or penalty points per event count; required for bonus and penalty, greater than 0; not allowed for disqualify."},
        "cap": {"$ref": "#/$defs/decimal_or_null", "title": "Cap", "description": "At most this many points from this adjustment; not allowed for disqualify."},
        "forces_class": {"$ref": "#/$defs/id_or_null", "title": "Forces class", "description": "Disqualify only: the unit's class is at most this class (a veto)."}
      },
      "if": {"required": ["kind"], "properties": {"kind": {"const": "disqualify"}}},
      "then": {"properties": {"points_per_item": {"type": "null"}, "cap": {"type": "null"}}},
      "else": {"required": ["points_per_item"], "properties": {"points_per_item": {"$ref": "#/$defs/decimal"}, "forces_class": {"type": "null"}}}
    },
    "class": {
      "title": "Class",
      "description": "A classification level; every condition given must hold.",
      "type": "object",
      "additionalProperties": false,
      "required": ["id"],
      "properties": {
        "id": {"$ref": "#/$defs/id", "title": "Class id"},
        "title": {"$ref": "#/$defs/text", "title": "Title"},
        "min_score": {"$ref": "#/$defs/decimal_or_null", "title": "Minimum score", "description": "The total must be at least this."},
        "requires_all_mandatory": {"title": "Requires all mandatory", "description": "Every applicable mandatory criterion is met in every phase.", "type": ["boolean", "null"]},
        "min_met_share": {"$ref": "#/$defs/decimal_or_null", "title": "Minimum met share", "description": "Met over applicable criterion-phase pairs is at least this; 0 to 1."},
        "min_exceeded_share": {"$ref": "#/$defs/decimal_or_null", "title": "Minimum exceeded share", "description": "Among applicable ratio criterion-phase pairs, the share with ratio above 1 is at least this; 0 to 1."},
        "exclude_disqualified": {"title": "Exclude disqualified", "description": "A unit with a disqualify event cannot hold this class.", "type": ["boolean", "null"]},
        "max_share": {"$ref": "#/$defs/decimal_or_null", "title": "Quota", "description": "At most floor(max_share × base) units of a cluster hold the class, in rank order; base is the cluster size or the `share_of` count; 0 to 1."},
        "share_of": {"$ref": "#/$defs/id_or_null", "title": "Quota base", "description": "A class id: the quota's base is the number of units that satisfy that class or a higher one. Needs max_share."},
        "history": {"type": ["object", "null"], "additionalProperties": false, "title": "History gate", "description": "Earlier years (scored with history): the unit held `class_at_least` or better in each of the `consecutive_years` − 1 years before this one.", "properties": {"class_at_least": {"$ref": "#/$defs/id_or_null"}, "consecutive_years": {"type": ["integer", "null"], "minimum": 0}}}
      },
      "if": {"required": ["share_of"], "properties": {"share_of": {"type": "string"}}},
      "then": {"required": ["max_share"], "properties": {"max_share": {"$ref": "#/$defs/decimal"}}}
    },
    "tie_break": {
      "title": "Tie-break",
      "description": "One rule separating equal totals; its keys depend on `kind`.",
      "type": "object",
      "required": ["kind"],
      "properties": {
        "kind": {
          "title": "Tie-break kind",
          "description": "`criterion` (its points, higher first; + `criterion`), `phase` (that phase score, higher first; + `phase`), `bonus` (higher first), `penalty` (lower first), `earliest_submission` (latest submitted date, earlier first), `vote` (vote share, higher first), `attribute` (a numeric unit attribute; + `attribute`, `order`), `lot` (seeded draw; + `seed`).",
          "enum": ["criterion", "phase", "bonus", "penalty", "earliest_submission", "vote", "attribute", "lot"]
        }
      },
      "allOf": [
        {"if": {"required": ["kind"], "properties": {"kind": {"const": "criterion"}}}, "then": {"$ref": "#/$defs/tie_break_criterion"}},
        {"if": {"required": ["kind"], "properties": {"kind": {"const": "phase"}}}, "then": {"$ref": "#/$defs/tie_break_phase"}},
        {"if": {"required": ["kind"], "properties": {"kind": {"const": "attribute"}}}, "then": {"$ref": "#/$defs/tie_break_attribute"}},
        {"if": {"required": ["kind"], "properties": {"kind": {"const": "lot"}}}, "then": {"$ref": "#/$defs/tie_break_lot"}},
        {
          "if": {"required": ["kind"], "properties": {"kind": {"enum": ["bonus", "penalty", "earliest_submission", "vote"]}}},
          "then": {"$ref": "#/$defs/tie_break_plain"}
        }
      ]
    },
    "tie_break_title": {"$ref": "#/$defs/text", "title": "Title", "description": "Shown as `tie_broken_by`; default `kind:argument` or the bare kind."},
    "tie_break_criterion": {
      "type": "object",
      "additionalProperties": false,
      "required": ["criterion"],
      "properties": {
        "kind": {"const": "criterion"},
        "criterion": {"$ref": "#/$defs/id", "title": "Criterion", "description": "The criterion whose points (summed over phases) decide, higher first."},
        "title": {"$ref": "#/$defs/tie_break_title"}
      }
    },
    "tie_break_phase": {
      "type": "object",
      "additionalProperties": false,
      "required": ["phase"],
      "properties": {
        "kind": {"const": "phase"},
        "phase": {"$ref": "#/$defs/id", "title": "Phase", "description": "The phase whose score decides, higher first."},
        "title": {"$ref": "#/$defs/tie_break_title"}
      }
    },
    "tie_break_attribute": {
      "type": "object",
      "additionalProperties": false,
      "required": ["attribute"],
      "properties": {
        "kind": {"const": "attribute"},
        "attribute": {"$ref": "#/$defs/id", "title": "Attribute", "description": "The name of a numeric unit attribute; units without it rank last."},
        "order": {"title": "Order", "description": "`desc` (higher first, the default) or `asc`.", "enum": ["desc", "asc", null]},
        "at_least": {"$ref": "#/$defs/decimal_or_null", "title": "At least", "description": "A threshold preference instead of an order (Decree 152/2025: a collective of at least 70 % women first): units whose attribute is at least this come first, the others (below it or without it) after, each side still tied for the next rule. Not with `order`."},
        "title": {"$ref": "#/$defs/tie_break_title"}
      }
    },
    "tie_break_lot": {
      "type": "object",
      "additionalProperties": false,
      "required": ["seed"],
      "properties": {
        "kind": {"const": "lot"},
        "seed": {
          "title": "Seed",
          "description": "Units are ordered by the FNV-1a hash of \"<seed>:<unit id>\"; a whole number is used in its shortest form, a string as written.",
          "type": ["integer", "string"]
        },
        "title": {"$ref": "#/$defs/tie_break_title"}
      }
    },
    "tie_break_plain": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "kind": {"enum": ["bonus", "penalty", "earliest_submission", "vote"]},
        "title": {"$ref": "#/$defs/tie_break_title"}
      }
    },
    "award": {
      "title": "Award",
      "description": "A reward with gates and a quota: exactly one of `count` and `max_share`, at most one of `cash` and `multiplier`.",
      "type": "object",
      "additionalProperties": false,
      "required": ["id"],
      "properties": {
        "id": {"$ref": "#/$defs/id", "title": "Award id"},
        "title": {"$ref": "#/$defs/text", "title": "Title"},
        "scope": {"title": "Scope", "description": "`cluster` (given in each cluster, the default) or `overall` (across all units).", "enum": ["cluster", "overall", null]},
        "count": {"$ref": "#/$defs/whole_or_null", "title": "Count", "description": "At most this many receivers per scope group; not negative."},
        "max_share": {"$ref": "#/$defs/decimal_or_null", "title": "Quota share", "description": "At most floor(max_share × group size) receivers; 0 to 1."},
        "min_count": {"$ref": "#/$defs/whole_or_null", "title": "Minimum quota", "description": "The share quota is at least this; not negative."},
        "min_class": {"$ref": "#/$defs/id_or_null", "title": "Minimum class", "description": "Receivers hold this class or a higher one."},
        "min_score": {"$ref": "#/$defs/decimal_or_null", "title": "Minimum score", "description": "Receivers' total is at least this."},
        "min_vote_share": {"$ref": "#/$defs/decimal_or_null", "title": "Minimum vote share", "description": "Receivers' vote share yes/of (yes/council_size when the award has a council) is at least this (a unit without a vote fails); 0 to 1."},
        "council_size": {"$ref": "#/$defs/whole_or_null", "title": "Council size", "description": "The members of the council voting on this award, absent ones included: the vote share is yes/council_size and a ballot counts at most this many; at least 1."},
        "requires_registration": {"title": "Requires registration", "description": "Only units that registered for the award (`registrations`) may receive it.", "type": ["boolean", "null"]},
        "exclusive_with": {
          "title": "Exclusive with",
          "description": "Ids of awards a receiver must not already hold.",
          "type": ["array", "null"],
          "items": {"$ref": "#/$defs/id"}
        },
        "cash": {"$ref": "#/$defs/decimal_or_null", "title": "Cash", "description": "The amount each receiver gets; not negative."},
        "multiplier": {"$ref": "#/$defs/decimal_or_null", "title": "Multiplier", "description": "Each receiver gets multiplier × the campaign's base_salary; not negative."},
        "history": {"type": ["object", "null"], "additionalProperties": false, "title": "History gate", "description": "A look back on earlier years (scored with history): `class_at_least` with `consecutive_years` (this year included: the class held each year, e.g. excellent 2 years running) and/or `not_within_years` (the award not received in any of the previous N years). A merged unit is read through its `predecessors` (`history_predecessors`).", "properties": {"class_at_least": {"$ref": "#/$defs/id_or_null"}, "consecutive_years": {"type": ["integer", "null"], "minimum": 0}, "not_within_years": {"type": ["integer", "null"], "minimum": 0}}},
        "legal_title": {"anyOf": [{"$ref": "#/$defs/id"}, {"type": "null"}], "title": "Legal title", "description": "A collective title of the legal tables (`co-thi-dua-tinh`, `co-thi-dua-chinh-phu`, `tap-the-lao-dong-xuat-sac` …, docs/legal.md): its multiplier under the decree in force on `decided`, unless the award gives its own `cash` or `multiplier`."}
      },
      "oneOf": [
        {"required": ["count"], "properties": {"count": {"$ref": "#/$defs/whole"}}},
        {"required": ["max_share"], "properties": {"max_share": {"$ref": "#/$defs/decimal"}}}
      ],
      "not": {"required": ["cash", "multiplier"], "properties": {"cash": {"not": {"type": "null"}}, "multiplier": {"not": {"type": "null"}}}}
    },
    "cluster_goal": {
      "title": "Cluster goal",
      "type": "object",
      "additionalProperties": false,
      "required": ["id", "class_at_least", "min_share"],
      "properties": {
        "id": {"$ref": "#/$defs/id", "title": "Goal id"},
        "title": {"$ref": "#/$defs/text", "title": "Title"},
        "class_at_least": {"$ref": "#/$defs/id", "title": "Class at least", "description": "Units holding this class or a higher one count toward the goal."},
        "min_share": {"$ref": "#/$defs/decimal", "title": "Minimum share", "description": "The goal is met when that share of the cluster's units is at least this; 0 to 1."},
        "clusters": {"$ref": "#/$defs/ids", "title": "Clusters", "description": "The ids of the clusters the goal is judged for; absent: every cluster."}
      }
    }
  }
})json";

inline constexpr std::string_view results_schema = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "thidua results",
  "description": "A thidua results document, format version 1: the figures reported for one campaign, the adjustment events and the council votes. This schema describes the keys, types and shapes the reader accepts; unknown keys are errors, and null for an optional key means the key is absent. The library also checks what a schema cannot express, against the campaign: a key appears at most once in an object; dates are real calendar dates; decimals have at most 6 fractional digits and a magnitude below 10^12; `campaign` names the campaign scored; units, criteria, phases and adjustments named exist; a row names its phase with `phase` or with a `date` inside a phase (with neither, the campaign must have a single phase), and both agree when both are given; a criterion that does not apply to the unit's kind has status `not_applicable`; no two rows share (unit, criterion, phase); a value suits its criterion's rule (true/false or 1/0 for boolean, not negative for ratio, 0 to max_points for manual); `target` is only given for ratio criteria and is greater than 0; an event count is at least 1; a vote has 0 ≤ yes ≤ of and of ≥ 1; one vote per unit on every award and one per unit and award, the award existing.",
  "type": "object",
  "additionalProperties": false,
  "required": ["thidua_results"],
  "properties": {
    "thidua_results": {
      "title": "Format version",
      "description": "The results format version: 1.",
      "anyOf": [{"const": 1}, {"type": "string", "pattern": "^0*1(\\.0*)?$"}]
    },
    "campaign": {"$ref": "#/$defs/id_or_null", "title": "Campaign id", "description": "The id of the campaign these results are for; checked when present."},
    "as_of": {"$ref": "#/$defs/date_or_null", "title": "As of", "description": "An interim review (sơ kết) on this day: in a phase not ended by then, a slot without a row is pending (not counted, not 0) and the report says it is interim."},
    "layer": {
      "title": "Assessment layer",
      "description": "Who gave these figures: an id (`tu-cham` self-assessment, `cham-cheo` cross-check, `tham-dinh` appraisal, or any other), or the id with a title. Scored together, a later layer's figure for a slot, event or vote replaces an earlier one's (docs/semantics.md §13).",
      "oneOf": [
        {"$ref": "#/$defs/id"},
        {"type": "object", "additionalProperties": false, "required": ["id"],
         "properties": {"id": {"$ref": "#/$defs/id"}, "title": {"type": ["string", "null"]}}},
        {"type": "null"}
      ]
    },
    "results": {
      "title": "Results",
      "description": "One row per reported figure (unit, criterion, phase).",
      "type": ["array", "null"],
      "items": {"$ref": "#/$defs/result"}
    },
    "events": {
      "title": "Events",
      "description": "Occurrences of the campaign's adjustments (bonus, penalty, disqualify) per unit. Left out while the campaign declares adjustments, the report warns (no_events); an empty list says that none happened.",
      "type": ["array", "null"],
      "items": {"$ref": "#/$defs/event"}
    },
    "votes": {
      "title": "Votes",
      "description": "The council's secret ballots for each unit, on every award or on one (award gates `min_vote_share`, tie-break `vote`). Left out while the campaign needs votes, the report warns (no_votes).",
      "type": ["array", "null"],
      "items": {"$ref": "#/$defs/vote"},
    "history": {
      "title": "Earlier years",
      "description": "The outcomes of earlier years that history gates look back on (docs/semantics.md §17), one item per year: what `Campaign.score(…, history=[…])` reads from saved reports, kept with the results so that their canonical form and fingerprint cover it.",
      "type": ["array", "null"],
      "items": {"$ref": "#/$defs/past_year"}
    }
    }
  },
  "$defs": {
    "past_year": {
      "description": "One earlier year: the year its period ended, the campaign it was scored in, and each unit's outcome then.",
      "type": "object", "additionalProperties": false, "required": ["year", "units"],
      "properties": {
        "year": {"type": "integer", "title": "Year", "description": "The calendar year the report's period ended in."},
        "campaign": {"$ref": "#/$defs/id_or_null", "title": "Campaign", "description": "The id of the campaign that year's report scored."},
        "units": {"type": "array", "title": "Units", "description": "Each unit (or predecessor) of that year with its outcome.", "items": {
          "type": "object", "additionalProperties": false, "required": ["id", "class", "total", "cluster_rank"],
          "properties": {
            "id": {"$ref": "#/$defs/id"},
            "class": {"$ref": "#/$defs/id", "title": "Class", "description": "The class it was given that year."},
            "awards": {"type": ["array", "null"], "items": {"$ref": "#/$defs/id"}, "title": "Awards", "description": "The ids of the awards it received that year."},
            "total": {"$ref": "#/$defs/decimal", "title": "Total", "description": "Its total that year, as the report wrote it."},
            "cluster_rank": {"type": "integer", "title": "Cluster rank", "description": "Its rank in its cluster that year."}
          }}}
      }
    },
    "id": {"description": "An identifier: a non-empty string.", "type": "string", "minLength": 1},
    "id_or_null": {"description": "An identifier (a non-empty string), or null for absent.", "type": ["string", "null"], "minLength": 1},
    "text": {"description": "A free text, or null for absent.", "type": ["string", "null"]},
    "date": {"description": "An ISO date YYYY-MM-DD.", "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "date_or_null": {"description": "An ISO date YYYY-MM-DD, or null for absent.", "anyOf": [{"$ref": "#/$defs/date"}, {"type": "null"}]},
    "decimal": {
      "description": "An exact decimal: a JSON number or a string such as \"7.5\" (an exponent is allowed), read exactly as written.",
      "anyOf": [{"type": "number"}, {"type": "string", "pattern": "^-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$"}]
    },
    "decimal_or_null": {"description": "An exact decimal, or null for absent.", "anyOf": [{"$ref": "#/$defs/decimal"}, {"type": "null"}]},
    "whole": {
      "description": "A whole number: a JSON integer (2 or 2.0) or a string such as \"2\"; a string with an exponent is checked to be whole by the library.",
      "anyOf": [
        {"type": "integer"},
        {"type": "string", "pattern": "^-?([0-9]+\\.?0*|\\.0+)$"},
        {"type": "string", "pattern": "^-?([0-9]+\\.?[0-9]*|\\.[0-9]+)[eE][+-]?[0-9]+$"}
      ]
    },
    "result": {
      "title": "Result row",
      "description": "One reported figure. A `reported` row (the default status) carries a value; a row of another status carries none.",
      "type": "object",
      "additionalProperties": false,
      "required": ["unit", "criterion"],
      "properties": {
        "unit": {"$ref": "#/$defs/id", "title": "Unit", "description": "The id of the unit reporting."},
        "criterion": {"$ref": "#/$defs/id", "title": "Criterion", "description": "The id of the criterion reported on."},
        "phase": {"$ref": "#/$defs/id_or_null", "title": "Phase", "description": "The id of the phase; or give `date`; a single-phase campaign needs neither."},
        "date": {"$ref": "#/$defs/date_or_null", "title": "Date", "description": "A day inside the phase the row belongs to."},
        "value": {
          "title": "Value",
          "description": "The figure: a decimal (count, amount, points of a manual criterion), or true/false for a boolean criterion (also as the strings \"true\"/\"false\" in any letter case).",
          "anyOf": [
            {"type": ["boolean", "number", "null"]},
            {"type": "string", "pattern": "^-?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$"},
            {"type": "string", "pattern": "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"}
          ]
        },
        "target": {"$ref": "#/$defs/decimal_or_null", "title": "Target", "description": "Overrides the registered or default target of a ratio criterion; greater than 0."},
        "status": {
          "title": "Status",
          "description": "`reported` (the default), `missing` (0 points), `exempt` or `not_applicable` (out of the unit's scale).",
          "enum": ["reported", "missing", "exempt", "not_applicable", null]
        },
        "submitted": {"$ref": "#/$defs/date_or_null", "title": "Submitted", "description": "The day the report was sent; after the phase's report_due it is late."},
        "note": {"$ref": "#/$defs/text", "title": "Note"}
      },
      "if": {"required": ["status"], "properties": {"status": {"enum": ["missing", "exempt", "not_applicable"]}}},
      "then": {"properties": {"value": {"type": "null"}}},
      "else": {"required": ["value"], "properties": {"value": {"not": {"type": "null"}}}}
    },
    "event": {
      "title": "Event",
      "type": "object",
      "additionalProperties": false,
      "required": ["unit", "adjustment"],
      "properties": {
        "unit": {"$ref": "#/$defs/id", "title": "Unit"},
        "adjustment": {"$ref": "#/$defs/id", "title": "Adjustment", "description": "The id of one of the campaign's adjustments."},
        "count": {"anyOf": [{"$ref": "#/$defs/whole"}, {"type": "null"}], "title": "Count", "description": "How many items (at least 1, default 1); events of one unit and adjustment add up."},
        "note": {"$ref": "#/$defs/text", "title": "Note"}
      }
    },
    "vote": {
      "title": "Vote",
      "type": "object",
      "additionalProperties": false,
      "required": ["unit", "yes", "of"],
      "properties": {
        "unit": {"$ref": "#/$defs/id", "title": "Unit"},
        "yes": {"$ref": "#/$defs/whole", "title": "Yes", "description": "Votes for the unit; 0 to `of`."},
        "of": {"$ref": "#/$defs/whole", "title": "Of", "description": "All council members, absent ones included; at least 1."},
        "award": {"anyOf": [{"$ref": "#/$defs/id"}, {"type": "null"}], "title": "Award", "description": "The award this ballot is on (its `min_vote_share` gate); absent: the vote counts for every award without a ballot of its own, and for the tie-break `vote`."}
      }
    }
  }
})json";

}  // namespace detail

/// The JSON Schema text of the document `name`: "campaign" or "results". Throws thidua::schema_error for
/// another name.
std::string_view json_schema(std::string_view name) {
    if (name == "campaign") return detail::campaign_schema;
    if (name == "results") return detail::results_schema;
    throw schema_error("unknown JSON Schema '" + std::string(name) + "' (known: campaign, results)", {});
}

}  // namespace thidua

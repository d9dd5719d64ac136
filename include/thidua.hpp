#pragma once
/// @file thidua.hpp
/// Everything public: exact numbers and dates, the model, reading and writing, scoring (from documents or
/// arrays), the outcomes, the report with its explanations, and the stability analysis.
///
/// @code
/// auto campaign = thidua::read_campaign_file("campaign.json");
/// auto report = thidua::score(campaign, thidua::read_results_file("results.csv"));
/// std::cout << thidua::to_json(report);
/// @endcode

#include "thidua/core/date.hpp"
#include "thidua/core/decimal.hpp"
#include "thidua/core/error.hpp"
#include "thidua/core/language.hpp"
#include "thidua/core/version.hpp"
#include "thidua/model/campaign.hpp"
#include "thidua/model/legal.hpp"
#include "thidua/model/population.hpp"
#include "thidua/model/results.hpp"
#include "thidua/io/csv.hpp"
#include "thidua/io/files.hpp"
#include "thidua/io/json.hpp"
#include "thidua/io/limits.hpp"
#include "thidua/io/schema.hpp"
#include "thidua/scoring/arrays.hpp"
#include "thidua/scoring/options.hpp"
#include "thidua/scoring/plan.hpp"
#include "thidua/scoring/score.hpp"
#include "thidua/scoring/status.hpp"
#include "thidua/outcomes/awards.hpp"
#include "thidua/outcomes/ballots.hpp"
#include "thidua/outcomes/classes.hpp"
#include "thidua/outcomes/clusters.hpp"
#include "thidua/outcomes/ranking.hpp"
#include "thidua/report/explain.hpp"
#include "thidua/report/messages.hpp"
#include "thidua/report/report.hpp"
#include "thidua/report/tables.hpp"
#include "thidua/analysis/diff.hpp"
#include "thidua/analysis/margins.hpp"
#include "thidua/analysis/stability.hpp"
#include "thidua/analysis/what_if.hpp"

#pragma once
/// @file score.hpp
/// Scoring: results against a plan (or a campaign, compiled on the way) give a report.
///
/// @code
/// const thidua::plan plan(thidua::read_campaign_file("campaign.json"));
/// const thidua::report report = thidua::score(plan, thidua::read_results_file("results.csv"));
/// @endcode

#include "thidua/model/campaign.hpp"
#include "thidua/model/results.hpp"
#include "thidua/report/report.hpp"
#include "thidua/scoring/options.hpp"
#include "thidua/scoring/plan.hpp"

namespace thidua {

/// Scores results against a compiled campaign: binds every row (an error names the row at fault), runs the kernel,
/// then ranks, classifies and gives the awards.
report score(const plan& p, results r, const score_options& options = {});

/// Compiles the campaign (validating it) and scores the results.
report score(const campaign& c, results r, const score_options& options = {});

}  // namespace thidua

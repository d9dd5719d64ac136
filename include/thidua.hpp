#pragma once
/// @file thidua.hpp
/// Everything: the model, the readers, scoring and the report.
///
/// @code
/// auto campaign = thidua::read_campaign(campaign_json);
/// auto report = thidua::score(campaign, thidua::read_results(results_json));
/// std::cout << thidua::to_json(report);
/// @endcode

#include "thidua/campaign.hpp"
#include "thidua/csv.hpp"
#include "thidua/json.hpp"
#include "thidua/report.hpp"
#include "thidua/version.hpp"

#pragma once
/// @file thidua.hpp
/// Everything: the model, the readers, scoring and the report.
///
/// @code
/// auto campaign = thidua::read_campaign(campaign_json);
/// auto report = thidua::score(campaign, thidua::read_results(results_json));
/// std::cout << thidua::to_json(report);
/// @endcode

#include "thidua/model/campaign.hpp"
#include "thidua/io/csv.hpp"
#include "thidua/io/json.hpp"
#include "thidua/report/report.hpp"
#include "thidua/core/version.hpp"

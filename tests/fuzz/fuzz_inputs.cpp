// libFuzzer target: any bytes given as a campaign, as results (JSON or CSV) scored against a valid campaign, or
// as a campaign scored with valid results, must either work or throw thidua::error, never crash or throw anything
// else. The first byte picks the reader. Build with the `fuzz` preset (clang); run with `make fuzz`.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "thidua.hpp"

namespace {

// A small valid campaign with every rule kind, two phases, quotas, tie-breaks and awards.
constexpr std::string_view campaign_text = R"({"thidua":1,"id":"f","start":"2024-01-01","end":"2024-12-31",
 "clusters":[{"id":"c"}],
 "units":[{"id":"a","name":"A","kind":"ward","cluster":"c","attributes":{"w":"0.5"}},
          {"id":"b","name":"B","kind":"commune","cluster":"c"}],
 "groups":[{"id":"g","max_points":15}],
 "phases":[{"id":"p","start":"2024-01-01","end":"2024-06-30","weight":"0.5","report_due":"2024-07-05",
            "criteria":["r","s","t","m"]},
           {"id":"q","start":"2024-07-01","end":"2024-12-31","weight":"0.5","criteria":["r","t"]}],
 "criteria":[{"id":"r","group":"g","max_points":10,"rule":{"kind":"ratio","target":3,"min_ratio":"0.2",
              "exceed":{"step_percent":10,"points_per_step":"0.5","cap":2}}},
             {"id":"s","group":"g","max_points":10,"rule":{"kind":"bands","bands":[{"at_most":1,"points":10},{"at_most":3,"points":4}]}},
             {"id":"t","group":"g","max_points":10,"rule":{"kind":"boolean"},"mandatory":true,"applies_to":["ward"]},
             {"id":"m","group":"g","max_points":10,"rule":{"kind":"manual"}}],
 "adjustments":[{"id":"x","kind":"bonus","points_per_item":1,"cap":2},{"id":"y","kind":"disqualify","forces_class":"h"}],
 "late_penalty":{"per_report":"0.5","cap":1},
 "classes":[{"id":"e","min_score":90,"max_share":"0.5","share_of":"g2"},{"id":"g2","min_met_share":"0.5"},{"id":"h"}],
 "tie_breaks":[{"kind":"criterion","criterion":"r"},{"kind":"vote"},{"kind":"attribute","attribute":"w"},{"kind":"lot","seed":1}],
 "awards":[{"id":"k","count":1,"min_vote_share":"0.5"},{"id":"l","scope":"overall","max_share":"0.5","exclusive_with":["k"]}]})";

constexpr std::string_view results_text = R"({"thidua_results":1,"campaign":"f","results":[
 {"unit":"a","criterion":"r","phase":"p","value":4,"submitted":"2024-07-09"},
 {"unit":"b","criterion":"s","date":"2024-03-01","value":"2.5"},
 {"unit":"a","criterion":"t","phase":"q","value":true}],
 "events":[{"unit":"b","adjustment":"x","count":3}],"votes":[{"unit":"a","yes":3,"of":4}]})";

const thidua::campaign& valid_campaign() {
    static const thidua::campaign c = thidua::read_campaign(campaign_text);
    return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        switch (data[0] % 3) {
            case 0: {
                const auto report = thidua::score(thidua::read_campaign(input), thidua::read_results(results_text));
                (void)thidua::to_json(report);
                break;
            }
            case 1: (void)thidua::to_json(thidua::score(valid_campaign(), thidua::read_results(input))); break;
            case 2: (void)thidua::to_json(thidua::score(valid_campaign(), thidua::read_results_csv(input))); break;
        }
    } catch (const thidua::error&) {
        // Bad input, reported with its location: the expected outcome.
    }
    return 0;
}

// The catalog of texts (thidua/report/messages.hpp): every message in both languages with the same arguments, ids
// unique and sorted, and filling a template.

#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>

#include "thidua/core/error.hpp"
#include "thidua/report/messages.hpp"

namespace {

std::set<std::string> arguments(std::string_view text) {
    std::set<std::string> out;
    const std::string s(text);
    const std::regex name(R"(\{(\w+)\})");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), name); it != std::sregex_iterator(); ++it) out.insert((*it)[1]);
    return out;
}

}  // namespace

TEST_CASE("every message has a template in each language with the same arguments") {
    const auto catalog = thidua::message_catalog();
    REQUIRE(catalog.size() > 100);
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        const auto& m = catalog[i];
        CAPTURE(std::string(m.id));
        CHECK_FALSE(m.vi.empty());
        CHECK_FALSE(m.en.empty());
        CHECK(arguments(m.vi) == arguments(m.en));
        if (i > 0) CHECK(catalog[i - 1].id < m.id);  // sorted, so unique
    }
}

TEST_CASE("a message is filled with its arguments in the language asked") {
    CHECK(thidua::format_message("explain.total", thidua::language::en,
                                 {{"base", "77.80"}, {"bonus", "1.00"}, {"penalty", "0.00"}, {"total", "78.80"}}) ==
          "Total: 77.80 + 1.00 − 0.00 = 78.80");
    CHECK(thidua::format_message("explain.class", thidua::language::vi, {{"class", "Tốt"}}) == "Xếp loại: Tốt");
    CHECK(thidua::message_template("label.rank", thidua::language::vi) == "Xếp hạng");
    CHECK_THROWS_AS((void)thidua::message_template("explain.nothing-here", thidua::language::en), thidua::reference_error);
    CHECK_THROWS_AS((void)thidua::format_message("explain.class", thidua::language::en), std::logic_error);
}

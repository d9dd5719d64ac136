// Documents from files: read whole (after a size check), then given to the JSON or CSV reader by their content.

#include "thidua/io/files.hpp"

#include <fstream>
#include <iterator>
#include <system_error>

#include "thidua/io/csv.hpp"
#include "thidua/io/json.hpp"

namespace thidua {

namespace {

std::string read_text(const std::filesystem::path& path, const limits& caps) {
    const std::string name = path.string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw parse_error("cannot read the file: " + ec.message(), {name, {}, 0, {}});
    if (size > caps.max_input_bytes) {
        throw limit_error("the file has " + std::to_string(size) + " bytes, more than the limit of " +
                              std::to_string(caps.max_input_bytes) + " (thidua::limits::max_input_bytes)",
                          {name, {}, 0, {}});
    }
    std::ifstream in(path, std::ios::binary);
    std::string text(static_cast<std::size_t>(size), '\0');
    if (!in.read(text.data(), static_cast<std::streamsize>(size))) {
        throw parse_error("cannot read the file", {name, {}, 0, {}});
    }
    return text;
}

/// The text without a UTF-8 byte order mark (which editors on Windows write first).
std::string_view without_bom(std::string_view text) {
    return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
}

/// Whether the text is a JSON document: its first character other than white space opens an object.
bool looks_like_json(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '{';
}

}  // namespace

campaign read_campaign_file(const std::filesystem::path& path, const limits& caps) {
    return read_campaign(without_bom(read_text(path, caps)), path.string(), "", caps);
}

results read_results_file(const std::filesystem::path& path, const limits& caps) {
    const std::string text = read_text(path, caps);
    if (looks_like_json(without_bom(text))) return read_results(without_bom(text), path.string(), "", caps);
    return read_results_csv(text, path.string(), caps);
}

}  // namespace thidua

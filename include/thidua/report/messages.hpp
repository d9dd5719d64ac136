#pragma once
/// @file messages.hpp
/// The catalog of texts: every sentence and label the library writes (reasons, warnings, explanations, the headers
/// of tables and sheets) as a message id with a template in each language. A template names its arguments in
/// braces ("{unit}"); the library fills them with text already written in the language (numbers with a decimal
/// comma in Vietnamese). The bindings export the catalog, so Python words its tables from it too.
///
/// @code
/// std::cout << thidua::format_message("explain.total", thidua::language::en,
///                                     {{"base", "77.80"}, {"bonus", "1.00"}, {"penalty", "0.00"}, {"total", "78.80"}});
/// // Total: 77.80 + 1.00 − 0.00 = 78.80
/// @endcode

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "thidua/core/language.hpp"

namespace thidua {

/// One message: its id and its template in Vietnamese and in English.
struct message_text {
    std::string_view id;  ///< "reason.class_quota", "label.total" …
    std::string_view vi;  ///< the Vietnamese template
    std::string_view en;  ///< the English template
};

/// Every message, in one table (sorted by id).
std::span<const message_text> message_catalog();

/// The template of message `id` in a language; throws reference_error for an unknown id.
std::string_view message_template(std::string_view id, language lang);

/// The arguments of a message: name and text.
using message_args = std::initializer_list<std::pair<std::string_view, std::string_view>>;

/// Message `id` in a language with each "{name}" replaced by the text given for name. Throws reference_error for
/// an unknown id, and std::logic_error for an argument the template names but the call does not give.
std::string format_message(std::string_view id, language lang, message_args args = {});

}  // namespace thidua

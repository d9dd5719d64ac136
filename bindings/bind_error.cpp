// The exception hierarchy: thidua::error and its subclasses become thidua.Error (a ValueError) and its
// subclasses, each instance carrying where the error was found.

#include "pybind11.hpp"
#include "thidua/core/error.hpp"
#include "thidua/io/limits.hpp"

namespace {

/// A Python str of C++ text. Messages quote the input, and a C++ caller may hand the library bytes that are not
/// UTF-8: such bytes become U+FFFD rather than a UnicodeDecodeError in place of the thidua error.
py::str text(const std::string& s) {
    return py::reinterpret_steal<py::str>(PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace"));
}

/// Raises `type` with the message and the location attributes of `e`.
void raise(const py::object& type, const thidua::error& e) {
    const auto& where = e.where();
    py::object exc = type(text(e.what()));
    exc.attr("message") = text(e.message());
    exc.attr("document") = text(where.document);
    exc.attr("pointer") = where.line == 0 ? py::object(text(where.pointer)) : py::none();
    exc.attr("line") = where.line == 0 ? py::object(py::none()) : py::object(py::int_(where.line));
    exc.attr("column") = where.column.empty() ? py::object(py::none()) : py::object(text(where.column));
    exc.attr("cell") = where.cell.empty() ? py::object(py::none()) : py::object(text(where.cell));
    PyErr_SetObject(type.ptr(), exc.ptr());
}

}  // namespace

void bind_error(py::module_& m) {
    // Kept alive for the life of the interpreter: the translator below refers to them.
    static py::exception<thidua::error> error(m, "Error", PyExc_ValueError);
    static py::exception<thidua::parse_error> parse(m, "ParseError", error.ptr());
    static py::exception<thidua::schema_error> schema(m, "SchemaError", error.ptr());
    static py::exception<thidua::reference_error> reference(m, "IdError", error.ptr());
    static py::exception<thidua::validation_error> validation(m, "ValidationError", error.ptr());
    static py::exception<thidua::arithmetic_error> arithmetic(m, "OutOfRangeError", error.ptr());
    static py::exception<thidua::limit_error> limit(m, "LimitError", error.ptr());
    error.attr("__doc__") =
        "Bad input, named by its place: `document`, and `pointer` (a JSON pointer), or `line` and `column`, or `cell`";
    parse.attr("__doc__") = "Text that is not JSON or CSV, or a file that cannot be read";
    schema.attr("__doc__") = "A key, type or shape the format does not have";
    reference.attr("__doc__") = "An id that names nothing (an unknown unit, criterion, phase …)";
    validation.attr("__doc__") = "Values that break a rule of docs/semantics.md §6";
    arithmetic.attr("__doc__") = "A number beyond the exact decimals (magnitude 10^12 or more, more than 6 fractional digits)";
    limit.attr("__doc__") = "Input beyond a cap of thidua::limits (size, nesting, units, rows …)";
    m.attr("max_input_bytes") = thidua::limits{}.max_input_bytes;
    m.def(
        "location_text",
        [](std::string document, std::string pointer, std::size_t line, std::string column, std::string cell) {
            return thidua::location{std::move(document), std::move(pointer), line, std::move(column), std::move(cell)}.text();
        },
        "document"_a, "pointer"_a = "", "line"_a = 0, "column"_a = "", "cell"_a = "",
        "How an error names its place: 'results.csv line 5, column value', 'forms.xlsx › votes › D7' …");
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const thidua::parse_error& e) {
            raise(parse, e);
        } catch (const thidua::schema_error& e) {
            raise(schema, e);
        } catch (const thidua::reference_error& e) {
            raise(reference, e);
        } catch (const thidua::validation_error& e) {
            raise(validation, e);
        } catch (const thidua::arithmetic_error& e) {
            raise(arithmetic, e);
        } catch (const thidua::limit_error& e) {
            raise(limit, e);
        } catch (const thidua::error& e) {
            raise(error, e);
        }
    });
}

// The exception hierarchy: thidua::error and its subclasses become thidua.Error (a ValueError) and its
// subclasses, each instance carrying where the error was found.

#include "pybind11.hpp"
#include "thidua/error.hpp"

namespace {

/// Raises `type` with the message and the location attributes of `e`.
void raise(const py::object& type, const thidua::error& e) {
    const auto& where = e.where();
    py::object exc = type(e.what());
    exc.attr("message") = e.message();
    exc.attr("document") = where.document;
    exc.attr("pointer") = where.line == 0 ? py::object(py::str(where.pointer)) : py::none();
    exc.attr("line") = where.line == 0 ? py::object(py::none()) : py::object(py::int_(where.line));
    exc.attr("column") = where.column.empty() ? py::object(py::none()) : py::object(py::str(where.column));
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
        } catch (const thidua::error& e) {
            raise(error, e);
        }
    });
}

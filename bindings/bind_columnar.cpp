// Scoring a population given as numpy arrays: int64 micros are used where they are (zero-copy), float64 values
// are converted exactly (a copy), and anything else is a TypeError. The report holds the arrays (held_arrays).

#include <pybind11/numpy.h>

#include "pybind11.hpp"
#include "thidua/core/error.hpp"
#include "thidua/detail/compiled_plan.hpp"
#include "thidua/scoring/arrays.hpp"

namespace {

/// What a report scored from arrays reads for as long as it lives: the numpy arrays used in place and the
/// conversions made here. Released with the GIL held, whichever thread lets the report go.
struct held_arrays {
    std::vector<std::int64_t> values, targets;
    std::vector<thidua::slot_status> statuses;
    std::vector<py::object> in_place;

    ~held_arrays() {
        py::gil_scoped_acquire gil;
        in_place.clear();
    }
};

/// A C-contiguous 2-D array of `rows` × `cols` with the element type T, or a TypeError naming it.
template <class T>
const T* matrix(const py::array& a, std::size_t rows, std::size_t cols, const std::string& what) {
    if (!a.dtype().is(py::dtype::of<T>())) {
        throw py::type_error(what + ": expected dtype " + py::str(py::dtype::of<T>()).cast<std::string>() + ", found " +
                             py::str(a.dtype()).cast<std::string>());
    }
    if (!(a.flags() & py::array::c_style)) throw py::type_error(what + ": the array must be C-contiguous");
    if (a.ndim() != 2 || static_cast<std::size_t>(a.shape(0)) != rows || static_cast<std::size_t>(a.shape(1)) != cols) {
        throw py::type_error(what + ": expected shape (" + std::to_string(rows) + ", " + std::to_string(cols) + ")");
    }
    return static_cast<const T*>(a.data());
}

bool is_float64(const py::array& a) { return a.dtype().is(py::dtype::of<double>()); }

template <class T>
const T* vector_of(const py::object& o, std::size_t n, const std::string& what) {
    if (o.is_none()) return nullptr;
    const auto a = py::reinterpret_borrow<py::array>(o);
    if (!a.dtype().is(py::dtype::of<T>()) || !(a.flags() & py::array::c_style) || a.ndim() != 1 ||
        static_cast<std::size_t>(a.shape(0)) != n) {
        throw py::type_error(what + ": expected a C-contiguous 1-D array of " +
                             py::str(py::dtype::of<T>()).cast<std::string>() + " with " + std::to_string(n) + " entries");
    }
    return static_cast<const T*>(a.data());
}

/// Phase p's values (or targets) as micros: int64 used in place; float64 converted exactly into `storage` at
/// `at`, which is sized to `slots` on first use (NaN marks a missing value in `missing`, when given).
const std::int64_t* micros_block(const py::object& o, std::size_t rows, std::size_t cols, const std::string& what,
                                 std::vector<std::int64_t>& storage, std::size_t at, std::size_t slots,
                                 std::uint8_t* missing) {
    const auto a = py::reinterpret_borrow<py::array>(o);
    if (!is_float64(a)) return matrix<std::int64_t>(a, rows, cols, what);
    const double* d = matrix<double>(a, rows, cols, what);
    if (storage.empty()) storage.resize(slots);
    std::int64_t* out = storage.data() + at;
    thidua::micros_from_doubles(d, rows * cols, out, missing, "values", "/" + what, cols);
    return out;
}

thidua::report score_arrays(const thidua::plan& rules, std::vector<std::string> ids,
                            std::vector<std::string> kinds, std::vector<std::string> clusters,
                            const py::object& cluster_indices, std::vector<std::string> names, const py::list& values,
                            const py::list& targets, const py::list& statuses, const py::object& vote_yes,
                            const py::object& vote_of, const py::object& events, const py::dict& attributes) {
    thidua::population people{std::move(ids), std::move(kinds), std::move(clusters), {}, std::move(names), {}};
    if (!cluster_indices.is_none()) {
        const auto a = py::reinterpret_borrow<py::array>(cluster_indices);
        const auto n = static_cast<std::size_t>(a.ndim() == 1 ? a.shape(0) : 0);
        const std::uint32_t* codes = vector_of<std::uint32_t>(cluster_indices, n, "clusters");
        people.cluster_indices.assign(codes, codes + n);
    }
    for (const auto& [name, column] : attributes) {
        const auto a = py::reinterpret_borrow<py::array>(column);
        const double* d = vector_of<double>(a, people.size(), "attributes[" + py::str(name).cast<std::string>() + "]");
        people.attributes.push_back(thidua::attribute_from_doubles(py::str(name).cast<std::string>(), d, people.size()));
    }
    const thidua::plan plan(rules.campaign(), std::move(people));
    const auto& pl = plan.compiled();
    const std::size_t units = pl.units();
    if (values.size() != pl.phases()) {
        throw py::type_error("values: expected one array per phase (" + std::to_string(pl.phases()) + ")");
    }
    // Storage only for what has to be converted (float64 values and targets, statuses marking NaN as missing):
    // int64 arrays are neither copied nor scanned here, but kept.
    auto held = std::make_shared<held_arrays>();
    for (const auto& list : {values, targets, statuses}) {
        for (const auto& array : list) held->in_place.push_back(py::reinterpret_borrow<py::object>(array));
    }
    for (const auto* o : {&vote_yes, &vote_of, &events}) held->in_place.push_back(*o);
    std::vector<std::int64_t>& value_storage = held->values;
    std::vector<std::int64_t>& target_storage = held->targets;
    std::vector<thidua::slot_status>& status_storage = held->statuses;
    std::vector<thidua::block> blocks(pl.phases());
    for (std::size_t p = 0; p < pl.phases(); ++p) {
        const std::size_t cols = pl.criteria_in(p), at = pl.phase_offset(p);
        const std::string phase = pl.campaign().phases[p].id;
        std::vector<std::uint8_t> missing;
        if (is_float64(py::reinterpret_borrow<py::array>(values[p]))) missing.assign(units * cols, 0);
        blocks[p].values = micros_block(values[p], units, cols, phase, value_storage, at, pl.slots(),
                                        missing.empty() ? nullptr : missing.data());
        if (!targets.empty() && !targets[p].is_none()) {
            blocks[p].targets = micros_block(targets[p], units, cols, "targets/" + phase, target_storage, at, pl.slots(), nullptr);
        }
        const bool given = !statuses.empty() && !statuses[p].is_none();
        const bool any_missing = std::any_of(missing.begin(), missing.end(), [](std::uint8_t m) { return m != 0; });
        if (given && !any_missing) {
            blocks[p].statuses = reinterpret_cast<const thidua::slot_status*>(
                matrix<std::uint8_t>(py::reinterpret_borrow<py::array>(statuses[p]), units, cols, "statuses/" + phase));
        } else if (any_missing) {
            if (status_storage.empty()) status_storage.assign(pl.slots(), thidua::slot_status::reported);
            const std::uint8_t* codes =
                given ? matrix<std::uint8_t>(py::reinterpret_borrow<py::array>(statuses[p]), units, cols, "statuses/" + phase)
                      : nullptr;
            for (std::size_t i = 0; i < units * cols; ++i) {
                status_storage[at + i] = missing[i] ? thidua::slot_status::missing
                                         : codes     ? static_cast<thidua::slot_status>(codes[i])
                                                     : thidua::slot_status::reported;
            }
            blocks[p].statuses = status_storage.data() + at;
        }
    }
    thidua::unit_arrays extra;
    extra.vote_yes = vector_of<std::int64_t>(vote_yes, units, "vote_yes");
    extra.vote_of = vector_of<std::int64_t>(vote_of, units, "vote_of");
    if (!events.is_none()) {
        extra.events = matrix<std::int64_t>(py::reinterpret_borrow<py::array>(events), units, pl.adjustments(), "events");
    }
    py::gil_scoped_release release;
    return thidua::score_arrays(plan, blocks, extra, std::move(held));
}

}  // namespace

void bind_columnar(py::module_& m) {
    m.def("score_arrays", &score_arrays, "campaign"_a, "ids"_a, "kinds"_a, "clusters"_a, "cluster_indices"_a, "names"_a,
          "values"_a, "targets"_a, "statuses"_a, "vote_yes"_a, "vote_of"_a, "events"_a, "attributes"_a,
          "Scores the campaign's rules for a population given as arrays (see thidua.score_arrays)");
}

// thidua._core: the C++ library seen from Python. Each topic registers itself from its own file.

#include "pybind11.hpp"
#include "thidua/core/version.hpp"
#include "thidua/scoring/options.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "thidua's compiled core; use the thidua package rather than this module";
    m.attr("__version__") = thidua::version;
    m.def("simd_path", &thidua::simd_path,
          "The instruction set the hot loops run: 'avx2', 'sse2' (THIDUA_SIMD=sse2 forces it) or 'portable'");
    bind_error(m);
    // Types before the functions that take or return them, so that signatures (and the stubs generated from them)
    // name Python types rather than C++ ones.
    bind_results(m);
    bind_report(m);
    bind_campaign(m);
    bind_schema(m);
    bind_columnar(m);
    bind_stability(m);
    bind_diff(m);
    bind_what_if(m);
    bind_margins(m);
    bind_legal(m);
}

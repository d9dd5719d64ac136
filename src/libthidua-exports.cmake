# Writes the version script that decides what libthidua.so exports (docs/abi.md): the public API, that is the C
# functions (thidua_*) and every C++ symbol of namespace thidua outside thidua::detail that the static library
# defines, with the typeinfo, vtables and function-local statics of its classes and inline functions. Everything
# else stays local: thidua::detail, anonymous namespaces, and what Boost and the standard library instantiate, even
# for thidua's types.
#
# The choice reads mangled names, where the entity's namespace is a fixed prefix: `_ZN6thidua…` (with K, R or O for
# const- or ref-qualified members), behind `_ZTI`/`_ZTS`/`_ZTV`/`_ZTT` (typeinfo, its name, vtable, VTT),
# `_ZTH`/`_ZTW` (a thread_local's initialiser and wrapper), `_ZGV` (guard variable) or `_ZZ` (a function's local
# static). A demangled name cannot be matched that way: a function template's name starts with its return type
# ("thidua::band* std::vector<thidua::band>::_M_data_ptr…").
# Variables: NM (the nm program), LIBRARY (the static library), OUTPUT (the version script to write).
cmake_minimum_required(VERSION 3.25)

execute_process(COMMAND ${NM} --defined-only --extern-only --format=just-symbols ${LIBRARY}
  OUTPUT_VARIABLE symbols RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${NM} failed (${status}) on ${LIBRARY}")
endif()
string(REPLACE "\n" ";" symbols "${symbols}")
set(thidua_entity "^_Z(T[ISVTHW]|GVZ?|Z)?N[rVKRO]*6thidua")
list(FILTER symbols INCLUDE REGEX "^thidua_|${thidua_entity}")
list(FILTER symbols EXCLUDE REGEX "${thidua_entity}6detail")
list(REMOVE_DUPLICATES symbols)
list(SORT symbols)
list(LENGTH symbols count)
if(count EQUAL 0)
  message(FATAL_ERROR "no public symbol found in ${LIBRARY}")
endif()
list(JOIN symbols ";\n    " global)
file(WRITE ${OUTPUT} "{\n  global:\n    ${global};\n  local:\n    *;\n};\n")

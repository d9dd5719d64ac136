# Checks what libthidua.so exports against docs/abi.md:
# - its soname is SONAME (libthidua.so.<SOVERSION>);
# - every function that thidua/c.h declares with THIDUA_C_API is exported, and the typeinfo of thidua::error (a
#   program catches the library's exceptions by it);
# - no exported symbol belongs to thidua::detail, Boost or the standard library (read from the demangled names,
#   not from the mangled ones that src/libthidua-exports.cmake chose them by);
# - every thidua symbol that the objects INLINE_OBJECTS (the public headers' inline functions, all emitted) call is
#   exported, so that a program compiled against the headers links against the shared library.
# Variables: NM, READELF, LIBRARY, SONAME, C_HEADER, INLINE_OBJECTS.
cmake_minimum_required(VERSION 3.25)

# The names `nm ARGN` prints, one list element each.
function(symbols out)
  execute_process(COMMAND ${NM} ${ARGN} OUTPUT_VARIABLE names RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${NM} ${ARGN} failed (${status})")
  endif()
  string(REPLACE "\n" ";" names "${names}")
  list(REMOVE_ITEM names "")
  set(${out} ${names} PARENT_SCOPE)
endfunction()

set(problems "")

execute_process(COMMAND ${READELF} -d ${LIBRARY} OUTPUT_VARIABLE dynamic)
if(NOT dynamic MATCHES "Library soname: \\[${SONAME}\\]")
  string(APPEND problems "the soname is not ${SONAME}\n")
endif()

symbols(exported -D --defined-only --format=just-symbols ${LIBRARY})
list(LENGTH exported count)

file(READ ${C_HEADER} header)
string(REGEX MATCHALL "THIDUA_C_API[^;(]*[ *]thidua_[a-z0-9_]+\\(" declarations "${header}")
if(NOT declarations)
  string(APPEND problems "no THIDUA_C_API function found in ${C_HEADER}\n")
endif()
foreach(declaration ${declarations})
  string(REGEX MATCH "thidua_[a-z0-9_]+\\($" function "${declaration}")
  string(REPLACE "(" "" function "${function}")
  if(NOT function IN_LIST exported)
    string(APPEND problems "not exported: ${function} (thidua/c.h)\n")
  endif()
endforeach()

if(NOT "_ZTIN6thidua5errorE" IN_LIST exported)
  string(APPEND problems "not exported: typeinfo for thidua::error\n")
endif()

symbols(demangled -D --defined-only --format=just-symbols --demangle ${LIBRARY})
set(special "(typeinfo name for |typeinfo for |vtable for |VTT for |guard variable for |construction vtable for )?")
foreach(name ${demangled})
  if(name MATCHES "^${special}(thidua::detail::|std::|boost::|__gnu_cxx::)")
    string(APPEND problems "exported: ${name}\n")
  endif()
endforeach()

symbols(called --undefined-only --format=just-symbols ${INLINE_OBJECTS})
foreach(name ${called})
  if(name MATCHES "6thidua" AND NOT name IN_LIST exported)
    string(APPEND problems "a public inline function calls ${name}, which is not exported\n")
  endif()
endforeach()

if(problems)
  message(FATAL_ERROR "${LIBRARY} (${count} symbols exported):\n${problems}")
endif()
message("${LIBRARY}: soname ${SONAME}, ${count} symbols exported, the C API in full, none of thidua::detail, Boost "
  "or std, every symbol the public inline functions call")

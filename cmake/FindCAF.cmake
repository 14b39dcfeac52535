# Minimal FindCAF for Debian's libcaf-dev 0.17.6 (ships no CAFConfig.cmake and no .pc file).
# Usage: find_package(CAF 0.17 REQUIRED COMPONENTS core io)  ->  CAF::core, CAF::io
find_path(CAF_INCLUDE_DIR NAMES caf/all.hpp)
set(CAF_VERSION "")
if(CAF_INCLUDE_DIR AND EXISTS "${CAF_INCLUDE_DIR}/caf/config.hpp")
  file(STRINGS "${CAF_INCLUDE_DIR}/caf/config.hpp" _caf_ver REGEX "^#define CAF_VERSION [0-9]+")
  string(REGEX REPLACE ".*CAF_VERSION ([0-9]+).*" "\\1" _caf_ver "${_caf_ver}")
  math(EXPR _maj "${_caf_ver} / 10000")
  math(EXPR _min "(${_caf_ver} / 100) % 100")
  math(EXPR _pat "${_caf_ver} % 100")
  set(CAF_VERSION "${_maj}.${_min}.${_pat}")
endif()
if(NOT CAF_FIND_COMPONENTS)
  set(CAF_FIND_COMPONENTS core)
endif()
find_package(Threads REQUIRED)
foreach(comp IN LISTS CAF_FIND_COMPONENTS)
  find_library(CAF_${comp}_LIBRARY NAMES caf_${comp})
  if(CAF_${comp}_LIBRARY AND CAF_INCLUDE_DIR)
    set(CAF_${comp}_FOUND TRUE)
    if(NOT TARGET CAF::${comp})
      add_library(CAF::${comp} UNKNOWN IMPORTED)
      set_target_properties(CAF::${comp} PROPERTIES
        IMPORTED_LOCATION "${CAF_${comp}_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${CAF_INCLUDE_DIR}"
        INTERFACE_LINK_LIBRARIES Threads::Threads)
    endif()
  else()
    set(CAF_${comp}_FOUND FALSE)
  endif()
endforeach()
if(TARGET CAF::io AND TARGET CAF::core)
  set_property(TARGET CAF::io APPEND PROPERTY INTERFACE_LINK_LIBRARIES CAF::core)
endif()
if(TARGET CAF::openssl AND TARGET CAF::io)
  set_property(TARGET CAF::openssl APPEND PROPERTY INTERFACE_LINK_LIBRARIES CAF::io)
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(CAF
  REQUIRED_VARS CAF_INCLUDE_DIR
  VERSION_VAR CAF_VERSION
  HANDLE_COMPONENTS)
mark_as_advanced(CAF_INCLUDE_DIR)

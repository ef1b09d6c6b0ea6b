# Finds every external package once and wraps it in an IMPORTED target.
find_package(Qt5 5.15 REQUIRED COMPONENTS Core Gui Widgets Xml Svg Network Sql PrintSupport Test LinguistTools)
set(CMAKE_AUTOMOC ON)
set(CMAKE_AUTORCC ON)

find_package(PkgConfig REQUIRED)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(SPATIALITE REQUIRED IMPORTED_TARGET spatialite)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(MINIZIP REQUIRED IMPORTED_TARGET minizip) # zipped packages (core/sync/PackageZip)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq) # PostgreSQL master (core/master)
find_package(GDAL REQUIRED)
find_package(OpenSSL REQUIRED) # SHA-256 for sync digests (core/common/Sha256)

# GEOS: use the C API (stable ABI) through geos-config.
find_program(GEOS_CONFIG geos-config REQUIRED)
execute_process(COMMAND ${GEOS_CONFIG} --clibs OUTPUT_VARIABLE GEOS_CLIBS OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${GEOS_CONFIG} --includes OUTPUT_VARIABLE GEOS_INCLUDE OUTPUT_STRIP_TRAILING_WHITESPACE)
add_library(geos::geos_c INTERFACE IMPORTED)
separate_arguments(GEOS_CLIBS)
target_link_libraries(geos::geos_c INTERFACE ${GEOS_CLIBS})
target_include_directories(geos::geos_c SYSTEM INTERFACE ${GEOS_INCLUDE})

# QGIS 3.22 ships no CMake config: wrap the Debian libraries (QGIS-NOTES.md).
find_path(QGIS_INCLUDE_DIR qgsapplication.h PATHS /usr/include/qgis REQUIRED)
foreach(part core gui analysis)
  find_library(QGIS_${part}_LIBRARY NAMES qgis_${part} REQUIRED)
  add_library(qgis::${part} SHARED IMPORTED)
  set_target_properties(qgis::${part} PROPERTIES IMPORTED_LOCATION ${QGIS_${part}_LIBRARY})
  target_include_directories(qgis::${part} SYSTEM INTERFACE ${QGIS_INCLUDE_DIR})
  target_link_libraries(qgis::${part} INTERFACE Qt5::Core Qt5::Gui Qt5::Widgets Qt5::Xml Qt5::Network Qt5::Svg)
endforeach()
target_link_libraries(qgis::gui INTERFACE qgis::core)
target_link_libraries(qgis::analysis INTERFACE qgis::core)
target_compile_definitions(qgis::core INTERFACE _USE_MATH_DEFINES)
# Relative to the install prefix (/usr, see RecheckPackaging.cmake): QGIS
# loads C++ plugins and provider modules from /usr/lib/qgis/plugins.
set(QGIS_PLUGIN_INSTALL_DIR lib/qgis/plugins)

find_package(Catch2 2.13 REQUIRED)
include(Catch)

# Build and test scripts: man page, translation checks.
find_package(Python3 REQUIRED COMPONENTS Interpreter)

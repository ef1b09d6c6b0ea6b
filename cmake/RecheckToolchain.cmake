# Build speed and hygiene: the QGIS headers are heavy (see shared/QGIS-NOTES.md).
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
  set(CMAKE_C_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()

find_program(LLD_PROGRAM ld.lld)
if(LLD_PROGRAM)
  add_link_options(-fuse-ld=lld)
endif()

# Warnings on and clean for our code; QGIS/Qt headers come in as system headers.
set(RECHECK_WARNINGS -Wall -Wextra -Wpedantic -Wno-unused-parameter)
add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:${RECHECK_WARNINGS}>")

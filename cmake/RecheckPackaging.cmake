# Installation layout and the Debian package (CPack):
#   /usr/bin/recheck                      the command line
#   /usr/lib/qgis/plugins/*.so            provider module + plugins (QGIS loads
#                                         both from there: no further step)
#   /usr/share/man/man1/recheck.1.gz      generated from the CLI's own help
#   /usr/share/recheck/                   examples: reminder config, systemd timer
#   /usr/share/doc/recheck/               README, copyright
# `make deb` (cpack -G DEB) writes recheck_<version>_amd64.deb into the build
# folder; tests/package checks it, runs QGIS from its files in zh_CN, and on
# CI installs and removes it for real.
if(CMAKE_INSTALL_PREFIX_INITIALIZED_TO_DEFAULT)
  set(CMAKE_INSTALL_PREFIX /usr CACHE PATH "Install prefix: QGIS only looks in /usr/lib/qgis/plugins" FORCE)
endif()

set(RECHECK_MANPAGE ${CMAKE_BINARY_DIR}/man/recheck.1)
add_custom_command(OUTPUT ${RECHECK_MANPAGE}.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
  COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/packaging/make-manpage.py $<TARGET_FILE:recheck>
          ${RECHECK_MANPAGE} ${PROJECT_VERSION}
  COMMAND gzip -9nf ${RECHECK_MANPAGE}
  DEPENDS recheck ${CMAKE_SOURCE_DIR}/packaging/make-manpage.py
  COMMENT "Generating recheck.1 from the command line's help"
  VERBATIM)
add_custom_target(recheck_manpage ALL DEPENDS ${RECHECK_MANPAGE}.gz)
install(FILES ${RECHECK_MANPAGE}.gz DESTINATION share/man/man1)

install(FILES packaging/systemd/recheck-remind.service packaging/systemd/recheck-remind.timer
        DESTINATION share/recheck/systemd)
install(FILES packaging/systemd/remind.example.json DESTINATION share/recheck/examples)
install(FILES README.md packaging/debian/copyright DESTINATION share/doc/recheck)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME recheck)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Recheck")
set(CPACK_PACKAGE_CONTACT "Recheck developers <recheck@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "customer-archive re-checks for power utilities: QGIS provider, plugins and CLI")
# One paragraph: CPack folds it into the control file's extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "Plans, routes, checks out to field laptops and checks back in the field re-checks of a utility's \
customer archive (SpatiaLite), district by district. Installs the QGIS 3.22 data provider \
'customerarchive', the Recheck plugins and the recheck command line for scheduled jobs.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Shared-library dependencies (libqgis-core3.22.x, libspatialite, libgdal,
# libkgantt …) come from dpkg-shlibdeps; QGIS itself is named because the
# plugins are useless without the application, and pinned to the 3.22 series
# whose C++ ABI they were built against.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qgis (>= 3.22), qgis (<< 3.23), qgis-providers, libsqlite3-mod-spatialite")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_SOURCE_IGNORE_FILES "/build.*/;/\\\\.git/")
include(CPack)

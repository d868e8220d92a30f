# Installation rules and the two Debian packages (`cpack -G DEB` in a build directory):
#
#   motcua-kiosk   motcua-kiosk, motcua, the assets (/usr/share/motcua/assets), the default
#                  configuration (/etc/motcua/kiosk.toml), the boot-to-kiosk session, the daily
#                  backup timer and the PAM file of the session
#   motcua-server  motcua-server, its scoring profile and its hardened unit
#
# Paths follow docs/deployment.md. The programs find their assets at <exe>/../share/motcua/assets
# (core/config.cpp), so /usr/bin + /usr/share/motcua/assets needs no setting.

include(GNUInstallDirs)

# `cpack` and `make install` install what is built and build nothing: build first (README,
# docs/deployment.md). Otherwise cpack would first build every test and benchmark, and the
# package test (tests/ops) would rebuild the whole tree from inside a test.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(MOTCUA_PACKAGING_DIR "${CMAKE_CURRENT_LIST_DIR}")
# Absolute, as Debian 12 lays them out (a plain `cmake --install` writes them there too).
set(MOTCUA_UNIT_DIR "/lib/systemd/system")
set(MOTCUA_ETC_DIR "/etc")

#-----------------------------------------------------------------------------
# motcua-kiosk
#-----------------------------------------------------------------------------

install(TARGETS motcua RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT kiosk)
if(MOTCUA_BUILD_KIOSK)
  install(TARGETS motcua-kiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT kiosk)
endif()
install(DIRECTORY "${MOTCUA_SOURCE_ASSETS}/"
  DESTINATION ${CMAKE_INSTALL_DATADIR}/motcua/assets COMPONENT kiosk)
install(FILES "${MOTCUA_PACKAGING_DIR}/kiosk.toml"
  DESTINATION ${MOTCUA_ETC_DIR}/motcua COMPONENT kiosk)
install(FILES "${MOTCUA_PACKAGING_DIR}/pam/motcua-kiosk"
  DESTINATION ${MOTCUA_ETC_DIR}/pam.d COMPONENT kiosk)
install(FILES
  "${MOTCUA_PACKAGING_DIR}/systemd/motcua-kiosk.service"
  "${MOTCUA_PACKAGING_DIR}/systemd/motcua-backup.service"
  "${MOTCUA_PACKAGING_DIR}/systemd/motcua-backup.timer"
  DESTINATION ${MOTCUA_UNIT_DIR} COMPONENT kiosk)
install(FILES
  "${MOTCUA_SOURCE_ASSETS}/config/kiosk.example.toml"
  "${CMAKE_SOURCE_DIR}/docs/deployment.md"
  "${CMAKE_SOURCE_DIR}/docs/configuration.md"
  "${CMAKE_SOURCE_DIR}/docs/cli.md"
  "${CMAKE_SOURCE_DIR}/docs/kiosk.md"
  DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/motcua-kiosk COMPONENT kiosk)

#-----------------------------------------------------------------------------
# motcua-server
#-----------------------------------------------------------------------------

install(TARGETS motcua-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
# Its own copy of the scoring profile, so the two packages never own the same file; the unit
# sets MOTCUA_ASSETS to it.
install(DIRECTORY "${MOTCUA_SOURCE_ASSETS}/scoring"
  DESTINATION ${CMAKE_INSTALL_DATADIR}/motcua-server/assets COMPONENT server)
install(FILES "${MOTCUA_PACKAGING_DIR}/systemd/motcua-server.service"
  DESTINATION ${MOTCUA_UNIT_DIR} COMPONENT server)
install(FILES "${MOTCUA_PACKAGING_DIR}/motcua-server.default"
  DESTINATION ${MOTCUA_ETC_DIR}/default RENAME motcua-server COMPONENT server)
install(FILES
  "${CMAKE_SOURCE_DIR}/docs/server.md"
  "${CMAKE_SOURCE_DIR}/docs/sync-protocol.md"
  "${CMAKE_SOURCE_DIR}/docs/deployment.md"
  DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/motcua-server COMPONENT server)

#-----------------------------------------------------------------------------
# CPack: one .deb per component
#-----------------------------------------------------------------------------

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "motcua")
set(CPACK_PACKAGE_VENDOR "motcua-kiosk contributors")
set(CPACK_PACKAGE_CONTACT "motcua-kiosk maintainers <motcua-kiosk@localhost>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
# Debug information stays in the build directory; the packages carry stripped binaries.
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL kiosk server)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # <name>_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE "amd64")
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/motcua-kiosk/motcua-kiosk")

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME "motcua-kiosk")
set(CPACK_COMPONENT_KIOSK_DESCRIPTION
  "Touch kiosk for citizen satisfaction ratings at one-stop counters\n"
  "motcua-kiosk replaces the paper satisfaction form (Phieu 4) at Vietnam's one-stop\n"
  "counters. The package holds the touch app, the staff command line `motcua`, the form\n"
  "and scoring profiles, a boot-to-kiosk session (cage on tty1) and a daily backup timer.")
# Every library the binaries link (objdump -p ... | grep NEEDED) plus what they need at run time:
# GLFW loads libGL, the screens need Noto Sans, the session needs cage and xwayland.
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
  "libc6 (>= 2.36), libstdc++6 (>= 12), libgcc-s1, libglfw3 (>= 3.3), libgl1, libopengl0, libx11-6, libxext6, \
libstb0, libcurl4 (>= 7.88), libsqlite3-0 (>= 3.40), libsodium23, libxlsxwriter4, libicu72, \
libtomlplusplus3, libre2-9, zlib1g, fonts-noto-core, cage, xwayland, adduser")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
  "${MOTCUA_PACKAGING_DIR}/debian/kiosk/conffiles"
  "${MOTCUA_PACKAGING_DIR}/debian/kiosk/postinst"
  "${MOTCUA_PACKAGING_DIR}/debian/kiosk/prerm"
  "${MOTCUA_PACKAGING_DIR}/debian/kiosk/postrm")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME "motcua-server")
set(CPACK_COMPONENT_SERVER_DESCRIPTION
  "Provincial receiver for motcua kiosk ratings\n"
  "motcua-server receives the ratings of a province's kiosks over HTTPS, keeps them in\n"
  "SQLite and prints the province-wide satisfaction report.")
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS
  "libc6 (>= 2.36), libstdc++6 (>= 12), libgcc-s1, libsqlite3-0 (>= 3.40), libsodium23, \
libssl3, libcpp-httplib0.11, libicu72, libtomlplusplus3, libre2-9")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
  "${MOTCUA_PACKAGING_DIR}/debian/server/conffiles"
  "${MOTCUA_PACKAGING_DIR}/debian/server/postinst"
  "${MOTCUA_PACKAGING_DIR}/debian/server/prerm")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)

# SPDX-License-Identifier: GPL-3.0-or-later
# Install rules and the Debian packages (`make package`: CPack's DEB generator).
# Two components: cli -> packetlens-cli (the CLI and serve; no Widgets, Charts
# or X), app -> packetlens (the desktop app; depends on packetlens-cli of the
# same version). Shared-library dependencies come from dpkg-shlibdeps.
include(GNUInstallDirs)

set(PACKETLENS_APP_ID "org.packetlens.PacketLens")
set(PACKETLENS_HOMEPAGE "https://packetlens.example.org" CACHE STRING "Project homepage (AppStream, package metadata)")
set(PACKETLENS_MAINTAINER "PacketLens maintainers <packetlens@example.org>")
string(TIMESTAMP PACKETLENS_RELEASE_DATE "%Y-%m-%d" UTC)
string(TIMESTAMP PACKETLENS_RELEASE_DATE_RFC2822 "%a, %d %b %Y 00:00:00 +0000" UTC)
set(PKG_SRC ${PROJECT_SOURCE_DIR}/packaging)
set(PKG_OUT ${PROJECT_BINARY_DIR}/packaging)
set(DOCDIR ${CMAKE_INSTALL_DATADIR}/doc)

# Files made from templates or compressed (man pages and changelogs are gzipped
# as Debian ships them, without timestamps).
configure_file(${PKG_SRC}/org.packetlens.PacketLens.metainfo.xml.in ${PKG_OUT}/${PACKETLENS_APP_ID}.metainfo.xml @ONLY)
configure_file(${PKG_SRC}/changelog.in ${PKG_OUT}/changelog @ONLY)
set(PACKETLENS_GZ_FILES)
foreach(page packetlens.1 packetlens-cli.1 packetlens-capture.1)
  configure_file(${PKG_SRC}/${page}.in ${PKG_OUT}/${page} @ONLY)
endforeach()
foreach(f packetlens.1 packetlens-cli.1 packetlens-capture.1 changelog)
  add_custom_command(OUTPUT ${PKG_OUT}/${f}.gz
    COMMAND gzip -9nc ${PKG_OUT}/${f} > ${PKG_OUT}/${f}.gz
    DEPENDS ${PKG_OUT}/${f} VERBATIM)
  list(APPEND PACKETLENS_GZ_FILES ${PKG_OUT}/${f}.gz)
endforeach()

# PNG icons rendered from the SVG (rsvg-convert: librsvg2-bin, installer/install-deps.sh).
find_program(RSVG_CONVERT rsvg-convert)
set(PACKETLENS_ICON_SIZES 16 22 24 32 48 64 128 256)
set(PACKETLENS_PNG_ICONS)
if(RSVG_CONVERT)
  foreach(size ${PACKETLENS_ICON_SIZES})
    set(png ${PKG_OUT}/icons/${size}/${PACKETLENS_APP_ID}.png)
    add_custom_command(OUTPUT ${png}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${PKG_OUT}/icons/${size}
      COMMAND ${RSVG_CONVERT} -w ${size} -h ${size} -o ${png} ${PROJECT_SOURCE_DIR}/resources/icons/packetlens.svg
      DEPENDS ${PROJECT_SOURCE_DIR}/resources/icons/packetlens.svg VERBATIM)
    list(APPEND PACKETLENS_PNG_ICONS ${png})
  endforeach()
else()
  message(WARNING "rsvg-convert not found (librsvg2-bin): the packages will have the SVG icon only")
endif()
add_custom_target(packetlens_package_files ALL DEPENDS ${PACKETLENS_GZ_FILES} ${PACKETLENS_PNG_ICONS})

# The installed programs resolve their symbols at start and keep the GOT read-only
# (Debian's hardening flags; lintian's hardening-no-bindnow).
foreach(program packetlens-cli packetlens)
  target_link_options(${program} PRIVATE LINKER:-z,relro LINKER:-z,now)
endforeach()

include(${CMAKE_CURRENT_LIST_DIR}/PackagingInstall.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/PackagingDeb.cmake)

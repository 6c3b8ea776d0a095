# SPDX-License-Identifier: GPL-3.0-or-later
# CPack: one .deb per component, dependencies from dpkg-shlibdeps.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME packetlens)
set(CPACK_PACKAGE_VENDOR "PacketLens")
set(CPACK_PACKAGE_CONTACT "${PACKETLENS_MAINTAINER}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL cli app)
set(CPACK_DEB_COMPONENT_INSTALL ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PACKETLENS_HOMEPAGE})
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# packetlens-cli. Qt's SQLite driver is a plugin, so shlibdeps cannot see it.
set(CPACK_COMPONENT_CLI_DISPLAY_NAME "PacketLens command line and REST server")
set(CPACK_DEBIAN_CLI_PACKAGE_NAME packetlens-cli)
set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_CLI_PACKAGE_SUGGESTS "libqt6sql6-psql")
set(CPACK_DEBIAN_CLI_DESCRIPTION "network-traffic analyzer - command line and REST server
PacketLens analyzes network captures (pcap, pcapng, gzip or zip holding them):
protocol hierarchy, endpoints, conversations, traffic over time, DNS, HTTP
and TLS summaries, and findings about suspicious hosts (port scans, floods,
DNS tunnelling, beaconing, brute force, ARP spoofing, cleartext credentials)
with their evidence packets.

This package holds packetlens-cli, which writes JSON, HTML and ZIP reports
and keeps a history of analyses, its REST API server and the systemd unit
packetlens-serve.service (not enabled). It needs no graphical libraries.")

# packetlens (the desktop app). The xcb platform and SVG plugins are plugins too.
set(CPACK_COMPONENT_APP_DISPLAY_NAME "PacketLens desktop app")
set(CPACK_COMPONENT_APP_DEPENDS cli)
set(CPACK_DEBIAN_APP_PACKAGE_NAME packetlens)
set(CPACK_DEBIAN_APP_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
set(CPACK_DEBIAN_APP_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_DEBIAN_APP_DESCRIPTION "network-traffic analyzer - desktop app
PacketLens analyzes network captures (pcap, pcapng, gzip or zip holding them)
and tells which hosts are suspicious and why.

The desktop app shows a packet list with a display filter, packet details,
a dashboard of charts, findings with their evidence packets, hosts,
conversations and the history of analyses, in English or Russian, and can
serve the same REST API as packetlens-cli.")

# Maintainer scripts. The capture helper's rule is there only when the helper is built.
if(TARGET packetlens-capture)
  file(READ ${PKG_SRC}/capture-helper.postinst CAPTURE_HELPER_POSTINST)
  set(CAPTURE_HELPER_CALL grant_capture)
  set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "${CPACK_DEBIAN_CLI_PACKAGE_DEPENDS}, adduser, libcap2-bin")
else()
  set(CAPTURE_HELPER_POSTINST "")
  set(CAPTURE_HELPER_CALL ":")
endif()
set(PACKETLENS_SCRIPT_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
configure_file(${PKG_SRC}/cli.postinst.in ${PKG_OUT}/cli/postinst @ONLY FILE_PERMISSIONS ${PACKETLENS_SCRIPT_PERMISSIONS})
configure_file(${PKG_SRC}/cli.postrm ${PKG_OUT}/cli/postrm COPYONLY FILE_PERMISSIONS ${PACKETLENS_SCRIPT_PERMISSIONS})
configure_file(${PKG_SRC}/cli.prerm ${PKG_OUT}/cli/prerm COPYONLY FILE_PERMISSIONS ${PACKETLENS_SCRIPT_PERMISSIONS})
file(WRITE ${PKG_OUT}/cli/conffiles "/etc/packetlens/serve.conf\n")
set(CPACK_DEBIAN_CLI_PACKAGE_CONTROL_EXTRA
    "${PKG_OUT}/cli/postinst;${PKG_OUT}/cli/postrm;${PKG_OUT}/cli/prerm;${PKG_OUT}/cli/conffiles")

include(CPack)

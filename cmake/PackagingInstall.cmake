# SPDX-License-Identifier: GPL-3.0-or-later
# What each package installs (component cli: packetlens-cli, app: packetlens).

# --- packetlens-cli
install(TARGETS packetlens-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
install(FILES ${PROJECT_SOURCE_DIR}/resources/samples/sample.pcap
        DESTINATION ${CMAKE_INSTALL_DATADIR}/packetlens/samples COMPONENT cli)
install(FILES ${PKG_OUT}/packetlens-cli.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)
install(FILES ${PKG_SRC}/packetlens-cli.bash-completion RENAME packetlens-cli
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT cli)
install(FILES ${PKG_SRC}/copyright ${PKG_OUT}/changelog.gz DESTINATION ${DOCDIR}/packetlens-cli COMPONENT cli)
# The REST server as a system service (not enabled); Debian 12 keeps units in /lib.
install(FILES ${PKG_SRC}/packetlens-serve.service DESTINATION /lib/systemd/system COMPONENT cli)
install(FILES ${PKG_SRC}/serve.conf DESTINATION /etc/packetlens COMPONENT cli)
# The live-capture helper, once it exists (it lands from another branch).
if(TARGET packetlens-capture)
  install(TARGETS packetlens-capture RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
  install(FILES ${PKG_OUT}/packetlens-capture.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT cli)
endif()

# --- packetlens
install(TARGETS packetlens RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT app)
install(FILES ${PROJECT_BINARY_DIR}/src/gui/packetlens_ru.qm
        DESTINATION ${CMAKE_INSTALL_DATADIR}/packetlens/translations COMPONENT app)
install(FILES ${PKG_SRC}/${PACKETLENS_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT app)
install(FILES ${PKG_OUT}/${PACKETLENS_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT app)
install(FILES ${PKG_SRC}/packetlens-mime.xml RENAME packetlens.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages COMPONENT app)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/packetlens.svg RENAME ${PACKETLENS_APP_ID}.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT app)
foreach(size ${PACKETLENS_ICON_SIZES})
  if(RSVG_CONVERT)
    install(FILES ${PKG_OUT}/icons/${size}/${PACKETLENS_APP_ID}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps COMPONENT app)
  endif()
endforeach()
install(FILES ${PKG_OUT}/packetlens.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT app)
# Documentation: /usr/share/doc/packetlens (the report schema and OpenAPI beside it).
install(FILES ${PKG_SRC}/copyright ${PKG_OUT}/changelog.gz ${PROJECT_SOURCE_DIR}/README.md
              ${PROJECT_SOURCE_DIR}/resources/packetlens.report-1.schema.json ${PROJECT_SOURCE_DIR}/resources/openapi.json
        DESTINATION ${DOCDIR}/packetlens COMPONENT app)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${DOCDIR}/packetlens/docs COMPONENT app)

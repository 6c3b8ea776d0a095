# SPDX-License-Identifier: GPL-3.0-or-later
# make check-tsan: the tests that run threads, built by the tsan preset
# (-fsanitize=thread) and picked by its test preset (CMakePresets.json, by
# name): the analysis worker and the app's packet model offscreen, the REST
# server under load and its analysis pool, the history with concurrent writers,
# the hash walking ahead of the mapped reader, live capture (the session's
# reader thread, the capture helper's pipe, the WebSocket log). Suppressions:
# tests/tsan.supp.
add_custom_target(tsan-tests)
foreach(t tst_historystore tst_mappedfile tst_packetlistmodel tst_mainwindow tst_serverload tst_analysiscontroller
          tst_livesession tst_livecapture tst_livecontroller history-stress packetlens-cli packetlens-capture)
  if(TARGET ${t})
    add_dependencies(tsan-tests ${t})
  endif()
endforeach()

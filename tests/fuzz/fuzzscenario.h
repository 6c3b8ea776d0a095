// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A small built capture that gives every detector something to weigh: the
// config and list targets analyze it with the settings they loaded.
#include "core/detect/detectionsettings.h"

#include <memory>

namespace packetlens::fuzz {

void analyzeScenario(const std::shared_ptr<DetectionSettings> &settings);

} // namespace packetlens::fuzz

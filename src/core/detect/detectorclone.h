// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"

#include <memory>

namespace packetlens {

// A copy of a detector and all its state (a live capture's provisional
// detection runs on copies, so that the detectors themselves are not
// disturbed), or null for a detector type this does not know: that one then
// reports only when the capture ends. tst_detectorclone checks that every
// detector of the engine can be copied.
std::unique_ptr<Detector> cloneDetector(const Detector &detector);

} // namespace packetlens

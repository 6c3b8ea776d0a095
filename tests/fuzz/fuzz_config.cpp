// SPDX-License-Identifier: GPL-3.0-or-later
// The detection-threshold config loader (--config, the app's settings), and
// a small capture analyzed with whatever thresholds it accepted.
#include "fuzzscenario.h"
#include "fuzzsupport.h"
#include "fuzztarget.h"

PACKETLENS_FUZZ_TARGET(config)
{
    using namespace packetlens;
    const fuzz::MemFile file(data, size);
    auto settings = std::make_shared<DetectionSettings>();
    QString error;
    if (settings->loadFile(file.path(), &error))
        fuzz::analyzeScenario(settings);
    return 0;
}

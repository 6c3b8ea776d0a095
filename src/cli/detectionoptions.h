// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/analysis/analyzer.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QTextStream>

namespace packetlens::cli {

// The detection options `analyze` and `live` share: --allow, --iocs, --config, --no-detect.
QCommandLineOption allowOption();
QCommandLineOption iocsOption();
QCommandLineOption configOption();
QCommandLineOption noDetectOption();

// The detection settings those options name (thresholds, allow list, IOC
// lists, detection on or off); false with the reason printed.
bool loadDetectionOptions(const QCommandLineParser &p, AnalyzerSettings &settings, QTextStream &err);

} // namespace packetlens::cli

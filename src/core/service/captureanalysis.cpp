// SPDX-License-Identifier: GPL-3.0-or-later
#include "captureanalysis.h"

#include "../detect/detectionengine.h"
#include "../timeline/timelinebuilder.h"

#include <future>
#include <system_error>

namespace packetlens {

CaptureAnalysis::CaptureAnalysis(const AnalyzerSettings &settings) : m_analyzer(settings)
{
    if (settings.detect) {
        m_engine = std::make_unique<DetectionEngine>(settings.detection ? *settings.detection : DetectionSettings());
        m_analyzer.addListener(m_engine.get());
    }
}

CaptureAnalysis::~CaptureAnalysis() = default;

std::vector<Finding> CaptureAnalysis::provisionalFindings() const
{
    if (!m_engine)
        return {};
    return m_engine->provisionalFindings([this](const std::function<void(const Conv &)> &f) {
        m_analyzer.forEachOpenConversation(f);
    });
}

Report CaptureAnalysis::finish(const CaptureMeta &meta)
{
    m_analyzer.finishConversations();
    std::future<DetectionSection> detection;
    if (m_engine) {
        auto drawUp = [](std::unique_ptr<DetectionEngine> e) {
            e->finish();
            return e->section();
        };
        try {
            detection = std::async(std::launch::async, drawUp, std::move(m_engine));
        } catch (const std::system_error &) { // no thread to be had: here, after the statistics
            detection = std::async(std::launch::deferred, drawUp, std::move(m_engine));
        }
    }
    Report report = m_analyzer.buildReport(meta);
    if (detection.valid())
        report.detection = detection.get();
    if (report.health.present) // without the health pass the report has no timeline
        addFindingEvents(report);
    return report;
}

} // namespace packetlens

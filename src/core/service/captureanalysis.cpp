// SPDX-License-Identifier: GPL-3.0-or-later
#include "captureanalysis.h"

#include "../detect/detectionengine.h"
#include "../objects/objectlog.h"
#include "../timeline/timelinebuilder.h"

#include <algorithm>
#include <future>
#include <system_error>

namespace packetlens {

CaptureAnalysis::CaptureAnalysis(const AnalyzerSettings &settings)
    : m_analyzer(settings), m_objects(std::make_unique<ObjectLog>(size_t(std::max(settings.limits.maxListItems, 0))))
{
    if (settings.detect) {
        m_engine = std::make_unique<DetectionEngine>(settings.detection ? *settings.detection : DetectionSettings());
        m_analyzer.addListener(m_engine.get());
        m_objects->setSink([engine = m_engine.get()](const CapturedObject &o) { engine->addObject(o); });
    }
    m_analyzer.addListener(m_objects.get());
}

namespace {
// The report's list (the log kept at most maxListItems), the rest counted.
void listObjects(const std::vector<CapturedObject> &objects, uint64_t omitted, Report &report)
{
    for (const CapturedObject &o : objects)
        report.objects.push_back({o.protocol, qint64(o.frame), o.client, o.host, o.name, o.contentType, o.type, o.size, o.sha256});
    report.objectsOmitted += qint64(omitted);
}
} // namespace

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
    const std::vector<CapturedObject> objects = m_objects->finish();
    const uint64_t omitted = m_objects->omitted() + m_objects->unlisted();
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
    listObjects(objects, omitted, report);
    if (detection.valid())
        report.detection = detection.get();
    if (report.health.present) // without the health pass the report has no timeline
        addFindingEvents(report);
    return report;
}

} // namespace packetlens

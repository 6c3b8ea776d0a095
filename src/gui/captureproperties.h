// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/report.h"

#include <QWidget>

#include <optional>

class QTreeWidget;

namespace packetlens::gui {

// Capture properties: file, format, link types, SHA-256, duration, packets,
// bytes, averages, and the warnings: the reader's and the anomalies the
// analysis counted (each kind with its count).
class CaptureProperties : public QWidget
{
    Q_OBJECT
public:
    explicit CaptureProperties(QWidget *parent = nullptr);
    void setReport(const Report &report, const QString &path, bool fromHistory);
    void retranslate();
    QTreeWidget *tree() const { return m_tree; }

private:
    void rebuild();
    QTreeWidget *m_tree;
    std::optional<CaptureSection> m_capture;
    TrafficStats m_stats;
    std::vector<Anomaly> m_anomalies;
    QString m_path;
    bool m_fromHistory = false;
};

} // namespace packetlens::gui

// SPDX-License-Identifier: GPL-3.0-or-later
// The packet list's rows: the display filter and the sort run on another
// thread over the compact records, one job at a time; batches that arrive
// meanwhile are filtered as they come.
#include "capturetab.h"

#include "filterbar.h"
#include "packetlistmodel.h"
#include "recordstore.h"

#include "core/inspect/displayfilter.h"

#include <QtConcurrent/QtConcurrentRun>

#include <numeric>

namespace packetlens::gui {

namespace {
std::vector<uint32_t> iotaRange(uint32_t from, uint32_t to)
{
    std::vector<uint32_t> v(to - from);
    std::iota(v.begin(), v.end(), from);
    return v;
}
} // namespace

void CaptureTab::applyFilter(const QString &text)
{
    m_filterBar->setText(text);
    DisplayFilter f = DisplayFilter::parse(text);
    const bool wasValid = m_filterValid;
    m_filterValid = f.isValid();
    if (!f.isValid()) {
        emit statusMessage(tr("Invalid filter: %1").arg(f.error()));
        return;
    }
    if (!wasValid)
        emit statusMessage(QString()); // the error goes with the filter that caused it
    m_filter = f.isEmpty() ? nullptr : std::make_shared<DisplayFilter>(std::move(f));
    startRowJob(true);
}

void CaptureTab::startRowJob(bool full)
{
    if (m_jobActive) {
        if (full) {
            *m_jobStop = true;
            m_pendingFull = true;
        }
        return;
    }
    const uint32_t total = m_records->size();
    if (full) {
        ++m_generation;
        if (!m_filter && m_sortColumn < 0) {
            m_model->setRows(nullptr);
            m_coveredUpTo = total;
            updateFilterStatus();
            emit rowsChanged();
            return;
        }
    } else if (m_coveredUpTo >= total) {
        return;
    }
    PacketSource src = m_model->source();
    src.addresses = m_addresses->names;
    const uint32_t from = full ? 0 : m_coveredUpTo;
    auto filter = m_filter;
    const int sortColumn = m_sortColumn;
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    const quint64 generation = m_generation;
    m_jobStop = std::make_shared<std::atomic<bool>>(false);
    auto stop = m_jobStop;
    m_jobActive = true;
    m_job.setFuture(QtConcurrent::run([=]() {
        JobResult r;
        r.full = full;
        r.upTo = total;
        r.generation = generation;
        r.rows = filter ? filterRows(src, *filter, from, total, *stop) : iotaRange(from, total);
        if (full && sortColumn >= 0 && !stop->load())
            r.rows = sortRows(src, std::move(r.rows), PacketColumn(sortColumn), descending, *stop);
        if (stop->load())
            r.generation = 0; // stale
        return r;
    }));
    updateFilterStatus();
}

void CaptureTab::rowJobDone()
{
    m_jobActive = false;
    const JobResult r = m_job.result();
    if (r.generation == m_generation && r.generation != 0) {
        if (r.full)
            m_model->setRows(std::make_shared<std::vector<uint32_t>>(std::move(r.rows)));
        else
            m_model->appendRows(r.rows);
        m_coveredUpTo = r.upTo;
        if (r.full) {
            showSelectedPacket(); // the details clear when the new rows hide their packet
            emit rowsChanged();
        }
    }
    if (m_pendingFull) {
        m_pendingFull = false;
        startRowJob(true);
        return;
    }
    if (!m_model->isIdentity() && m_coveredUpTo < m_records->size())
        startRowJob(false);
    updateFilterStatus();
}

void CaptureTab::updateFilterStatus()
{
    if (!m_filterValid)
        return;
    const uint32_t total = m_records->size();
    QString s;
    if (m_jobActive)
        s = m_filter ? tr("Filtering…") : tr("Sorting…");
    else if (m_filter)
        s = tr("Displayed: %L1 of %L2").arg(m_model->rowCount()).arg(total);
    else
        s = tr("Packets: %L1").arg(total);
    m_filterBar->setStatus(s);
}

} // namespace packetlens::gui

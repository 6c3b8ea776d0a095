// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>

class QChart;

namespace packetlens::gui {

// How the app's charts look: colours that can be told apart and stay the same
// for a protocol across captures, and values in units a person reads.
namespace ChartStyle {

// A protocol's colour: fixed for the common ones, else picked from a
// qualitative palette by the name (stable across captures and runs).
QColor protocolColor(const QString &protocol);
inline constexpr int kPaletteSize = 20;
QColor paletteColor(int index); // a qualitative palette of kPaletteSize

// A scale for byte values: the divisor and unit that keep `max` in 1…1000.
struct Scale
{
    double divisor = 1;
    QString unit; // "B", "kB", "MB", "GB", "TB"
};
Scale byteScale(double max);
// "1.2 MB", "950 B": a byte value in the unit byteScale picks for it.
QString bytesText(double bytes);
// Axis and label numbers as the UI language writes them (called before each
// redraw: the language may have changed since the chart was made).
void localize(QChart *chart);

} // namespace ChartStyle
} // namespace packetlens::gui

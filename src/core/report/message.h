// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace packetlens {

// A sentence for a person, kept as a catalogue id and its arguments
// (src/core/report/messagecatalog.cpp) so that every face can say it in its
// language; the report's English text fields are its English rendering.
// An argument is a JSON value:
//   "text"                 inserted as it is (addresses, names, protocols);
//   123                    an integer, written as numbers are in the language;
//   {"dec": 2.5, "dp": 1}  a decimal with dp places;
//   {"num": 0.35}          a number in its shortest form (a setting's value);
//   {"category": "…"}      a finding category: its id in English, its title
//                          in other languages;
//   {"dur_ns": n}          a duration (ms, s, min or h, as it fits);
//   {"id": …, "args": […]} a nested message (a phrase of a sentence);
//   {"list": […]}          arguments joined with ", " (or with "sep" when given).
struct Message
{
    QString id;
    QJsonArray args;

    bool isEmpty() const { return id.isEmpty(); }
    bool operator==(const Message &) const = default;
    QJsonObject toJson() const; // {"id": …, "args": […]}
    static Message fromJson(const QJsonValue &v); // empty when v is not one
};

Message message(const char *id, const QJsonArray &args = {});
QJsonValue phraseArg(const Message &m);
QJsonValue decimalArg(double value, int places);
QJsonValue numberArg(double value);
QJsonValue categoryArg(const QString &category);
QJsonValue durationArg(int64_t ns);
QJsonValue listArg(const QStringList &items);
QJsonValue listArg(const QJsonArray &items);

// The message in a UI language ("ru…" Russian, anything else English); an
// empty string when its id, or a nested phrase's, is not in the catalogue.
QString renderMessage(const Message &m, const QString &language);
// What a face shows: the message in the language, or `english` (the report's
// text) when there is no message or the catalogue does not know it.
QString localizedText(const QString &english, const Message &m, const QString &language);
// A duration as a person reads it in the language ("2.5 s", "2,5 с").
QString localizedDuration(int64_t ns, const QString &language);

// The catalogue, for the translations_complete check: each id, and whether
// its Russian text names the same placeholders as its English one.
QStringList messageIds();
bool messageTranslated(const QString &id);

} // namespace packetlens

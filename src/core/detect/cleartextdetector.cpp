// SPDX-License-Identifier: GPL-3.0-or-later
#include "cleartextdetector.h"
#include "loginforms.h"

#include "../util/ascii.h"

#include <QByteArray>
#include <QJsonArray>

namespace packetlens {

namespace {
constexpr size_t kMaxLine = 512;

std::string lower(std::string s)
{
    for (char &c : s)
        c = asciiLower(c);
    return s;
}

std::string word(const std::string &line, size_t index)
{
    size_t pos = 0;
    for (size_t i = 0;; ++i) {
        while (pos < line.size() && line[pos] == ' ')
            ++pos;
        const size_t end = line.find(' ', pos);
        if (i == index)
            return line.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        if (end == std::string::npos)
            return {};
        pos = end;
    }
}

std::string unquote(std::string s)
{
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        s = s.substr(1, s.size() - 2);
    return s;
}

std::string base64(const std::string &s)
{
    return QByteArray::fromBase64(QByteArray::fromStdString(s)).toStdString();
}

QString protocolOf(uint16_t port)
{
    switch (port) {
    case 21: return QStringLiteral("FTP");
    case 23: return QStringLiteral("Telnet");
    case 25: case 587: return QStringLiteral("SMTP");
    case 110: return QStringLiteral("POP3");
    case 143: return QStringLiteral("IMAP");
    default: return {};
    }
}
} // namespace

CleartextDetector::CleartextDetector(const DetectionSettings &s) : m_maxTracked(size_t(s.number("limits", "max_tracked"))) {}

void CleartextDetector::record(const PacketContext &pc, const QString &protocol, const std::string &user, size_t passwordLen)
{
    const DecodedPacket &d = *pc.d;
    Group &g = m_groups[{d.src.toString(), d.dst.toString(), protocol}];
    if (g.count == 0) {
        g.protocol = protocol;
        g.firstNs = pc.tsNs;
    }
    g.lastNs = pc.tsNs;
    g.count++;
    if (g.users.size() < 200 || g.users.count(user))
        g.users[user] += passwordLen > 0;
    const std::string lu = lower(user);
    if (lu != "anonymous" && lu != "ftp")
        g.anonymousOnly = false;
    g.passwordLength = int(passwordLen);
    addEvidence(g.evidence, pc.number);
}

// The lines a client sends after starting SASL PLAIN or LOGIN ("*" cancels).
bool CleartextDetector::continueSasl(const PacketContext &pc, FlowState &st, const std::string &line)
{
    const QString proto = protocolOf(pc.d->dport);
    if (line == "*") {
        st.expect = Expect::Nothing;
        return true;
    }
    switch (st.expect) {
    case Expect::SaslPlain:
        if (const auto login = detect::saslPlain(line))
            record(pc, proto, login->user, login->passwordLength);
        st.expect = Expect::Nothing;
        return true;
    case Expect::SaslLoginUser:
        st.user = detect::base64Text(line);
        st.expect = Expect::SaslLoginPassword;
        return true;
    case Expect::SaslLoginPassword:
        record(pc, proto, st.user, detect::base64Text(line).size());
        st.expect = Expect::Nothing;
        return true;
    default:
        return false;
    }
}

// SMTP and POP3 "AUTH mech [initial]", IMAP "tag AUTHENTICATE mech [initial]".
void CleartextDetector::startSasl(const PacketContext &pc, FlowState &st, const std::string &mechanism, const std::string &initial)
{
    const bool hasInitial = !initial.empty() && initial != "=";
    if (mechanism == "plain") {
        if (!hasInitial)
            st.expect = Expect::SaslPlain;
        else if (const auto login = detect::saslPlain(initial))
            record(pc, protocolOf(pc.d->dport), login->user, login->passwordLength);
    } else if (mechanism == "login") {
        if (hasInitial) {
            st.user = detect::base64Text(initial);
            st.expect = Expect::SaslLoginPassword;
        } else {
            st.expect = Expect::SaslLoginUser;
        }
    }
}

void CleartextDetector::handleLine(const PacketContext &pc, FlowState &st, const std::string &raw)
{
    const DecodedPacket &d = *pc.d;
    const QString proto = protocolOf(d.dport);
    std::string line = raw;
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n'))
        line.pop_back();
    if (continueSasl(pc, st, line))
        return;
    const std::string cmd = lower(word(line, 0));
    const bool smtp = d.dport == 25 || d.dport == 587, pop3 = d.dport == 110, imap = d.dport == 143;
    if ((d.dport == 21 || pop3) && cmd == "user") {
        st.user = word(line, 1);
        st.expect = Expect::Password;
    } else if ((d.dport == 21 || pop3) && cmd == "pass") {
        record(pc, proto, st.user, line.size() > 5 ? line.size() - 5 : 0);
        st.expect = Expect::Nothing;
    } else if (imap && lower(word(line, 1)) == "login") {
        record(pc, proto, unquote(word(line, 2)), unquote(word(line, 3)).size());
    } else if (imap && lower(word(line, 1)) == "authenticate") {
        startSasl(pc, st, lower(word(line, 2)), word(line, 3));
    } else if ((smtp || pop3) && cmd == "auth") {
        startSasl(pc, st, lower(word(line, 1)), word(line, 2));
    }
}

// HTTP Basic, and login forms: a password field in a URL's query or in a
// URL-encoded form body (the body's first segment).
void CleartextDetector::readHttp(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    const std::string &auth = d.http.authorization;
    if (!auth.empty() && lower(auth.substr(0, 6)) == "basic ") {
        const std::string decoded = base64(auth.substr(6));
        const size_t colon = decoded.find(':');
        if (colon != std::string::npos)
            record(pc, QStringLiteral("HTTP Basic"), decoded.substr(0, colon), decoded.size() - colon - 1);
        return;
    }
    if (const size_t q = d.http.uri.find('?'); q != std::string::npos) {
        if (const auto login = detect::formLogin(std::string_view(d.http.uri).substr(q + 1))) {
            record(pc, QStringLiteral("HTTP form"), login->user, login->passwordLength);
            return;
        }
    }
    if (d.http.method != "POST" || d.payloadLen == 0)
        return;
    const std::string_view request(reinterpret_cast<const char *>(d.payload), std::min<uint32_t>(d.payloadLen, 8192));
    if (const auto login = detect::formLogin(detect::urlEncodedBody(request)))
        record(pc, QStringLiteral("HTTP form"), login->user, login->passwordLength);
}

// Telnet: the server's prompts decide what the client types next, one
// character at a time.
void CleartextDetector::readTelnet(const PacketContext &pc, FlowState &st, const std::string &payload, bool fromServer)
{
    if (fromServer) {
        const std::string l = lower(payload);
        if (l.find("login:") != std::string::npos || l.find("username:") != std::string::npos) {
            st.expect = Expect::TelnetUser;
            st.telnetLine.clear();
        } else if (l.find("password:") != std::string::npos) {
            st.expect = Expect::TelnetPassword;
            st.telnetLine.clear();
        }
        return;
    }
    if (st.expect != Expect::TelnetUser && st.expect != Expect::TelnetPassword)
        return;
    for (char c : payload) {
        if (c == '\r' || c == '\n') {
            if (st.expect == Expect::TelnetUser)
                st.user = st.telnetLine;
            else
                record(pc, QStringLiteral("Telnet"), st.user, st.telnetLine.size());
            st.expect = Expect::Nothing;
            st.telnetLine.clear();
            return;
        }
        if (uint8_t(c) >= 0x20 && uint8_t(c) < 0x7f && st.telnetLine.size() < 128)
            st.telnetLine.push_back(c);
    }
}

void CleartextDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.httpMessage && d.http.isRequest) {
        readHttp(pc);
        return;
    }
    if (d.l4 != Proto::Tcp || d.payloadLen == 0 || d.tcpRetransmission || d.app == Proto::Tls)
        return;
    const uint16_t port = d.dport;
    const uint16_t sport = d.sport;
    const bool toServer = !protocolOf(port).isEmpty();
    const bool fromTelnetServer = sport == 23;
    if (!toServer && !fromTelnetServer)
        return;
    const detect::PairKey key = toServer ? detect::PairKey{d.src, d.dst, uint32_t(sport) << 16 | port}
                                         : detect::PairKey{d.dst, d.src, uint32_t(d.dport) << 16 | sport};
    auto it = m_flows.find(key);
    if (it == m_flows.end()) {
        if (m_flows.size() >= m_maxTracked)
            m_flows.clear(); // bounded: forget half-finished logins rather than grow
        it = m_flows.emplace(key, FlowState{}).first;
    }
    FlowState &st = it->second;
    const std::string payload(reinterpret_cast<const char *>(d.payload), std::min<size_t>(d.payloadLen, kMaxLine));
    if (fromTelnetServer || port == 23) {
        readTelnet(pc, st, payload, fromTelnetServer);
        return;
    }
    size_t start = 0;
    while (start < payload.size()) {
        size_t end = payload.find('\n', start);
        if (end == std::string::npos)
            end = payload.size();
        handleLine(pc, st, payload.substr(start, end - start));
        start = end + 1;
    }
}

void CleartextDetector::finish(std::vector<Finding> &out)
{
    for (const auto &[key, g] : m_groups) {
        QJsonArray users; // names, or the phrase for none
        int withPassword = 0;
        for (const auto &[u, n] : g.users) {
            if (users.size() < 20)
                users.append(u.empty() ? phraseArg(message("common.none")) : QJsonValue(QString::fromStdString(u)));
            withPassword += n;
        }
        QStringList userNames; // as the metrics list them
        for (const QJsonValue &u : users)
            userNames << (u.isString() ? u.toString() : QStringLiteral("(none)"));
        Finding f;
        f.category = QStringLiteral("cleartext_credentials");
        f.severity = g.anonymousOnly ? Severity::Low : Severity::High;
        f.confidence = withPassword ? 0.95 : 0.7;
        f.source = QString::fromStdString(std::get<0>(key));
        f.targets = {QString::fromStdString(std::get<1>(key))};
        f.firstNs = g.firstNs;
        f.lastNs = g.lastNs;
        f.count = g.count;
        f.setSummary(message("cleartext.summary", {f.source, g.protocol, f.targets.first(), qint64(g.count),
                                                    g.count == 1 ? QString() : QStringLiteral("s"),
                                                    users.size() == 1 ? QString() : QStringLiteral("s"), listArg(users),
                                                    g.anonymousOnly ? phraseArg(message("cleartext.anonymous")) : QJsonValue(QString())}));
        f.setThreshold(message("cleartext.threshold"));
        f.packets = g.evidence;
        f.metrics = QJsonObject{{QStringLiteral("protocol"), g.protocol},
                                {QStringLiteral("users"), QJsonArray::fromStringList(userNames)},
                                {QStringLiteral("distinct_users"), qint64(g.users.size())},
                                {QStringLiteral("password"), QStringLiteral("********")},
                                {QStringLiteral("logins"), qint64(g.count)}};
        f.mitre = {QStringLiteral("T1552"), QStringLiteral("T1040")};
        f.setRecommendation(g.anonymousOnly ? message("cleartext.recommendation.anonymous", {g.protocol, f.targets.first()})
                                            : message("cleartext.recommendation", {listArg(users), g.protocol, f.targets.first()}));
        out.push_back(f);
    }
}

} // namespace packetlens

// SPDX-License-Identifier: GPL-3.0-or-later
#include "bruteforcedetector.h"
#include "loginforms.h"

#include "../util/ascii.h"

#include <cstring>

namespace packetlens {

namespace {
constexpr size_t kMaxTimes = 100000;
// HTTP form logins count as a brute force when they try this many passwords
// (or user names: password spraying); distinct ones kept at most.
constexpr size_t kMinDistinctTries = 10, kMaxDistinctKept = 1024;


bool startsWith(const uint8_t *p, uint32_t n, const char *s)
{
    const size_t l = std::strlen(s);
    return n >= l && std::memcmp(p, s, l) == 0;
}

bool containsCI(const uint8_t *p, uint32_t n, const char *needle)
{
    const size_t l = std::strlen(needle);
    for (uint32_t i = 0; i + l <= n; ++i) {
        size_t j = 0;
        while (j < l && asciiLower(char(p[i + j])) == needle[j])
            ++j;
        if (j == l)
            return true;
    }
    return false;
}

// Does this server reply report a failed login?
bool isFailureReply(uint16_t port, const uint8_t *p, uint32_t n)
{
    switch (port) {
    case 21: return startsWith(p, n, "530 ");
    case 25: case 587: return startsWith(p, n, "535 ");
    case 110: return startsWith(p, n, "-ERR") && containsCI(p, std::min<uint32_t>(n, 200), "pass");
    case 143: {
        const void *sp = std::memchr(p, ' ', std::min<uint32_t>(n, 32));
        if (!sp)
            return false;
        const uint32_t off = uint32_t(static_cast<const uint8_t *>(sp) - p) + 1;
        return off < n && (startsWith(p + off, n - off, "NO ") && containsCI(p, std::min<uint32_t>(n, 200), "auth"));
    }
    case 23: return containsCI(p, std::min<uint32_t>(n, 256), "login incorrect");
    default: return false;
    }
}
// A login attempt is a conversation in which both sides spoke: a port check
// (connect, read the banner, leave) or a refused connection is not one. On SSH
// the client must also have gone through a key exchange (its KEXINIT alone is
// about a kilobyte), which a banner grab never does.
bool loginExchange(const Conv &c)
{
    if (!(c.flags & OrigData) || !(c.flags & RespData))
        return false;
    if (c.respPort == 22 || c.respPort == 2222) {
        constexpr uint64_t kFrameHeaders = 66; // Ethernet, IPv4 and TCP with timestamps
        const uint64_t clientPayload = c.origBytes > c.origPackets * kFrameHeaders ? c.origBytes - c.origPackets * kFrameHeaders : 0;
        return clientPayload >= 1000;
    }
    return true;
}
} // namespace

QString BruteForceDetector::serviceName(uint16_t port)
{
    switch (port) {
    case 21: return QStringLiteral("FTP");
    case 22: return QStringLiteral("SSH");
    case 23: return QStringLiteral("Telnet");
    case 25: case 587: case 465: return QStringLiteral("SMTP");
    case 110: case 995: return QStringLiteral("POP3");
    case 143: case 993: return QStringLiteral("IMAP");
    case 139: case 445: return QStringLiteral("SMB");
    case 389: case 636: return QStringLiteral("LDAP");
    case 1433: return QStringLiteral("MSSQL");
    case 1521: return QStringLiteral("Oracle");
    case 3306: return QStringLiteral("MySQL");
    case 3389: return QStringLiteral("RDP");
    case 5432: return QStringLiteral("PostgreSQL");
    case 5900: case 5901: return QStringLiteral("VNC");
    case 6379: return QStringLiteral("Redis");
    case 27017: return QStringLiteral("MongoDB");
    default: return {};
    }
}

BruteForceDetector::BruteForceDetector(const DetectionSettings &s)
    : m_minFailures(size_t(s.number("brute_force", "min_failures"))),
      m_windowNs(int64_t(s.number("brute_force", "window_s") * 1e9)),
      m_shortPackets(uint64_t(s.number("brute_force", "short_session_packets"))),
      m_shortNs(int64_t(s.number("brute_force", "short_session_s") * 1e9)),
      m_maxTracked(size_t(s.number("limits", "max_tracked")))
{
}

bool BruteForceDetector::offersCredentials(std::string_view auth)
{
    auto startsWithCI = [&auth](std::string_view scheme) {
        if (auth.size() < scheme.size())
            return false;
        for (size_t i = 0; i < scheme.size(); ++i)
            if (asciiLower(auth[i]) != scheme[i])
                return false;
        return true;
    };
    if (startsWithCI("basic ") || startsWithCI("digest "))
        return true;
    // NTLM's third message ("NTLMSSP\0" then type 3) carries the response;
    // its first one only starts the challenge the 401 answers.
    return (startsWithCI("ntlm ") || startsWithCI("negotiate ")) && auth.find("TlRMTVNTUAADAAAA") != std::string_view::npos;
}

BruteForceDetector::Attempts &BruteForceDetector::attempts(const detect::PairKey &key)
{
    auto it = m_attempts.find(key);
    if (it == m_attempts.end()) {
        detect::capMap(m_attempts, m_maxTracked,
                       [](const Attempts &a) { return double(a.sessions + a.failureTimes.size() + a.formTimes.size()); });
        it = m_attempts.emplace(key, Attempts{}).first;
    }
    return it->second;
}

// An HTTP request with credentials: a login form's fields (in the query or
// a URL-encoded body), or an Authorization header a 401 may reject.
void BruteForceDetector::onHttpRequest(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    std::optional<detect::Login> login;
    if (const size_t q = d.http.uri.find('?'); q != std::string::npos)
        login = detect::formLogin(std::string_view(d.http.uri).substr(q + 1));
    if (!login && d.http.method == "POST") {
        const std::string_view request(reinterpret_cast<const char *>(d.payload), std::min<uint32_t>(d.payloadLen, 8192));
        login = detect::formLogin(detect::urlEncodedBody(request));
    }
    const bool credentials = offersCredentials(d.http.authorization);
    if (pc.hasConversation) {
        if (credentials) {
            if (m_credentialsPending.size() >= m_maxTracked)
                m_credentialsPending.clear();
            m_credentialsPending[pc.conversationId] = true;
        } else {
            m_credentialsPending.erase(pc.conversationId);
        }
    }
    if (!login && !credentials)
        return;
    const detect::PairKey key{d.src, d.dst, d.dport};
    Attempts &a = attempts(key);
    a.firstNs = std::min(a.firstNs, pc.tsNs);
    a.lastNs = std::max(a.lastNs, pc.tsNs);
    if (!login)
        return;
    if (a.formTimes.size() < kMaxTimes)
        a.formTimes.push_back(pc.tsNs);
    detect::addDistinct(a.passwords, login->passwordHash, kMaxDistinctKept);
    detect::addDistinct(a.users, std::hash<std::string>()(login->user), kMaxDistinctKept);
    addEvidence(a.evidence, pc.number);
}

void BruteForceDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.l4 != Proto::Tcp || d.payloadLen < 4 || d.tcpRetransmission)
        return;
    if (d.httpMessage && d.http.isRequest) {
        onHttpRequest(pc);
        return;
    }
    bool failed = false;
    if (d.httpMessage) {
        // A 401 answering credentials on the same connection: a wrong
        // password (a 401 to a request without them is the challenge that
        // asks for them; one saying the nonce is stale asks to retry).
        auto it = pc.hasConversation ? m_credentialsPending.find(pc.conversationId) : m_credentialsPending.end();
        if (it == m_credentialsPending.end())
            return;
        m_credentialsPending.erase(it);
        const uint32_t head = std::min<uint32_t>(d.payloadLen, 2048);
        failed = d.http.status == 401 && !containsCI(d.payload, head, "stale=true");
    } else {
        failed = !pc.fromOriginator && isFailureReply(d.sport, d.payload, d.payloadLen);
    }
    if (!failed)
        return;
    Attempts &a = attempts(detect::PairKey{d.dst, d.src, d.sport});
    if (a.failureTimes.size() < kMaxTimes)
        a.failureTimes.push_back(pc.tsNs);
    a.firstNs = std::min(a.firstNs, pc.tsNs);
    a.lastNs = std::max(a.lastNs, pc.tsNs);
    addEvidence(a.failureEvidence, pc.number);
}

void BruteForceDetector::onConversation(const Conv &c)
{
    if (c.proto != 6 || serviceName(c.respPort).isEmpty())
        return;
    const bool isShort = c.packets() <= m_shortPackets && c.lastNs - c.firstNs <= m_shortNs;
    if (!isShort || !loginExchange(c))
        return;
    const detect::PairKey key{c.orig, c.resp, c.respPort};
    auto it = m_attempts.find(key);
    if (it == m_attempts.end()) {
        detect::capMap(m_attempts, m_maxTracked, [](const Attempts &a) { return double(a.sessions + a.failureTimes.size()); });
        it = m_attempts.emplace(key, Attempts{}).first;
    }
    Attempts &a = it->second;
    a.sessions++;
    if (a.sessionTimes.size() < kMaxTimes)
        a.sessionTimes.push_back(c.firstNs);
    a.firstNs = std::min(a.firstNs, c.firstNs);
    a.lastNs = std::max(a.lastNs, c.lastNs);
    addEvidence(a.evidence, c.firstPacket);
}

void BruteForceDetector::finish(std::vector<Finding> &out)
{
    for (auto &[key, a] : m_attempts) {
        // Form logins count when they try many passwords or users (a
        // monitor logging in every minute tries one).
        // (Many users with a password each is many people behind one
        // address, not guessing: one side must outnumber the other.)
        const size_t pw = a.passwords.size(), users = a.users.size();
        const bool guessing = (pw >= kMinDistinctTries && pw >= 3 * users) || (users >= kMinDistinctTries && users >= 3 * pw);
        const size_t forms = guessing ? a.formTimes.size() : 0;
        if (a.sessionTimes.size() < m_minFailures && a.failureTimes.size() < m_minFailures && forms < m_minFailures)
            continue;
        const size_t bySessions = detect::maxInWindow(a.sessionTimes, m_windowNs);
        const size_t byFailures = detect::maxInWindow(a.failureTimes, m_windowNs);
        const size_t byForms = guessing ? detect::maxInWindow(a.formTimes, m_windowNs) : 0;
        const size_t n = std::max({bySessions, byFailures, byForms});
        if (n < m_minFailures)
            continue;
        const bool web = !a.formTimes.empty() || serviceName(uint16_t(key.extra)).isEmpty();
        const QString service = web ? QStringLiteral("HTTP") : serviceName(uint16_t(key.extra));
        Finding f;
        f.category = QStringLiteral("brute_force");
        f.severity = n >= 10 * m_minFailures ? Severity::Critical : Severity::High;
        f.confidence = byFailures >= m_minFailures || byForms >= m_minFailures ? 0.95 : 0.75;
        f.source = detect::ipText(key.a);
        f.targets = {detect::ipText(key.b)};
        f.ports = {int(key.extra)};
        f.firstNs = a.firstNs;
        f.lastNs = a.lastNs;
        f.count = n;
        if (byForms >= std::max(bySessions, byFailures))
            f.setSummary(message("brute.summary.form", {f.source, qint64(a.formTimes.size()), f.targets.first(), durationArg(a.lastNs - a.firstNs),
                                                        qint64(a.passwords.size()), qint64(a.users.size())}));
        else
            f.setSummary(message("brute.summary", {f.source, qint64(n), service, f.targets.first(), durationArg(a.lastNs - a.firstNs),
                                                    qint64(a.failureTimes.size()), qint64(a.sessionTimes.size())}));
        f.setThreshold(message("brute.threshold", {qint64(m_minFailures), qint64(m_windowNs / detect::kSecond / 60)}));
        // The evidence is the thing itself: the failed-login replies where the
        // protocol says so in clear text, the short sessions' first packets otherwise.
        std::vector<uint64_t> &evidence = a.failureEvidence.empty() ? a.evidence : a.failureEvidence;
        std::sort(evidence.begin(), evidence.end());
        f.packets = evidence;
        f.metrics = QJsonObject{{QStringLiteral("service"), service},
                                {QStringLiteral("failed_logins"), qint64(a.failureTimes.size())},
                                {QStringLiteral("short_sessions"), qint64(a.sessionTimes.size())},
                                {QStringLiteral("max_in_window"), qint64(n)}};
        if (!a.formTimes.empty()) { // how many, never which
            f.metrics.insert(QStringLiteral("form_logins"), qint64(a.formTimes.size()));
            f.metrics.insert(QStringLiteral("distinct_passwords"), qint64(a.passwords.size()));
            f.metrics.insert(QStringLiteral("distinct_users"), qint64(a.users.size()));
        }
        f.mitre = {QStringLiteral("T1110")};
        f.setRecommendation(message("brute.recommendation", {f.source, f.targets.first(), service}));
        out.push_back(f);
    }
}

} // namespace packetlens

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"

#include <string_view>

namespace packetlens {

// brute_force: many short or failed sessions from one source to an
// authentication service (SSH, FTP, Telnet, RDP, SMB, databases, VNC, mail,
// LDAP; Zeek: 30 failures in 30 min). Explicit failure replies (FTP 530,
// SMTP 535, POP3 -ERR, IMAP NO, Telnet "Login incorrect") count as well.
class BruteForceDetector : public Detector
{
public:
    explicit BruteForceDetector(const DetectionSettings &s);
    uint32_t interests() const override { return TcpPayload; }
    // Whether an HTTP Authorization header offers credentials that a 401
    // rejects as wrong (Basic, Digest, NTLM's third message), not the first
    // step of a challenge.
    static bool offersCredentials(std::string_view authorization);
    void onPacket(const PacketContext &pc) override;
    void onConversation(const Conv &c) override;
    bool wantsConversations() const override { return true; }
    void finish(std::vector<Finding> &out) override;
    static QString serviceName(uint16_t port);

private:
    struct Attempts
    {
        std::vector<int64_t> sessionTimes; // short/failed sessions
        std::vector<int64_t> failureTimes; // explicit failure replies
        uint64_t sessions = 0;
        int64_t firstNs = INT64_MAX, lastNs = 0;
        std::vector<uint64_t> evidence;        // short sessions' first packets
        std::vector<uint64_t> failureEvidence; // the server's failed-login replies
        // HTTP logins: form submissions, and the passwords and users they
        // tried (hashes, capped); whether the last request offered credentials.
        std::vector<int64_t> formTimes;
        std::vector<uint64_t> passwords, users;
    };
    // Connections whose last request offered credentials (by conversation:
    // a browser's parallel connections each do their own challenge).
    std::unordered_map<uint64_t, bool> m_credentialsPending;
    Attempts &attempts(const detect::PairKey &key);
    void onHttpRequest(const PacketContext &pc);
    std::unordered_map<detect::PairKey, Attempts, detect::PairKeyHash> m_attempts; // (client, server, port)
    size_t m_minFailures;
    int64_t m_windowNs;
    uint64_t m_shortPackets;
    int64_t m_shortNs;
    size_t m_maxTracked;
};

} // namespace packetlens

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"

#include <map>

namespace packetlens {

// cleartext_credentials: passwords sent unencrypted — FTP USER/PASS, HTTP Basic,
// HTTP login forms (a password field in a URL-encoded form or a URL's query),
// Telnet logins, POP3 USER/PASS, IMAP LOGIN, and SASL PLAIN/LOGIN on SMTP
// (AUTH), POP3 (AUTH) and IMAP (AUTHENTICATE), with the initial response on the
// command line or on the lines after it. The user name is reported, the
// password never (only that one was sent, and its length).
class CleartextDetector : public Detector
{
public:
    explicit CleartextDetector(const DetectionSettings &s);
    uint32_t interests() const override { return TcpPayload; }
    void onPacket(const PacketContext &pc) override;
    void finish(std::vector<Finding> &out) override;

private:
    enum class Expect : uint8_t { Nothing, Password, SaslPlain, SaslLoginUser, SaslLoginPassword, TelnetUser, TelnetPassword };
    struct FlowState
    {
        Expect expect = Expect::Nothing;
        std::string user;
        std::string telnetLine;
    };
    struct Group
    {
        QString protocol;
        std::map<std::string, int> users; // user -> passwords seen for it
        uint64_t count = 0;
        int64_t firstNs = 0, lastNs = 0;
        std::vector<uint64_t> evidence;
        bool anonymousOnly = true;
        int passwordLength = 0;
    };
    void record(const PacketContext &pc, const QString &protocol, const std::string &user, size_t passwordLen);
    void handleLine(const PacketContext &pc, FlowState &st, const std::string &line);
    bool continueSasl(const PacketContext &pc, FlowState &st, const std::string &line);
    void startSasl(const PacketContext &pc, FlowState &st, const std::string &mechanism, const std::string &initial);
    void readHttp(const PacketContext &pc);
    void readTelnet(const PacketContext &pc, FlowState &st, const std::string &payload, bool fromServer);

    std::unordered_map<detect::PairKey, FlowState, detect::PairKeyHash> m_flows; // (client, server, cport<<16|sport)
    std::map<std::tuple<std::string, std::string, QString>, Group> m_groups; // (client, server, protocol)
    size_t m_maxTracked;
};

} // namespace packetlens

// SPDX-License-Identifier: GPL-3.0-or-later
#include "devicelist.h"

#include <pcap/pcap.h>

#include <arpa/inet.h>
#include <net/if_arp.h>
#include <netinet/in.h>

#include <cstring>
#include <fstream>

namespace packetlens::helper {

namespace {
// Pseudo-devices without a sysfs entry, and the link types libpcap 1.10 gives them.
int pseudoDeviceLinkType(const std::string &name)
{
    if (name == "any")
        return 113; // LINKTYPE_LINUX_SLL
    if (name == "nflog")
        return 239;
    if (name.rfind("usbmon", 0) == 0)
        return 220;
    if (name.rfind("bluetooth-monitor", 0) == 0)
        return 254;
    if (name.rfind("dbus", 0) == 0)
        return 231;
    return -1;
}

std::string clean(const char *s)
{
    std::string out = s ? s : "";
    for (char &c : out)
        if (c == '\t' || c == '\n' || c == '\r')
            c = ' ';
    return out;
}

std::string addressText(const sockaddr *sa)
{
    char buf[INET6_ADDRSTRLEN] = {};
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in *>(sa)->sin_addr, buf, sizeof buf);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6 *>(sa)->sin6_addr, buf, sizeof buf);
    return buf;
}

std::string flagsText(bpf_u_int32 f)
{
    std::string out;
    auto add = [&out](const char *s) {
        if (!out.empty())
            out += ',';
        out += s;
    };
    if (f & PCAP_IF_UP)
        add("up");
    if (f & PCAP_IF_RUNNING)
        add("running");
    if (f & PCAP_IF_LOOPBACK)
        add("loopback");
    if (f & PCAP_IF_WIRELESS)
        add("wireless");
    if ((f & PCAP_IF_CONNECTION_STATUS) == PCAP_IF_CONNECTION_STATUS_DISCONNECTED)
        add("disconnected");
    return out;
}
} // namespace

int linkTypeOf(const std::string &name)
{
    if (name.empty() || name.find('/') != std::string::npos || name.find("..") != std::string::npos)
        return -1;
    std::ifstream in("/sys/class/net/" + name + "/type");
    int arphrd = -1;
    if (!(in >> arphrd))
        return pseudoDeviceLinkType(name);
    switch (arphrd) {
    case ARPHRD_ETHER:
    case ARPHRD_LOOPBACK: // Linux loopback frames carry an all-zero Ethernet header
        return 1;
    case ARPHRD_NONE:
    case ARPHRD_TUNNEL:
    case ARPHRD_TUNNEL6:
    case ARPHRD_SIT:
    case ARPHRD_IPGRE:
        return 101; // LINKTYPE_RAW
    case ARPHRD_PPP:
        return 113; // libpcap uses cooked mode for PPP
    case ARPHRD_IEEE80211_RADIOTAP:
        return 127;
    case 824: // ARPHRD_NETLINK (not in glibc's net/if_arp.h)
        return 253;
    default:
        return -1;
    }
}

int listDevices(FILE *out)
{
    char err[PCAP_ERRBUF_SIZE] = {};
    pcap_if_t *all = nullptr;
    if (pcap_findalldevs(&all, err) != 0) {
        std::fprintf(stderr, "error:other:cannot list interfaces: %s\n", err);
        return 1;
    }
    for (pcap_if_t *d = all; d; d = d->next) {
        std::string addresses;
        for (pcap_addr_t *a = d->addresses; a; a = a->next) {
            const std::string text = addressText(a->addr);
            if (text.empty())
                continue;
            if (!addresses.empty())
                addresses += ',';
            addresses += text;
        }
        std::fprintf(out, "%s\t%s\t%s\t%d\t%s\n", clean(d->name).c_str(), clean(d->description).c_str(),
                     flagsText(d->flags).c_str(), linkTypeOf(d->name), addresses.c_str());
    }
    pcap_freealldevs(all);
    return std::fflush(out) == 0 ? 0 : 1;
}

} // namespace packetlens::helper

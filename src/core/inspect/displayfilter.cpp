#include "displayfilter.h"

#include <QStringList>

#include <algorithm>
#include <string>
#include <vector>

namespace packetlens {

namespace {

enum class Field { IpAddr, IpSrc, IpDst, TcpPort, TcpSrc, TcpDst, UdpPort, UdpSrc, UdpDst, FrameLen, FrameNumber, Info };
enum class Op { Eq, Ne, Gt, Lt, Ge, Le, Contains, In };

struct FieldName
{
    const char *name;
    Field field;
    bool address;
};

const FieldName kFields[] = {
    {"ip.addr", Field::IpAddr, true},       {"ip.src", Field::IpSrc, true},       {"ip.dst", Field::IpDst, true},
    {"ipv6.addr", Field::IpAddr, true},     {"ipv6.src", Field::IpSrc, true},     {"ipv6.dst", Field::IpDst, true},
    {"tcp.port", Field::TcpPort, false},    {"tcp.srcport", Field::TcpSrc, false}, {"tcp.dstport", Field::TcpDst, false},
    {"udp.port", Field::UdpPort, false},    {"udp.srcport", Field::UdpSrc, false}, {"udp.dstport", Field::UdpDst, false},
    {"frame.len", Field::FrameLen, false},  {"frame.number", Field::FrameNumber, false},
    {"info", Field::Info, false},
};

bool prefixMatch(const IpAddress &a, const IpAddress &net, int bits)
{
    if (a.family != net.family)
        return false;
    const int full = bits / 8, rest = bits % 8;
    for (int i = 0; i < full; ++i)
        if (a.bytes[i] != net.bytes[i])
            return false;
    if (rest) {
        const uint8_t mask = uint8_t(0xff << (8 - rest));
        if ((a.bytes[full] & mask) != (net.bytes[full] & mask))
            return false;
    }
    return true;
}

bool compare(uint64_t v, Op op, uint64_t x)
{
    switch (op) {
    case Op::Eq: return v == x;
    case Op::Ne: return v != x;
    case Op::Gt: return v > x;
    case Op::Lt: return v < x;
    case Op::Ge: return v >= x;
    case Op::Le: return v <= x;
    case Op::Contains:
    case Op::In: return false;
    }
    return false;
}

} // namespace

struct DisplayFilter::Node
{
    enum class Kind { And, Or, Not, Proto, Compare, Text } kind;
    std::unique_ptr<Node> a, b;
    Proto proto = Proto::Count;
    Field field = Field::Info;
    Op op = Op::Eq;
    uint64_t number = 0;
    IpAddress addr;
    int prefix = 0;
    QString text;
    std::vector<uint64_t> set; // sorted, for "in {…}"

    bool test(uint64_t v) const
    {
        return op == Op::In ? std::binary_search(set.begin(), set.end(), v) : compare(v, op, number);
    }

    bool eval(const FilterSubject &s) const
    {
        const DecodedPacket &d = *s.d;
        switch (kind) {
        case Kind::And: return a->eval(s) && b->eval(s);
        case Kind::Or: return a->eval(s) || b->eval(s);
        case Kind::Not: return !a->eval(s);
        case Kind::Proto: return d.app == proto || d.has(proto);
        case Kind::Text: return s.info && s.info->contains(text, Qt::CaseInsensitive);
        case Kind::Compare: break;
        }
        auto addrTest = [&](const IpAddress &x) {
            const bool hit = prefixMatch(x, addr, prefix);
            return op == Op::Ne ? !hit : hit;
        };
        auto portTest = [&](Proto l4, bool src, bool dst) {
            if (d.l4 != l4)
                return false;
            if (op == Op::Ne) // Wireshark: "!=" holds when no port equals the value
                return !((src && d.sport == number) || (dst && d.dport == number));
            return (src && test(d.sport)) || (dst && test(d.dport));
        };
        switch (field) {
        case Field::IpAddr:
            if (!d.src.isValid())
                return false;
            return op == Op::Ne ? addrTest(d.src) && addrTest(d.dst) : addrTest(d.src) || addrTest(d.dst);
        case Field::IpSrc: return d.src.isValid() && addrTest(d.src);
        case Field::IpDst: return d.dst.isValid() && addrTest(d.dst);
        case Field::TcpPort: return portTest(Proto::Tcp, true, true);
        case Field::TcpSrc: return portTest(Proto::Tcp, true, false);
        case Field::TcpDst: return portTest(Proto::Tcp, false, true);
        case Field::UdpPort: return portTest(Proto::Udp, true, true);
        case Field::UdpSrc: return portTest(Proto::Udp, true, false);
        case Field::UdpDst: return portTest(Proto::Udp, false, true);
        case Field::FrameLen: return test(s.wireLen);
        case Field::FrameNumber: return test(s.number);
        case Field::Info: return s.info && s.info->contains(text, Qt::CaseInsensitive);
        }
        return false;
    }
};

namespace {

// Recursive-descent parser over a small token list.
class Parser
{
public:
    explicit Parser(const QString &t) : m_t(t) {}

    std::unique_ptr<DisplayFilter::Node> parse(QString *error, bool *needsInfo)
    {
        m_needsInfo = needsInfo;
        auto n = orExpr();
        if (m_error.isEmpty() && skipSpace() < m_t.size())
            fail(QStringLiteral("unexpected \"%1\"").arg(m_t.mid(m_pos, 12)));
        *error = m_error;
        return m_error.isEmpty() ? std::move(n) : nullptr;
    }

private:
    using NodePtr = std::unique_ptr<DisplayFilter::Node>;
    using Kind = DisplayFilter::Node::Kind;

    qsizetype skipSpace()
    {
        while (m_pos < m_t.size() && m_t[m_pos].isSpace())
            ++m_pos;
        return m_pos;
    }
    bool eat(const QString &tok, bool word = false)
    {
        skipSpace();
        if (!m_t.mid(m_pos).startsWith(tok, word ? Qt::CaseInsensitive : Qt::CaseSensitive))
            return false;
        const qsizetype end = m_pos + tok.size();
        if (word && end < m_t.size() && (m_t[end].isLetterOrNumber() || m_t[end] == u'.' || m_t[end] == u'_'))
            return false;
        m_pos = end;
        return true;
    }
    void fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("at %1: %2").arg(m_pos + 1).arg(why);
    }
    static NodePtr binary(Kind k, NodePtr a, NodePtr b)
    {
        auto n = std::make_unique<DisplayFilter::Node>();
        n->kind = k;
        n->a = std::move(a);
        n->b = std::move(b);
        return n;
    }

    NodePtr orExpr()
    {
        NodePtr n = andExpr();
        while (m_error.isEmpty() && (eat(QStringLiteral("||")) || eat(QStringLiteral("or"), true)))
            n = binary(Kind::Or, std::move(n), andExpr());
        return n;
    }
    NodePtr andExpr()
    {
        NodePtr n = notExpr();
        while (m_error.isEmpty() && (eat(QStringLiteral("&&")) || eat(QStringLiteral("and"), true)))
            n = binary(Kind::And, std::move(n), notExpr());
        return n;
    }
    NodePtr notExpr()
    {
        if (eat(QStringLiteral("!")) || eat(QStringLiteral("not"), true))
            return binary(Kind::Not, notExpr(), nullptr);
        return primary();
    }
    QString word()
    {
        skipSpace();
        const qsizetype start = m_pos;
        while (m_pos < m_t.size() && (m_t[m_pos].isLetterOrNumber() || m_t[m_pos] == u'.' || m_t[m_pos] == u'_'
                                      || m_t[m_pos] == u'-' || m_t[m_pos] == u':' || m_t[m_pos] == u'/'))
            ++m_pos;
        return m_t.mid(start, m_pos - start);
    }
    bool quoted(QString *out)
    {
        skipSpace();
        if (m_pos >= m_t.size() || m_t[m_pos] != u'"')
            return false;
        const qsizetype end = m_t.indexOf(u'"', m_pos + 1);
        if (end < 0) {
            fail(QStringLiteral("missing closing quote"));
            return true;
        }
        *out = m_t.mid(m_pos + 1, end - m_pos - 1);
        m_pos = end + 1;
        return true;
    }
    NodePtr textNode(const QString &s)
    {
        auto n = std::make_unique<DisplayFilter::Node>();
        n->kind = Kind::Text;
        n->text = s;
        *m_needsInfo = true;
        return n;
    }
    bool op(Op *out)
    {
        static const std::pair<const char *, Op> ops[] = {
            {"==", Op::Eq}, {"!=", Op::Ne}, {">=", Op::Ge}, {"<=", Op::Le}, {">", Op::Gt}, {"<", Op::Lt}};
        for (const auto &[s, o] : ops)
            if (eat(QLatin1String(s))) {
                *out = o;
                return true;
            }
        static const std::pair<const char *, Op> words[] = {
            {"eq", Op::Eq}, {"ne", Op::Ne}, {"ge", Op::Ge}, {"le", Op::Le}, {"gt", Op::Gt}, {"lt", Op::Lt}, {"contains", Op::Contains}, {"in", Op::In}};
        for (const auto &[s, o] : words)
            if (eat(QLatin1String(s), true)) {
                *out = o;
                return true;
            }
        return false;
    }

    NodePtr primary()
    {
        if (eat(QStringLiteral("("))) {
            NodePtr n = orExpr();
            if (!eat(QStringLiteral(")")))
                fail(QStringLiteral("missing \")\""));
            return n;
        }
        QString text;
        if (quoted(&text))
            return textNode(text);
        const qsizetype at = skipSpace();
        const QString name = word();
        if (name.isEmpty()) {
            fail(at >= m_t.size() ? QStringLiteral("expression ends too early") : QStringLiteral("unexpected \"%1\"").arg(m_t.at(at)));
            return nullptr;
        }
        const QString lower = name.toLower();
        for (const FieldName &f : kFields) {
            if (lower != QLatin1String(f.name))
                continue;
            auto n = std::make_unique<DisplayFilter::Node>();
            n->kind = Kind::Compare;
            n->field = f.field;
            if (!op(&n->op)) {
                fail(QStringLiteral("%1 needs a comparison such as ==").arg(name));
                return nullptr;
            }
            if (f.field == Field::Info) {
                if (n->op != Op::Contains && n->op != Op::Eq) {
                    fail(QStringLiteral("info is compared with contains"));
                    return nullptr;
                }
                QString s;
                if (!quoted(&s))
                    s = word();
                if (s.isEmpty())
                    fail(QStringLiteral("info contains needs a text"));
                n->text = s;
                *m_needsInfo = true;
                return n;
            }
            if (n->op == Op::Contains) {
                fail(QStringLiteral("contains applies to info only"));
                return nullptr;
            }
            if (n->op == Op::In) {
                if (f.address || !eat(QStringLiteral("{"))) {
                    fail(QStringLiteral("\"in\" takes a set of numbers such as {1 2 3}"));
                    return nullptr;
                }
                while (!eat(QStringLiteral("}"))) {
                    const QString v = word();
                    bool ok = false;
                    const uint64_t x = v.toULongLong(&ok);
                    if (!ok) {
                        fail(m_pos >= m_t.size() ? QStringLiteral("missing \"}\"") : QStringLiteral("\"%1\" is not a number").arg(v));
                        return nullptr;
                    }
                    n->set.push_back(x);
                    eat(QStringLiteral(","));
                }
                std::sort(n->set.begin(), n->set.end());
                return n;
            }
            const QString value = word();
            if (value.isEmpty()) {
                fail(QStringLiteral("%1 needs a value").arg(name));
                return nullptr;
            }
            if (f.address) {
                if (n->op != Op::Eq && n->op != Op::Ne) {
                    fail(QStringLiteral("addresses are compared with == or !="));
                    return nullptr;
                }
                const QStringList parts = value.split(u'/');
                if (parts.size() > 2 || !IpAddress::parse(parts[0].toStdString(), n->addr)) {
                    fail(QStringLiteral("\"%1\" is not an IP address or network").arg(value));
                    return nullptr;
                }
                const int maxBits = n->addr.family == 4 ? 32 : 128;
                bool ok = true;
                n->prefix = parts.size() == 2 ? parts[1].toInt(&ok) : maxBits;
                if (!ok || n->prefix < 0 || n->prefix > maxBits) {
                    fail(QStringLiteral("\"%1\" has an invalid prefix length").arg(value));
                    return nullptr;
                }
            } else {
                bool ok = false;
                n->number = value.startsWith(QLatin1String("0x")) ? value.mid(2).toULongLong(&ok, 16) : value.toULongLong(&ok);
                const bool port = f.field != Field::FrameLen && f.field != Field::FrameNumber;
                if (!ok || (port && n->number > 65535)) {
                    fail(QStringLiteral("\"%1\" is not a valid %2").arg(value, port ? QStringLiteral("port") : QStringLiteral("number")));
                    return nullptr;
                }
            }
            return n;
        }
        for (int p = 0; p < kProtoCount; ++p) {
            if (lower == QLatin1String(protoName(Proto(p)))) {
                auto n = std::make_unique<DisplayFilter::Node>();
                n->kind = Kind::Proto;
                n->proto = Proto(p);
                return n;
            }
        }
        if (lower == QLatin1String("tls") || lower == QLatin1String("ssl")) {
            auto n = std::make_unique<DisplayFilter::Node>();
            n->kind = Kind::Proto;
            n->proto = Proto::Tls;
            return n;
        }
        m_pos = at;
        fail(QStringLiteral("\"%1\" is neither a protocol nor a field; put text in quotes to search the Info column").arg(name));
        return nullptr;
    }

    const QString &m_t;
    qsizetype m_pos = 0;
    QString m_error;
    bool *m_needsInfo = nullptr;
};

} // namespace

DisplayFilter::DisplayFilter() = default;
DisplayFilter::~DisplayFilter() = default;
DisplayFilter::DisplayFilter(DisplayFilter &&) noexcept = default;
DisplayFilter &DisplayFilter::operator=(DisplayFilter &&) noexcept = default;

DisplayFilter DisplayFilter::parse(const QString &text)
{
    DisplayFilter f;
    if (text.trimmed().isEmpty())
        return f;
    Parser p(text);
    f.m_root = p.parse(&f.m_error, &f.m_needsInfo);
    return f;
}

bool DisplayFilter::matches(const FilterSubject &s) const
{
    return !m_root || m_root->eval(s);
}

} // namespace packetlens

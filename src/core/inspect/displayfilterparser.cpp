// SPDX-License-Identifier: GPL-3.0-or-later
// The display filter's parser: a small recursive-descent parser over the
// filter text, with Wireshark's field names and operators.
#include "displayfilternode.h"

#include "../decode/protocols.h"

namespace packetlens {

namespace {
using namespace filter;

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
        while (m_error.isEmpty() && (eat(QStringLiteral("||")) || eat(QStringLiteral("or"), true)) && anotherOperator())
            n = binary(Kind::Or, std::move(n), andExpr());
        return n;
    }
    NodePtr andExpr()
    {
        NodePtr n = notExpr();
        while (m_error.isEmpty() && (eat(QStringLiteral("&&")) || eat(QStringLiteral("and"), true)) && anotherOperator())
            n = binary(Kind::And, std::move(n), notExpr());
        return n;
    }
    NodePtr notExpr()
    {
        if (eat(QStringLiteral("!")) || eat(QStringLiteral("not"), true)) {
            if (!enter())
                return nullptr;
            NodePtr n = binary(Kind::Not, notExpr(), nullptr);
            --m_nesting;
            return n;
        }
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
            if (!enter())
                return nullptr;
            NodePtr n = orExpr();
            --m_nesting;
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
        for (const FieldName &f : kFields)
            if (lower == QLatin1String(f.name))
                return comparison(f, name);
        if (NodePtr p = protocol(lower))
            return p;
        m_pos = at;
        fail(QStringLiteral("\"%1\" is neither a protocol nor a field; put text in quotes to search the Info column").arg(name));
        return nullptr;
    }

    // A field, its operator and its value; or a field alone, where that
    // tests whether the packet has it.
    NodePtr comparison(const FieldName &f, const QString &name)
    {
        auto n = std::make_unique<DisplayFilter::Node>();
        n->kind = Kind::Compare;
        n->field = f.field;
        n->mask = f.mask;
        const qsizetype before = m_pos;
        const bool hasOp = op(&n->op);
        if (f.type == FieldType::Presence) {
            if (hasOp) {
                m_pos = before;
                return failed(QStringLiteral("%1 is a flag: use it alone (e.g. %1 && ip.addr==10.0.0.1)").arg(name));
            }
            n->op = Op::Exists;
            return n;
        }
        if (!hasOp) {
            if (f.mayStandAlone) {
                n->op = Op::Exists;
                return n;
            }
            fail(QStringLiteral("%1 needs a comparison such as ==").arg(name));
            return nullptr;
        }
        if (f.field == Field::Info)
            return infoComparison(std::move(n));
        if (f.field == Field::ColProtocol)
            return protocolColumnComparison(std::move(n));
        if (f.type == FieldType::Text)
            return textComparison(std::move(n), name);
        if (n->op == Op::Contains) {
            fail(QStringLiteral("contains applies to info only"));
            return nullptr;
        }
        if (n->op == Op::In)
            return f.type == FieldType::Address || f.type == FieldType::Seconds
                       ? failed(QStringLiteral("\"in\" takes a set of numbers such as {1 2 3}"))
                       : numberSet(std::move(n));
        const QString value = word();
        if (value.isEmpty()) {
            fail(QStringLiteral("%1 needs a value").arg(name));
            return nullptr;
        }
        bool ok = false;
        switch (f.type) {
        case FieldType::Address: ok = addressValue(*n, value); break;
        case FieldType::Seconds: ok = secondsValue(*n, value); break;
        default: ok = numberValue(*n, value, f.type == FieldType::Port); break;
        }
        return ok ? std::move(n) : nullptr;
    }

    NodePtr failed(const QString &why)
    {
        fail(why);
        return nullptr;
    }

    NodePtr infoComparison(NodePtr n)
    {
        if (n->op != Op::Contains && n->op != Op::Eq)
            return failed(QStringLiteral("info is compared with contains"));
        QString s;
        if (!quoted(&s))
            s = word();
        if (s.isEmpty())
            fail(QStringLiteral("info contains needs a text"));
        n->text = s;
        *m_needsInfo = true;
        return n;
    }

    // _ws.col.protocol == "tcp": the packet's top protocol (its Protocol column)
    NodePtr protocolColumnComparison(NodePtr n)
    {
        if (n->op != Op::Eq && n->op != Op::Ne)
            return failed(QStringLiteral("_ws.col.protocol is compared with == or !="));
        QString s;
        if (!quoted(&s))
            s = word();
        if (s.isEmpty())
            return failed(QStringLiteral("_ws.col.protocol needs a protocol name"));
        n->text = s;
        return n;
    }

    // http.user_agent == "Mozilla/5.0 (…)": a text field against a quoted
    // text (\" and \\ inside), or a bare word.
    NodePtr textComparison(NodePtr n, const QString &name)
    {
        if (n->op != Op::Eq && n->op != Op::Ne && n->op != Op::Contains)
            return failed(QStringLiteral("%1 is compared with ==, != or contains").arg(name));
        QString s;
        if (!escapedQuoted(&s))
            s = word();
        if (!m_error.isEmpty())
            return nullptr;
        if (s.isEmpty())
            return failed(QStringLiteral("%1 needs a text").arg(name));
        n->caseless = n->field == Field::DnsQryName || n->field == Field::HttpHost || n->field == Field::TlsSni;
        n->text = s;
        n->bytes = (n->caseless ? s.toLower() : s).toStdString();
        return n;
    }

    bool escapedQuoted(QString *out)
    {
        skipSpace();
        if (m_pos >= m_t.size() || m_t[m_pos] != u'"')
            return false;
        for (qsizetype i = m_pos + 1; i < m_t.size(); ++i) {
            if (m_t[i] == u'\\' && i + 1 < m_t.size()) {
                *out += m_t[++i];
            } else if (m_t[i] == u'"') {
                m_pos = i + 1;
                return true;
            } else {
                *out += m_t[i];
            }
        }
        fail(QStringLiteral("missing closing quote"));
        return true;
    }

    // "in {1 2 3}"
    NodePtr numberSet(NodePtr n)
    {
        if (!eat(QStringLiteral("{")))
            return failed(QStringLiteral("\"in\" takes a set of numbers such as {1 2 3}"));
        while (!eat(QStringLiteral("}"))) {
            const QString v = word();
            bool ok = false;
            const uint64_t x = v.toULongLong(&ok);
            if (!ok)
                return failed(m_pos >= m_t.size() ? QStringLiteral("missing \"}\"") : QStringLiteral("\"%1\" is not a number").arg(v));
            n->set.push_back(x);
            eat(QStringLiteral(","));
        }
        std::sort(n->set.begin(), n->set.end());
        return n;
    }

    // An address or a network ("10.0.0.0/8"), compared with == or !=.
    bool addressValue(DisplayFilter::Node &n, const QString &value)
    {
        if (n.op != Op::Eq && n.op != Op::Ne) {
            fail(QStringLiteral("addresses are compared with == or !="));
            return false;
        }
        const QStringList parts = value.split(u'/');
        if (parts.size() > 2 || !IpAddress::parse(parts[0].toStdString(), n.addr)) {
            fail(QStringLiteral("\"%1\" is not an IP address or network").arg(value));
            return false;
        }
        const int maxBits = n.addr.family == 4 ? 32 : 128;
        bool ok = true;
        n.prefix = parts.size() == 2 ? parts[1].toInt(&ok) : maxBits;
        if (!ok || n.prefix < 0 || n.prefix > maxBits) {
            fail(QStringLiteral("\"%1\" has an invalid prefix length").arg(value));
            return false;
        }
        return true;
    }

    bool secondsValue(DisplayFilter::Node &n, const QString &value)
    {
        bool ok = false;
        n.seconds = value.toDouble(&ok);
        if (!ok || n.seconds < 0) {
            fail(QStringLiteral("\"%1\" is not a time in seconds (such as 0.5)").arg(value));
            return false;
        }
        return true;
    }

    bool numberValue(DisplayFilter::Node &n, const QString &value, bool port)
    {
        bool ok = false;
        n.number = value.startsWith(QLatin1String("0x")) ? value.mid(2).toULongLong(&ok, 16) : value.toULongLong(&ok);
        if (!ok || (port && n.number > 65535)) {
            fail(QStringLiteral("\"%1\" is not a valid %2").arg(value, port ? QStringLiteral("port") : QStringLiteral("number")));
            return false;
        }
        return true;
    }

    // A protocol name (Wireshark's), or null.
    NodePtr protocol(const QString &lower)
    {
        Proto proto = Proto::Count;
        for (int p = 0; p < kProtoCount; ++p)
            if (lower == QLatin1String(protoName(Proto(p))))
                proto = Proto(p);
        if (lower == QLatin1String("tls") || lower == QLatin1String("ssl"))
            proto = Proto::Tls;
        if (proto == Proto::Count)
            return nullptr;
        auto n = std::make_unique<DisplayFilter::Node>();
        n->kind = Kind::Proto;
        n->proto = proto;
        return n;
    }

    const QString &m_t;
    qsizetype m_pos = 0;
    QString m_error;
    bool *m_needsInfo = nullptr;
    // The parser and the filter's evaluation recurse once per nesting level
    // and per operator of a chain: both are bounded, so that a pasted or
    // generated filter cannot exhaust the stack (found by fuzz_displayfilter:
    // 2 836 opening parentheses).
    static constexpr int kMaxNesting = 64;     // parentheses and "not"s inside each other
    static constexpr int kMaxOperators = 1024; // "and"/"or" in the whole filter
    int m_nesting = 0;
    int m_operators = 0;
    bool enter()
    {
        if (++m_nesting > kMaxNesting) {
            fail(QStringLiteral("nested more than %1 levels deep").arg(kMaxNesting));
            return false;
        }
        return true;
    }
    bool anotherOperator()
    {
        if (++m_operators > kMaxOperators) {
            fail(QStringLiteral("more than %1 \"and\"/\"or\" operators").arg(kMaxOperators));
            return false;
        }
        return true;
    }
};

} // namespace

std::unique_ptr<DisplayFilter::Node> parseDisplayFilter(const QString &text, QString *error, bool *needsInfo)
{
    Parser p(text);
    return p.parse(error, needsInfo);
}

} // namespace packetlens

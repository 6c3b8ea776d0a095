// SPDX-License-Identifier: GPL-3.0-or-later
#include "loginforms.h"

#include <functional>

#include "../util/ascii.h"

#include <QByteArray>

namespace packetlens::detect {

namespace {

std::string lowerText(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = asciiLower(c);
    return out;
}

std::string percentDecoded(std::string_view s)
{
    QByteArray b = QByteArray::fromRawData(s.data(), qsizetype(s.size()));
    b.replace('+', ' ');
    return QByteArray::fromPercentEncoding(b).toStdString();
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Field names that hold a password: the plain ones, and framework forms
// (user[password], login_password, j_password). Not "passive" or "bypass".
bool isPasswordField(std::string_view name)
{
    for (std::string_view exact : {"pass", "password", "passwd", "pwd", "pw", "passphrase", "j_password"})
        if (name == exact)
            return true;
    for (std::string_view suffix : {"[password]", "_password", ".password", "[pass]", "_pass", "_pwd", "[passwd]"})
        if (endsWith(name, suffix))
            return true;
    return false;
}

bool isUserField(std::string_view name)
{
    for (std::string_view exact : {"user", "username", "login", "email", "usr", "uname", "userid", "user_id", "j_username",
                                   "log", "account"})
        if (name == exact)
            return true;
    for (std::string_view suffix : {"[username]", "_username", "[login]", "[email]", "_user", "[user]"})
        if (endsWith(name, suffix))
            return true;
    return false;
}

} // namespace

std::string base64Text(std::string_view base64)
{
    return QByteArray::fromBase64(QByteArray::fromRawData(base64.data(), qsizetype(base64.size()))).toStdString();
}

std::optional<Login> saslPlain(std::string_view base64)
{
    const std::string decoded = base64Text(base64);
    const size_t a = decoded.find('\0');
    const size_t b = a == std::string::npos ? a : decoded.find('\0', a + 1);
    if (b == std::string::npos)
        return std::nullopt;
    return Login{decoded.substr(a + 1, b - a - 1), decoded.size() - b - 1};
}

std::optional<Login> formLogin(std::string_view fields)
{
    std::optional<Login> found;
    std::string user;
    size_t pos = 0;
    while (pos <= fields.size()) {
        size_t end = fields.find('&', pos);
        if (end == std::string_view::npos)
            end = fields.size();
        const std::string_view pair = fields.substr(pos, end - pos);
        const size_t eq = pair.find('=');
        if (eq != std::string_view::npos && eq + 1 < pair.size()) {
            const std::string name = lowerText(percentDecoded(pair.substr(0, eq)));
            if (isPasswordField(name)) {
                const std::string password = percentDecoded(pair.substr(eq + 1));
                found = Login{{}, password.size(), std::hash<std::string>()(password)};
            }
            else if (isUserField(name) && user.empty())
                user = percentDecoded(pair.substr(eq + 1)).substr(0, 128);
        }
        pos = end + 1;
    }
    // A login form names its user too; a lone "pass" parameter is as often
    // something else (an exploit's argument, a pass-through flag).
    if (!found || user.empty())
        return std::nullopt;
    found->user = user;
    return found;
}

std::string_view urlEncodedBody(std::string_view request)
{
    const size_t blank = request.find("\r\n\r\n");
    if (blank == std::string_view::npos)
        return {};
    const std::string head = lowerText(request.substr(0, blank));
    if (head.find("\r\ncontent-type: application/x-www-form-urlencoded") == std::string::npos
        && head.find("\r\ncontent-type:application/x-www-form-urlencoded") == std::string::npos)
        return {};
    return request.substr(blank + 4);
}

} // namespace packetlens::detect

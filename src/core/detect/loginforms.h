// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace packetlens::detect {

// A login read off the wire: the user name, and how long the password was
// (never the password itself).
struct Login
{
    std::string user;
    size_t passwordLength = 0;
    uint64_t passwordHash = 0; // tells passwords apart (a brute force tries many), never shown
};

// SASL PLAIN's message (RFC 4616), base64: authzid NUL authcid NUL password.
std::optional<Login> saslPlain(std::string_view base64);
// A base64 line of SASL LOGIN (the user name or the password).
std::string base64Text(std::string_view base64);
// An HTML form's fields (application/x-www-form-urlencoded, or a URL's query)
// holding a user field and a password field with a value: a login sent in the clear.
std::optional<Login> formLogin(std::string_view fields);
// The body of an HTTP request in its first segment (after the blank line),
// when the request says it is a URL-encoded form.
std::string_view urlEncodedBody(std::string_view request);

} // namespace packetlens::detect

#pragma once

// The SASL users file (sasl.users.file): one NAME:PASSWORD per line, the password being
// everything after the first ':'; blank lines and lines starting with '#' are skipped. It holds
// passwords in clear, so a file that group or others may read or write is refused, as ssh
// refuses a private key.

#include <map>
#include <string>
#include <string_view>

namespace samsa::broker::security {

// Parses the text of a users file; fileName only labels the errors ("FILE line 3: ..."), which
// never quote a line (it may hold a password).
bool parseUsersFile(
    std::string_view text, const std::string& fileName, std::map<std::string, std::string>* users, std::string* error);

// Opens, checks (a regular file, mode & 077 == 0) and parses the file.
bool readUsersFile(const std::string& path, std::map<std::string, std::string>* users, std::string* error);

} // namespace samsa::broker::security

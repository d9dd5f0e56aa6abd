#include "security/usersfile.h"

#include <openssl/crypto.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace samsa::broker::security {

namespace {

// A users file is a few lines; anything this large is a mistake (a wrong path, say).
constexpr off_t kMaxUsersFileBytes = 16 * 1024 * 1024;

bool hasControlCharacter(std::string_view text)
{
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return true;
    }
    return false;
}

std::string lineError(const std::string& fileName, size_t line, const char* what)
{
    return fileName + " line " + std::to_string(line) + ": " + what;
}

bool refuse(std::string* error, std::string text)
{
    *error = std::move(text);
    return false;
}

// Closes the descriptor however readUsersFile returns.
struct FileDescriptor {
    int fd = -1;
    ~FileDescriptor()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

bool parseUsersFile(
    std::string_view text, const std::string& fileName, std::map<std::string, std::string>* users, std::string* error)
{
    std::map<std::string, std::string> parsed;
    size_t lineNumber = 0;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (line.ends_with('\r'))
            line.remove_suffix(1); // written on Windows
        const size_t firstVisible = line.find_first_not_of(" \t");
        if (firstVisible == std::string_view::npos || line[firstVisible] == '#')
            continue;
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return refuse(error, lineError(fileName, lineNumber, "expected NAME:PASSWORD"));
        const std::string_view name = line.substr(0, colon);
        const std::string_view password = line.substr(colon + 1);
        if (name.empty())
            return refuse(error, lineError(fileName, lineNumber, "empty user name"));
        if (name.find_first_of(" \t") != std::string_view::npos || hasControlCharacter(name))
            return refuse(error, lineError(fileName, lineNumber, "user name with a space or control character"));
        if (password.empty())
            return refuse(error, lineError(fileName, lineNumber, "empty password"));
        if (hasControlCharacter(password))
            return refuse(error, lineError(fileName, lineNumber, "control character in the password"));
        if (!parsed.emplace(std::string(name), std::string(password)).second)
            return refuse(error, lineError(fileName, lineNumber, "user named on an earlier line too"));
    }
    *users = std::move(parsed);
    return true;
}

bool readUsersFile(const std::string& path, std::map<std::string, std::string>* users, std::string* error)
{
    // O_NONBLOCK: a FIFO at the path must not hang the broker before the regular-file check.
    FileDescriptor file { ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK) };
    if (file.fd < 0)
        return refuse(error, "cannot open sasl.users.file " + path + ": " + std::strerror(errno));
    // fstat on the opened file, so the file checked is the file read.
    struct stat info { };
    if (::fstat(file.fd, &info) != 0)
        return refuse(error, "cannot stat sasl.users.file " + path + ": " + std::strerror(errno));
    if (!S_ISREG(info.st_mode))
        return refuse(error, "sasl.users.file " + path + " is not a regular file");
    if ((info.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
        return refuse(error,
            "sasl.users.file " + path + " is readable or writable by group or others (mode " + mode
                + "); it holds passwords: chmod 600 it");
    }
    if (info.st_size > kMaxUsersFileBytes)
        return refuse(error, "sasl.users.file " + path + " is larger than 16 MiB");
    std::string text;
    char buffer[65536];
    while (true) {
        const ssize_t count = ::read(file.fd, buffer, sizeof buffer);
        if (count < 0 && errno == EINTR)
            continue;
        if (count < 0)
            return refuse(error, "cannot read sasl.users.file " + path + ": " + std::strerror(errno));
        if (count == 0)
            break;
        text.append(buffer, static_cast<size_t>(count));
        if (text.size() > static_cast<size_t>(kMaxUsersFileBytes))
            return refuse(error, "sasl.users.file " + path + " is larger than 16 MiB");
    }
    OPENSSL_cleanse(buffer, sizeof buffer);
    const bool parsed = parseUsersFile(text, path, users, error);
    OPENSSL_cleanse(text.data(), text.size());
    return parsed;
}

} // namespace samsa::broker::security

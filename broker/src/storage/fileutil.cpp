#include "storage/fileutil.h"

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <climits>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace samsa::broker::fileutil {

std::string errnoMessage(const std::string& what)
{
    return what + ": " + std::strerror(errno);
}

bool makeDirectories(const std::string& path, std::string* error)
{
    if (path.empty()) {
        if (error)
            *error = "empty directory path";
        return false;
    }
    size_t position = 0;
    while (position != std::string::npos) {
        position = path.find('/', position + 1);
        const std::string prefix = path.substr(0, position);
        if (prefix.empty())
            continue;
        if (::mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST) {
            if (error)
                *error = errnoMessage("cannot create directory " + prefix);
            return false;
        }
    }
    struct stat info{};
    if (::stat(path.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        if (error)
            *error = "not a directory: " + path;
        return false;
    }
    return true;
}

bool syncDirectory(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

bool writeFileAtomically(const std::string& path, const std::string& content, std::string* error)
{
    const std::string temporary = path + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        if (error)
            *error = errnoMessage("cannot write " + temporary);
        return false;
    }
    const bool written = writeAt(fd, std::span(reinterpret_cast<const uint8_t*>(content.data()), content.size()), 0);
    const bool synced = written && ::fsync(fd) == 0;
    if (!synced && error)
        *error = errnoMessage("cannot write " + temporary);
    ::close(fd);
    if (!synced) {
        ::unlink(temporary.c_str());
        return false;
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        if (error)
            *error = errnoMessage("cannot rename " + temporary + " to " + path);
        ::unlink(temporary.c_str());
        return false;
    }
    const auto slash = path.rfind('/');
    syncDirectory(slash == std::string::npos ? std::string(".") : path.substr(0, slash == 0 ? 1 : slash));
    return true;
}

std::optional<std::string> readFile(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    std::string content;
    char buffer[65536];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            ::close(fd);
            return std::nullopt;
        }
        if (got == 0)
            break;
        content.append(buffer, static_cast<size_t>(got));
    }
    ::close(fd);
    return content;
}

bool removeTree(const std::string& path, std::string* error)
{
    struct stat info{};
    if (::lstat(path.c_str(), &info) != 0)
        return errno == ENOENT;
    if (S_ISDIR(info.st_mode)) {
        for (const auto& name : listDirectory(path)) {
            if (!removeTree(path + "/" + name, error))
                return false;
        }
        if (::rmdir(path.c_str()) != 0) {
            if (error)
                *error = errnoMessage("cannot remove " + path);
            return false;
        }
        return true;
    }
    if (::unlink(path.c_str()) != 0) {
        if (error)
            *error = errnoMessage("cannot remove " + path);
        return false;
    }
    return true;
}

std::vector<std::string> listDirectory(const std::string& path)
{
    std::vector<std::string> names;
    DIR* dir = ::opendir(path.c_str());
    if (!dir)
        return names;
    while (const dirent* entry = ::readdir(dir)) {
        const std::string name = entry->d_name;
        if (name != "." && name != "..")
            names.push_back(name);
    }
    ::closedir(dir);
    return names;
}

int64_t readAt(int fd, std::span<uint8_t> buffer, int64_t position)
{
    size_t done = 0;
    while (done < buffer.size()) {
        const ssize_t got = ::pread(fd, buffer.data() + done, buffer.size() - done, position + static_cast<int64_t>(done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            break;
        done += static_cast<size_t>(got);
    }
    return static_cast<int64_t>(done);
}

bool writeAt(int fd, std::span<const uint8_t> data, int64_t position)
{
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t put = ::pwrite(fd, data.data() + done, data.size() - done, position + static_cast<int64_t>(done));
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return false;
        done += static_cast<size_t>(put);
    }
    return true;
}

int64_t fileSize(int fd)
{
    struct stat info{};
    if (::fstat(fd, &info) != 0)
        return -1;
    return info.st_size;
}

int64_t freeDescriptors()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return INT64_MAX;
    DIR* dir = ::opendir("/proc/self/fd");
    if (!dir)
        return INT64_MAX;
    int64_t open = 0;
    while (const dirent* entry = ::readdir(dir)) {
        if (entry->d_name[0] != '.')
            ++open;
    }
    ::closedir(dir);
    // The directory's own descriptor was counted; it is free again now.
    return static_cast<int64_t>(limit.rlim_cur) - (open - 1);
}

} // namespace samsa::broker::fileutil

#pragma once

// Small POSIX file helpers for the storage layer. All report failures as readable text.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace samsa::broker::fileutil {

// "<what>: <strerror(errno)>"
std::string errnoMessage(const std::string& what);

// mkdir -p; true when the directory exists afterwards.
bool makeDirectories(const std::string& path, std::string* error);

// Replaces `path` with `content` so that a crash leaves either the old or the new file: write to
// a temporary file, fsync it, rename it over `path`, fsync the directory.
bool writeFileAtomically(const std::string& path, const std::string& content, std::string* error);

// The whole file, or nullopt when it cannot be read (missing, unreadable).
std::optional<std::string> readFile(const std::string& path);

// fsync on a directory, so that creations, renames and deletions in it survive a power cut.
bool syncDirectory(const std::string& path);

// rm -rf; true when nothing remains.
bool removeTree(const std::string& path, std::string* error);

// Names of the entries of a directory (without "." and "..").
std::vector<std::string> listDirectory(const std::string& path);

// pread/pwrite that retry on EINTR and short transfers. pread returns bytes read (less at EOF),
// -1 on error.
int64_t readAt(int fd, std::span<uint8_t> buffer, int64_t position);
bool writeAt(int fd, std::span<const uint8_t> data, int64_t position);

int64_t fileSize(int fd);

// Descriptors this process may still open: RLIMIT_NOFILE's soft limit minus those open now
// (counted in /proc/self/fd). INT64_MAX when the limit is unlimited or cannot be read.
int64_t freeDescriptors();

} // namespace samsa::broker::fileutil

#include "common/log.h"

#include <algorithm>
#include <atomic>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sys/time.h>
#include <unistd.h>

namespace samsa::broker {

namespace {

LogLevel initialLevel()
{
    const char* env = std::getenv("SAMSA_BROKER_LOG");
    if (env && std::strcmp(env, "debug") == 0)
        return LogLevel::Debug;
    return LogLevel::Info;
}

std::atomic<LogLevel>& currentLevel()
{
    static std::atomic<LogLevel> level{initialLevel()};
    return level;
}

const char* levelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug:
        return "DEBUG";
    case LogLevel::Info:
        return "INFO";
    case LogLevel::Warning:
        return "WARN";
    case LogLevel::Error:
        return "ERROR";
    }
    return "?";
}

} // namespace

void setLogLevel(LogLevel level)
{
    currentLevel().store(level);
}

LogLevel logLevel()
{
    return currentLevel().load();
}

void log(LogLevel level, const char* format, ...)
{
    if (level < currentLevel().load())
        return;
    char line[2048];
    timeval now{};
    gettimeofday(&now, nullptr);
    tm utc{};
    gmtime_r(&now.tv_sec, &utc);
    int used = std::snprintf(line, sizeof line, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ %-5s ", utc.tm_year + 1900,
                             utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                             static_cast<int>(now.tv_usec / 1000), levelName(level));
    va_list args;
    va_start(args, format);
    const int body = std::vsnprintf(line + used, sizeof line - static_cast<size_t>(used) - 1, format, args);
    va_end(args);
    if (body > 0)
        used += std::min(body, static_cast<int>(sizeof line) - used - 2);
    line[used++] = '\n';
    // One write() per line: lines from different threads stay whole.
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, line, static_cast<size_t>(used));
}

} // namespace samsa::broker

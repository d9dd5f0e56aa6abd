#pragma once

// A tiny logger shared by the whole broker: one line per call on stderr, with a UTC timestamp and
// the level, written with a single write() so lines from several threads never interleave.
// Never pass secrets (passwords, SASL payloads) to it.

namespace samsa::broker {

enum class LogLevel { Debug = 0, Info = 1, Warning = 2, Error = 3 };

// printf-style; a trailing newline is added.
void log(LogLevel level, const char* format, ...) __attribute__((format(printf, 2, 3)));

// Messages below this level are dropped; the default is Info (SAMSA_BROKER_LOG=debug lowers it).
void setLogLevel(LogLevel level);
LogLevel logLevel();

} // namespace samsa::broker

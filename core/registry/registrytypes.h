#pragma once

// Values exchanged with a Confluent-compatible Schema Registry (see SchemaRegistryClient).

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Samsa {

struct RegistryError {
    enum class Kind {
        None,
        Unreachable, // no connection, TLS failure, connection closed before a full answer
        Timeout, // no complete answer within the client's timeout
        Http, // the registry answered with an error status (its own message in `reason`)
        BadAnswer, // not JSON, or JSON of another shape than the API promises
        Configuration, // the client cannot send at all (unreadable CA file, ...)
    };
    Kind kind = Kind::None;
    int httpStatus = 0;
    int errorCode = 0; // the registry's error_code (40401 subject not found, 40403 schema not found, ...)
    QString reason; // what went wrong, without the registry's address: "Connection refused"
    QString message; // a whole sentence naming the registry, for the user

    bool isError() const { return kind != Kind::None; }
    bool isUnreachable() const { return kind == Kind::Unreachable || kind == Kind::Timeout; }
};

// The registry's error codes that callers act on.
namespace RegistryErrorCode {
constexpr int SubjectNotFound = 40401;
constexpr int VersionNotFound = 40402;
constexpr int SchemaNotFound = 40403;
constexpr int SubjectSoftDeleted = 40404;
constexpr int SubjectNotSoftDeleted = 40405;
constexpr int VersionSoftDeleted = 40406;
constexpr int VersionNotSoftDeleted = 40407;
constexpr int SubjectCompatibilityNotConfigured = 40408;
constexpr int IncompatibleSchema = 409;
constexpr int InvalidSchema = 42201;
} // namespace RegistryErrorCode

struct SchemaReference {
    QString name;
    QString subject;
    int version = -1;
};

// One registered version of a subject (GET /subjects/{s}/versions/{v}), or a schema by id
// (subject and version then unset).
struct SchemaVersion {
    QString subject;
    int version = -1;
    int id = -1;
    QString schemaType = QStringLiteral("AVRO"); // the registry leaves it out for Avro
    QByteArray schema;
    QList<SchemaReference> references;
};

struct SubjectVersion {
    QString subject;
    int version = -1;
};

struct CompatibilityLevel {
    QString level; // "BACKWARD", "FULL_TRANSITIVE", "NONE", ...
    bool inherited = false; // a subject without its own level: the global one applies
};

struct CompatibilityCheck {
    bool compatible = false;
    QStringList messages; // the registry's reasons, one per problem (verbose=true)
    bool subjectIsNew = false; // nothing to check against: the subject (or version) does not exist yet
};

// Every level the registry accepts, for combo boxes.
QStringList compatibilityLevels();

} // namespace Samsa

#pragma once

// A client of the Confluent Schema Registry REST API (our embedded registry or a real one).
// Asynchronous: requests go out through a QNetworkAccessManager on the client's thread and answers
// come back through the callbacks on that thread. Every request has a deadline, so a slow or dead
// registry fails with a clear message instead of hanging; an answer that is not JSON or not of the
// promised shape is an error too. Callbacks are not called after the client is destroyed.

#include "registrytypes.h"

#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace Samsa {

class SchemaRegistryClient : public QObject {
    Q_OBJECT
public:
    static constexpr int DefaultTimeoutMs = 10000;

    explicit SchemaRegistryClient(const QUrl& baseUrl, QObject* parent = nullptr);
    ~SchemaRegistryClient() override;

    void setBasicAuth(const QString& user, const QString& password);
    // Extra CA certificates (PEM) trusted for https registries; empty for the system store only.
    // False with *error set when the file cannot be read; requests then fail with that reason.
    bool setCaFile(const QString& path, QString* error = nullptr);
    // Deadline of every request, from sending to the last byte of the answer.
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    QUrl baseUrl() const { return m_baseUrl; }

    // --- kept from the first version; `error` is empty on success --------------------------------
    using IdCallback = std::function<void(int id, const QString& error)>;
    // POST /subjects/{subject}/versions: the id of the (possibly already registered) Avro schema.
    void registerSchema(const QString& subject, const QByteArray& schemaJson, IdCallback done);
    using SchemaCallback = std::function<void(const QByteArray& schemaJson, const QString& error)>;
    // GET /schemas/ids/{id}.
    void fetchSchema(int id, SchemaCallback done);

    // --- the whole API; `error.isError()` tells failure ------------------------------------------
    using StringsCallback = std::function<void(const QStringList& values, const RegistryError& error)>;
    using IntsCallback = std::function<void(const QList<int>& values, const RegistryError& error)>;
    using IntCallback = std::function<void(int value, const RegistryError& error)>;
    using VersionCallback = std::function<void(const SchemaVersion& version, const RegistryError& error)>;
    using SubjectVersionsCallback
        = std::function<void(const QList<SubjectVersion>& versions, const RegistryError& error)>;
    using LevelCallback = std::function<void(const CompatibilityLevel& level, const RegistryError& error)>;
    using CheckCallback = std::function<void(const CompatibilityCheck& check, const RegistryError& error)>;

    // GET /subjects[?deleted=true]
    void listSubjects(bool includeDeleted, StringsCallback done);
    // GET /subjects/{subject}/versions[?deleted=true]
    void listVersions(const QString& subject, bool includeDeleted, IntsCallback done);
    // GET /subjects/{subject}/versions/{version}; version is a number or "latest".
    void fetchVersion(const QString& subject, const QString& version, bool includeDeleted, VersionCallback done);
    // GET /schemas/ids/{id}: schema, schemaType and references (subject and version unset).
    void fetchSchemaById(int id, VersionCallback done);
    // GET /schemas/ids/{id}/versions: every subject and version registered with this id.
    void fetchSubjectVersionsOfId(int id, SubjectVersionsCallback done);
    // GET /config, or GET /config/{subject} falling back to the global level (inherited = true)
    // when the subject has none of its own. An empty subject means the global level.
    void fetchCompatibility(const QString& subject, LevelCallback done);
    // PUT /config or /config/{subject}.
    void setCompatibility(const QString& subject, const QString& level, LevelCallback done);
    // DELETE /config/{subject}: the subject follows the global level again.
    void clearCompatibility(const QString& subject, LevelCallback done);
    // POST /compatibility/subjects/{subject}/versions/{version}?verbose=true; version a number or
    // "latest". A subject without versions is compatible (subjectIsNew).
    void checkCompatibility(
        const QString& subject, const QString& version, const QByteArray& schemaJson, CheckCallback done);
    // POST /subjects/{subject}/versions with the schema type (empty or "AVRO" leaves it out).
    void registerSchema(const QString& subject, const QByteArray& schemaJson, const QString& schemaType,
        const QList<SchemaReference>& references, IntCallback done);
    // POST /subjects/{subject}: the version under which this schema is registered.
    void lookupSchema(const QString& subject, const QByteArray& schemaJson, bool includeDeleted, VersionCallback done);
    // DELETE /subjects/{subject}[?permanent=true]: the versions deleted. Hard deletion needs a soft one first.
    void deleteSubject(const QString& subject, bool permanent, IntsCallback done);
    // DELETE /subjects/{subject}/versions/{version}[?permanent=true]: the version deleted.
    void deleteVersion(const QString& subject, const QString& version, bool permanent, IntCallback done);

private:
    using JsonCallback = std::function<void(const QJsonValue& answer, const RegistryError& error)>;
    void request(const QByteArray& verb, const QString& path, const QByteArray& body, JsonCallback done);
    QUrl urlFor(const QString& path) const;
    RegistryError errorFor(QNetworkReply* reply, const QByteArray& body, bool timedOut, bool tooLarge) const;
    RegistryError badAnswer(const QString& what) const;

    QNetworkAccessManager* m_network;
    QUrl m_baseUrl;
    QByteArray m_authorization;
    QString m_caError;
    int m_timeoutMs = DefaultTimeoutMs;
    bool m_hasCaCertificates = false;
    struct Tls;
    std::unique_ptr<Tls> m_tls;
};

} // namespace Samsa

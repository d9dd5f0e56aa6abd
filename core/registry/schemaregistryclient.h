#pragma once

// A small client of the Confluent Schema Registry REST API (our embedded registry or a real one).
// Asynchronous: answers come back through the callbacks on the thread the client lives in.

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Samsa {

class SchemaRegistryClient : public QObject {
    Q_OBJECT
public:
    explicit SchemaRegistryClient(const QUrl& baseUrl, QObject* parent = nullptr);

    void setBasicAuth(const QString& user, const QString& password);
    QUrl baseUrl() const { return m_baseUrl; }

    // error is empty on success; it carries the registry's own message when it answered one.
    using IdCallback = std::function<void(int id, const QString& error)>;
    // POST /subjects/{subject}/versions: the id of the (possibly already registered) Avro schema.
    void registerSchema(const QString& subject, const QByteArray& schemaJson, IdCallback done);

    using SchemaCallback = std::function<void(const QByteArray& schemaJson, const QString& error)>;
    // GET /schemas/ids/{id}.
    void fetchSchema(int id, SchemaCallback done);

private:
    QNetworkReply* send(const QByteArray& verb, const QString& path, const QByteArray& body = {});
    // The reply's JSON object, or an error text naming the registry and what it said.
    QString replyError(QNetworkReply* reply, const QByteArray& body) const;

    QNetworkAccessManager* m_network;
    QUrl m_baseUrl;
    QByteArray m_authorization;
};

} // namespace Samsa

#include "schemaregistryclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Samsa {

namespace {
constexpr int RequestTimeoutMs = 10000;
const QByteArray ContentType = QByteArrayLiteral("application/vnd.schemaregistry.v1+json");
} // namespace

SchemaRegistryClient::SchemaRegistryClient(const QUrl& baseUrl, QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_baseUrl(baseUrl)
{
}

void SchemaRegistryClient::setBasicAuth(const QString& user, const QString& password)
{
    m_authorization = user.isEmpty() ? QByteArray()
                                     : "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

QNetworkReply* SchemaRegistryClient::send(const QByteArray& verb, const QString& path, const QByteArray& body)
{
    QUrl url = m_baseUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QLatin1Char('/') + path);
    QNetworkRequest request(url);
    request.setTransferTimeout(RequestTimeoutMs);
    request.setRawHeader("Accept", ContentType + ", application/json");
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, ContentType);
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    return m_network->sendCustomRequest(request, verb, body);
}

QString SchemaRegistryClient::replyError(QNetworkReply* reply, const QByteArray& body) const
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    if (answer.contains(QLatin1String("message")))
        return QStringLiteral("Schema Registry at %1: %2 (error %3)")
            .arg(m_baseUrl.toString(), answer.value(QLatin1String("message")).toString())
            .arg(answer.value(QLatin1String("error_code")).toInt(status));
    if (reply->error() != QNetworkReply::NoError)
        return QStringLiteral("Schema Registry at %1: %2").arg(m_baseUrl.toString(), reply->errorString());
    if (status < 200 || status >= 300)
        return QStringLiteral("Schema Registry at %1 answered HTTP %2").arg(m_baseUrl.toString()).arg(status);
    return {};
}

void SchemaRegistryClient::registerSchema(const QString& subject, const QByteArray& schemaJson, IdCallback done)
{
    const QByteArray body = QJsonDocument(QJsonObject { { QStringLiteral("schema"), QString::fromUtf8(schemaJson) } })
                                .toJson(QJsonDocument::Compact);
    QNetworkReply* reply = send("POST",
        QStringLiteral("subjects/%1/versions").arg(QString::fromUtf8(QUrl::toPercentEncoding(subject))), body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        const QByteArray answer = reply->readAll();
        const QString error = replyError(reply, answer);
        if (!error.isEmpty()) {
            done(-1, error);
            return;
        }
        const QJsonValue id = QJsonDocument::fromJson(answer).object().value(QLatin1String("id"));
        if (!id.isDouble())
            done(-1, QStringLiteral("Schema Registry at %1 answered without a schema id").arg(m_baseUrl.toString()));
        else
            done(id.toInt(), {});
    });
}

void SchemaRegistryClient::fetchSchema(int id, SchemaCallback done)
{
    QNetworkReply* reply = send("GET", QStringLiteral("schemas/ids/%1").arg(id));
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        const QByteArray answer = reply->readAll();
        const QString error = replyError(reply, answer);
        if (!error.isEmpty()) {
            done({}, error);
            return;
        }
        const QJsonValue schema = QJsonDocument::fromJson(answer).object().value(QLatin1String("schema"));
        if (!schema.isString())
            done({}, QStringLiteral("Schema Registry at %1 answered without a schema").arg(m_baseUrl.toString()));
        else
            done(schema.toString().toUtf8(), {});
    });
}

} // namespace Samsa

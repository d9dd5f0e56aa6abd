#include "schemaregistryclient.h"

#include "registryanswers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#endif

namespace Samsa {

namespace {

const QByteArray ContentType = QByteArrayLiteral("application/vnd.schemaregistry.v1+json");
// No registry answer is anywhere near this; a larger one is a hostile or broken peer.
constexpr qint64 MaxAnswerBytes = 64 * 1024 * 1024;

QString encoded(const QString& segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

QString subjectPath(const QString& subject)
{
    return QStringLiteral("subjects/") + encoded(subject);
}

QString flag(bool on, const char* name)
{
    return on ? QString::fromLatin1(name) + QStringLiteral("=true") : QString();
}

QString withQuery(const QString& path, const QString& query)
{
    return query.isEmpty() ? path : path + QLatin1Char('?') + query;
}

QByteArray schemaBody(const QByteArray& schemaJson, const QString& schemaType = {},
    const QList<SchemaReference>& references = {})
{
    QJsonObject body { { QStringLiteral("schema"), QString::fromUtf8(schemaJson) } };
    if (!schemaType.isEmpty() && schemaType.compare(QLatin1String("AVRO"), Qt::CaseInsensitive) != 0)
        body.insert(QStringLiteral("schemaType"), schemaType.toUpper());
    if (!references.isEmpty()) {
        QJsonArray list;
        for (const SchemaReference& reference : references)
            list.append(QJsonObject { { QStringLiteral("name"), reference.name },
                { QStringLiteral("subject"), reference.subject }, { QStringLiteral("version"), reference.version } });
        body.insert(QStringLiteral("references"), list);
    }
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace

struct SchemaRegistryClient::Tls {
#if QT_CONFIG(ssl)
    QList<QSslCertificate> caCertificates;
#endif
};

SchemaRegistryClient::SchemaRegistryClient(const QUrl& baseUrl, QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_baseUrl(baseUrl)
    , m_tls(std::make_unique<Tls>())
{
    // Our own deadline covers the whole request; Qt's redirect handling stays safe by default.
    m_network->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

SchemaRegistryClient::~SchemaRegistryClient() = default;

void SchemaRegistryClient::setBasicAuth(const QString& user, const QString& password)
{
    m_authorization = user.isEmpty() ? QByteArray()
                                     : "Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64();
}

bool SchemaRegistryClient::setCaFile(const QString& path, QString* error)
{
    m_caError.clear();
#if QT_CONFIG(ssl)
    m_tls->caCertificates.clear();
    if (path.isEmpty())
        return true;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_caError = QStringLiteral("cannot read the CA file %1: %2").arg(path, file.errorString());
    } else {
        m_tls->caCertificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
        if (m_tls->caCertificates.isEmpty())
            m_caError = QStringLiteral("the CA file %1 holds no PEM certificate").arg(path);
    }
#else
    if (!path.isEmpty())
        m_caError = QStringLiteral("this build of Qt has no TLS support");
#endif
    if (error)
        *error = m_caError;
    return m_caError.isEmpty();
}

QUrl SchemaRegistryClient::urlFor(const QString& pathAndQuery) const
{
    QUrl url = m_baseUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const qsizetype question = pathAndQuery.indexOf(QLatin1Char('?'));
    // TolerantMode: the segments are already percent-encoded (a subject may hold '/').
    url.setPath(base + QLatin1Char('/') + pathAndQuery.left(question), QUrl::TolerantMode);
    if (question >= 0)
        url.setQuery(pathAndQuery.mid(question + 1));
    return url;
}

RegistryError SchemaRegistryClient::badAnswer(const QString& what) const
{
    RegistryError error;
    error.kind = RegistryError::Kind::BadAnswer;
    error.reason = what;
    error.message = QStringLiteral("Schema Registry at %1 %2").arg(m_baseUrl.toString(), what);
    return error;
}

RegistryError SchemaRegistryClient::errorFor(
    QNetworkReply* reply, const QByteArray& body, bool timedOut, bool tooLarge) const
{
    RegistryError error;
    const QString where = m_baseUrl.toString();
    if (timedOut) {
        error.kind = RegistryError::Kind::Timeout;
        error.reason = QStringLiteral("no answer within %1 s").arg(double(m_timeoutMs) / 1000.0);
        error.message = QStringLiteral("Schema Registry at %1: %2").arg(where, error.reason);
        return error;
    }
    if (tooLarge)
        return badAnswer(QStringLiteral("sent an answer larger than %1 MB").arg(MaxAnswerBytes / (1024 * 1024)));
    const QNetworkReply::NetworkError networkError = reply->error();
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    // Connection-level failures (1..199) win over a status line: the answer was cut off.
    if ((networkError > 0 && networkError < 200) || (status == 0 && networkError != QNetworkReply::NoError)) {
        const bool protocol = networkError >= 300 && networkError < 400;
        if (protocol)
            return badAnswer(QStringLiteral("did not answer in HTTP: %1").arg(reply->errorString()));
        error.kind = RegistryError::Kind::Unreachable;
        error.reason = reply->errorString();
        error.message = QStringLiteral("Schema Registry at %1 is unreachable: %2").arg(where, error.reason);
        return error;
    }
    if (status >= 200 && status < 300)
        return error;
    error.kind = RegistryError::Kind::Http;
    error.httpStatus = status;
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    const QJsonValue message = answer.value(QLatin1String("message"));
    error.errorCode = answer.value(QLatin1String("error_code")).toInt(status);
    error.reason = message.isString() ? message.toString() : QStringLiteral("HTTP %1").arg(status);
    error.message = message.isString()
        ? QStringLiteral("Schema Registry at %1: %2 (error %3)").arg(where, error.reason).arg(error.errorCode)
        : QStringLiteral("Schema Registry at %1 answered HTTP %2").arg(where).arg(status);
    return error;
}

void SchemaRegistryClient::request(const QByteArray& verb, const QString& path, const QByteArray& body, JsonCallback done)
{
    if (!m_caError.isEmpty()) {
        RegistryError error;
        error.kind = RegistryError::Kind::Configuration;
        error.reason = m_caError;
        error.message = QStringLiteral("Schema Registry at %1: %2").arg(m_baseUrl.toString(), m_caError);
        // Asynchronous like every other answer, so callers need not expect a re-entrant callback.
        QTimer::singleShot(0, this, [done = std::move(done), error] { done({}, error); });
        return;
    }
    QNetworkRequest networkRequest(urlFor(path));
    networkRequest.setRawHeader("Accept", ContentType + ", application/json");
    if (!body.isEmpty())
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, ContentType);
    if (!m_authorization.isEmpty())
        networkRequest.setRawHeader("Authorization", m_authorization);
#if QT_CONFIG(ssl)
    if (!m_tls->caCertificates.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_tls->caCertificates);
        networkRequest.setSslConfiguration(tls);
    }
#endif
    QNetworkReply* reply = m_network->sendCustomRequest(networkRequest, verb, body);
    // A dead peer that accepts and never answers, or trickles bytes forever, still ends in time.
    auto* deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply] {
        reply->setProperty("samsaTimedOut", true);
        reply->abort();
    });
    deadline->start(m_timeoutMs);
    const auto refuseLarge = [reply](qint64 size) {
        if (size > MaxAnswerBytes && !reply->property("samsaTooLarge").toBool()) {
            reply->setProperty("samsaTooLarge", true);
            reply->abort();
        }
    };
    // The announced length is refused as soon as the headers are in, the received one as it grows.
    connect(reply, &QNetworkReply::metaDataChanged, reply, [reply, refuseLarge] {
        refuseLarge(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong());
    });
    connect(reply, &QNetworkReply::downloadProgress, reply,
        [refuseLarge](qint64 received, qint64 total) { refuseLarge(std::max(received, total)); });
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        const QByteArray answer = reply->isOpen() ? reply->readAll() : QByteArray();
        const RegistryError error = errorFor(reply, answer, reply->property("samsaTimedOut").toBool(),
            reply->property("samsaTooLarge").toBool());
        if (error.isError()) {
            done({}, error);
            return;
        }
        QString parseError;
        const QJsonValue value = RegistryAnswers::parseJson(answer, &parseError);
        if (!parseError.isEmpty()) {
            done({}, badAnswer(parseError));
            return;
        }
        done(value, {});
    });
}

void SchemaRegistryClient::registerSchema(const QString& subject, const QByteArray& schemaJson, IdCallback done)
{
    registerSchema(subject, schemaJson, QString(), {}, [done = std::move(done)](int id, const RegistryError& error) {
        done(id, error.message);
    });
}

void SchemaRegistryClient::fetchSchema(int id, SchemaCallback done)
{
    fetchSchemaById(id, [done = std::move(done)](const SchemaVersion& version, const RegistryError& error) {
        done(version.schema, error.message);
    });
}

void SchemaRegistryClient::listSubjects(bool includeDeleted, StringsCallback done)
{
    request("GET", withQuery(QStringLiteral("subjects"), flag(includeDeleted, "deleted")), {},
        [this, done = std::move(done)](const QJsonValue& answer, const RegistryError& error) {
            if (error.isError())
                return done({}, error);
            QStringList subjects;
            if (!RegistryAnswers::strings(answer, &subjects))
                return done({}, badAnswer(QStringLiteral("answered with something other than a list of subjects")));
            done(subjects, {});
        });
}

void SchemaRegistryClient::listVersions(const QString& subject, bool includeDeleted, IntsCallback done)
{
    request("GET", withQuery(subjectPath(subject) + QStringLiteral("/versions"), flag(includeDeleted, "deleted")), {},
        [this, done = std::move(done)](const QJsonValue& answer, const RegistryError& error) {
            if (error.isError())
                return done({}, error);
            QList<int> versions;
            if (!RegistryAnswers::integers(answer, &versions))
                return done({}, badAnswer(QStringLiteral("answered with something other than a list of versions")));
            done(versions, {});
        });
}

void SchemaRegistryClient::fetchVersion(
    const QString& subject, const QString& version, bool includeDeleted, VersionCallback done)
{
    request("GET",
        withQuery(subjectPath(subject) + QStringLiteral("/versions/") + encoded(version), flag(includeDeleted, "deleted")),
        {}, [this, done = std::move(done)](const QJsonValue& answer, const RegistryError& error) {
            if (error.isError())
                return done({}, error);
            SchemaVersion parsed;
            if (!RegistryAnswers::schemaVersion(answer, true, &parsed))
                return done({}, badAnswer(QStringLiteral("answered without a subject, version, id and schema")));
            done(parsed, {});
        });
}

void SchemaRegistryClient::fetchSchemaById(int id, VersionCallback done)
{
    request("GET", QStringLiteral("schemas/ids/%1").arg(id), {},
        [this, id, done = std::move(done)](const QJsonValue& answer, const RegistryError& error) {
            if (error.isError())
                return done({}, error);
            SchemaVersion parsed;
            if (!RegistryAnswers::schemaVersion(answer, false, &parsed))
                return done({}, badAnswer(QStringLiteral("answered without a schema")));
            parsed.id = id;
            done(parsed, {});
        });
}

void SchemaRegistryClient::fetchSubjectVersionsOfId(int id, SubjectVersionsCallback done)
{
    request("GET", QStringLiteral("schemas/ids/%1/versions").arg(id), {},
        [this, done = std::move(done)](const QJsonValue& answer, const RegistryError& error) {
            if (error.isError())
                return done({}, error);
            QList<SubjectVersion> versions;
            if (!RegistryAnswers::subjectVersions(answer, &versions))
                return done({}, badAnswer(QStringLiteral("answered with something other than a list of subject versions")));
            done(versions, {});
        });
}

void SchemaRegistryClient::fetchCompatibility(const QString& subject, LevelCallback done)
{
    const QString path = subject.isEmpty() ? QStringLiteral("config") : QStringLiteral("config/") + encoded(subject);
    request("GET", path, {},
        [this, subject, done = std::move(done)](const QJsonValue& answer, const RegistryError& error) mutable {
            // A subject without its own level: the registry's default applies.
            if (!subject.isEmpty() && error.kind == RegistryError::Kind::Http && error.httpStatus == 404) {
                fetchCompatibility(QString(), [done = std::move(done)](CompatibilityLevel level, const RegistryError& e) {
                    level.inherited = true;
                    done(level, e);
                });
                return;
            }
            if (error.isError())
                return done({}, error);
            CompatibilityLevel level;
            if (!RegistryAnswers::compatibilityLevel(answer, &level.level))
                return done({}, badAnswer(QStringLiteral("answered without a compatibility level")));
            done(level, {});
        });
}

void SchemaRegistryClient::setCompatibility(const QString& subject, const QString& level, LevelCallback done)
{
    const QString path = subject.isEmpty() ? QStringLiteral("config") : QStringLiteral("config/") + encoded(subject);
    const QByteArray body
        = QJsonDocument(QJsonObject { { QStringLiteral("compatibility"), level.toUpper() } }).toJson(QJsonDocument::Compact);
    request("PUT", path, body, [this, done = std::move(done)](const QJsonValue& answer, const RegistryError& error) {
        if (error.isError())
            return done({}, error);
        CompatibilityLevel result;
        if (!RegistryAnswers::compatibilityLevel(answer, &result.level))
            return done({}, badAnswer(QStringLiteral("answered without the compatibility level it set")));
        done(result, {});
    });
}

void SchemaRegistryClient::clearCompatibility(const QString& subject, LevelCallback done)
{
    request("DELETE", QStringLiteral("config/") + encoded(subject), {},
        [this, done = std::move(done)](const QJsonValue& answer, const RegistryError& error) {
            if (error.isError())
                return done({}, error);
            CompatibilityLevel result;
            if (!RegistryAnswers::compatibilityLevel(answer, &result.level))
                return done({}, badAnswer(QStringLiteral("answered without the compatibility level it removed")));
            done(result, {});
        });
}

void SchemaRegistryClient::checkCompatibility(
    const QString& subject, const QString& version, const QByteArray& schemaJson, CheckCallback done)
{
    const QString path = QStringLiteral("compatibility/") + subjectPath(subject) + QStringLiteral("/versions/")
        + encoded(version.isEmpty() ? QStringLiteral("latest") : version);
    request("POST", withQuery(path, QStringLiteral("verbose=true")), schemaBody(schemaJson),
        [this, done = std::move(done)](const QJsonValue& answer, const RegistryError& error) {
            if (error.kind == RegistryError::Kind::Http
                && (error.errorCode == RegistryErrorCode::SubjectNotFound
                    || error.errorCode == RegistryErrorCode::VersionNotFound)) {
                CompatibilityCheck check;
                check.compatible = true;
                check.subjectIsNew = true;
                return done(check, {});
            }
            if (error.isError())
                return done({}, error);
            CompatibilityCheck check;
            if (!RegistryAnswers::compatibilityCheck(answer, &check))
                return done({}, badAnswer(QStringLiteral("answered without is_compatible")));
            done(check, {});
        });
}

void SchemaRegistryClient::registerSchema(const QString& subject, const QByteArray& schemaJson,
    const QString& schemaType, const QList<SchemaReference>& references, IntCallback done)
{
    request("POST", subjectPath(subject) + QStringLiteral("/versions"), schemaBody(schemaJson, schemaType, references),
        [this, done = std::move(done)](const QJsonValue& answer, const RegistryError& error) {
            if (error.isError())
                return done(-1, error);
            int id = -1;
            if (!RegistryAnswers::id(answer, &id))
                return done(-1, badAnswer(QStringLiteral("answered without a schema id")));
            done(id, {});
        });
}

void SchemaRegistryClient::lookupSchema(
    const QString& subject, const QByteArray& schemaJson, bool includeDeleted, VersionCallback done)
{
    request("POST", withQuery(subjectPath(subject), flag(includeDeleted, "deleted")), schemaBody(schemaJson),
        [this, done = std::move(done)](const QJsonValue& answer, const RegistryError& error) {
            if (error.isError())
                return done({}, error);
            SchemaVersion parsed;
            if (!RegistryAnswers::schemaVersion(answer, true, &parsed))
                return done({}, badAnswer(QStringLiteral("answered without a subject, version, id and schema")));
            done(parsed, {});
        });
}

void SchemaRegistryClient::deleteSubject(const QString& subject, bool permanent, IntsCallback done)
{
    request("DELETE", withQuery(subjectPath(subject), flag(permanent, "permanent")), {},
        [this, done = std::move(done)](const QJsonValue& answer, const RegistryError& error) {
            if (error.isError())
                return done({}, error);
            QList<int> versions;
            if (!RegistryAnswers::integers(answer, &versions))
                return done({}, badAnswer(QStringLiteral("answered with something other than the deleted versions")));
            done(versions, {});
        });
}

void SchemaRegistryClient::deleteVersion(const QString& subject, const QString& version, bool permanent, IntCallback done)
{
    request("DELETE",
        withQuery(subjectPath(subject) + QStringLiteral("/versions/") + encoded(version), flag(permanent, "permanent")),
        {}, [this, done = std::move(done)](const QJsonValue& answer, const RegistryError& error) {
            if (error.isError())
                return done(-1, error);
            const QJsonValue value = answer;
            if (!RegistryAnswers::isInteger(value))
                return done(-1, badAnswer(QStringLiteral("answered without the deleted version")));
            done(value.toInt(), {});
        });
}

} // namespace Samsa

// The embedded schema registry of the real samsa-broker process, over HTTP: every endpoint of
// the Confluent REST API it serves, compatibility checks per level, error codes for bad input,
// and ids that survive a restart.

#include "brokerprocess.h"
#include "testmain.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <map>
#include <set>

using Samsa::Test::BrokerProcess;

namespace {

struct Answer {
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QJsonValue json() const
    {
        const auto document = QJsonDocument::fromJson("[" + body + "]");
        return document.isArray() ? document.array().first() : QJsonValue();
    }
    int errorCode() const { return json().toObject().value(QStringLiteral("error_code")).toInt(); }
};

QString record(const QString& name, const QString& fields)
{
    return QStringLiteral(R"({"type":"record","name":"%1","fields":[%2]})").arg(name, fields);
}

QString record(const char* name, const QString& fields)
{
    return record(QString::fromUtf8(name), fields);
}

QString record(const char* name, const char* fields)
{
    return record(QString::fromUtf8(name), QString::fromUtf8(fields));
}

QByteArray schemaBody(const QString& schema)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("schema"), schema } }).toJson(QJsonDocument::Compact);
}

QByteArray schemaBody(const char* schema)
{
    return schemaBody(QString::fromUtf8(schema));
}

const QString aInt = QStringLiteral(R"({"name":"a","type":"int"})");
const QString aLong = QStringLiteral(R"({"name":"a","type":"long"})");
const QString bString = QStringLiteral(R"({"name":"b","type":"string"})");
const QString bStringDefault = QStringLiteral(R"({"name":"b","type":"string","default":"x"})");

} // namespace

class TestSchemaRegistry : public QObject {
    Q_OBJECT

private:
    Answer call(const QByteArray& method, const QString& path, const QByteArray& body = {})
    {
        return callAt(m_broker.schemaRegistryUrl(), method, path, body);
    }

    Answer callAt(const QString& registryUrl, const QByteArray& method, const QString& path,
        const QByteArray& body = {}, const QByteArray& authorization = {}, QByteArray* challenge = nullptr)
    {
        QNetworkRequest request(QUrl(registryUrl + path));
        if (!authorization.isEmpty())
            request.setRawHeader("Authorization", authorization);
        request.setHeader(
            QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/vnd.schemaregistry.v1+json"));
        request.setRawHeader("Accept", "application/vnd.schemaregistry.v1+json");
        QNetworkReply* reply = m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(15000);
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        if (challenge)
            *challenge = reply->rawHeader("WWW-Authenticate");
        reply->deleteLater();
        return answer;
    }

    int registerSchema(const QString& subject, const QString& schema)
    {
        const Answer answer = call("POST", QStringLiteral("/subjects/%1/versions").arg(subject), schemaBody(schema));
        if (answer.status != 200)
            qWarning() << "register failed:" << answer.status << answer.body;
        return answer.status == 200 ? answer.json().toObject().value(QStringLiteral("id")).toInt() : -1;
    }

    bool setLevel(const QString& subject, const QString& level)
    {
        const QByteArray body = QByteArrayLiteral(R"({"compatibility":")") + level.toUtf8() + "\"}";
        return call("PUT", QStringLiteral("/config/") + subject, body).status == 200;
    }

    // Raw bytes in, raw bytes out, for what a well-behaved client never sends.
    QByteArray rawExchange(const QByteArray& request)
    {
        QTcpSocket socket;
        const QUrl url(m_broker.schemaRegistryUrl());
        socket.connectToHost(url.host(), quint16(url.port()));
        if (!socket.waitForConnected(5000))
            return {};
        socket.write(request);
        QByteArray received;
        while (socket.waitForReadyRead(5000))
            received += socket.readAll();
        return received;
    }

    BrokerProcess m_broker;
    QNetworkAccessManager m_network;

private Q_SLOTS:
    void initTestCase()
    {
        if (BrokerProcess::binaryPath().isEmpty())
            QSKIP("SAMSA_BROKER_BIN is not set");
        m_broker.enableSchemaRegistry();
        QVERIFY2(m_broker.start(), m_broker.errorText());
        QVERIFY(m_broker.schemaRegistryUrl().startsWith(QStringLiteral("http://127.0.0.1:")));
    }

    void rootAndTypes()
    {
        const Answer root = call("GET", QStringLiteral("/"));
        QCOMPARE(root.status, 200);
        QCOMPARE(root.contentType, QByteArrayLiteral("application/vnd.schemaregistry.v1+json"));
        QCOMPARE(
            call("GET", QStringLiteral("/schemas/types")).json(), QJsonValue(QJsonArray { QStringLiteral("AVRO") }));
        const Answer unknown = call("GET", QStringLiteral("/no/such/path"));
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.errorCode(), 404);
    }

    void registerAndFetch()
    {
        const QString schema = record(QStringLiteral("Order"), aInt);
        const int id = registerSchema(QStringLiteral("orders-value"), schema);
        QVERIFY(id > 0);
        // The same schema written differently is the same schema.
        const QString reformatted = QStringLiteral(
            R"({ "fields" : [ { "type" : "int", "name" : "a" } ],
                 "name" : "Order", "type" : "record" })");
        QCOMPARE(registerSchema(QStringLiteral("orders-value"), reformatted), id);
        QCOMPARE(call("GET", QStringLiteral("/subjects/orders-value/versions")).json(), QJsonValue(QJsonArray { 1 }));
        QVERIFY(call("GET", QStringLiteral("/subjects")).json().toArray().contains(QStringLiteral("orders-value")));

        for (const QString& version : { QStringLiteral("1"), QStringLiteral("latest"), QStringLiteral("-1") }) {
            const QJsonObject fetched
                = call("GET", QStringLiteral("/subjects/orders-value/versions/") + version).json().toObject();
            QCOMPARE(fetched.value(QStringLiteral("subject")).toString(), QStringLiteral("orders-value"));
            QCOMPARE(fetched.value(QStringLiteral("version")).toInt(), 1);
            QCOMPARE(fetched.value(QStringLiteral("id")).toInt(), id);
            QCOMPARE(QJsonDocument::fromJson(fetched.value(QStringLiteral("schema")).toString().toUtf8()),
                QJsonDocument::fromJson(schema.toUtf8()));
        }
        const Answer raw = call("GET", QStringLiteral("/subjects/orders-value/versions/latest/schema"));
        QCOMPARE(raw.status, 200);
        QCOMPARE(QJsonDocument::fromJson(raw.body), QJsonDocument::fromJson(schema.toUtf8()));

        const Answer byId = call("GET", QStringLiteral("/schemas/ids/%1").arg(id));
        QCOMPARE(QJsonDocument::fromJson(byId.json().toObject().value(QStringLiteral("schema")).toString().toUtf8()),
            QJsonDocument::fromJson(schema.toUtf8()));
        QCOMPARE(QJsonDocument::fromJson(call("GET", QStringLiteral("/schemas/ids/%1/schema").arg(id)).body),
            QJsonDocument::fromJson(schema.toUtf8()));

        // The same schema under another subject keeps its id.
        QCOMPARE(registerSchema(QStringLiteral("orders-copy"), schema), id);
        QCOMPARE(call("GET", QStringLiteral("/schemas/ids/%1/subjects").arg(id)).json(),
            QJsonValue(QJsonArray { QStringLiteral("orders-copy"), QStringLiteral("orders-value") }));
        const QJsonArray versions = call("GET", QStringLiteral("/schemas/ids/%1/versions").arg(id)).json().toArray();
        QCOMPARE(versions.size(), 2);
        QCOMPARE(versions.at(1).toObject().value(QStringLiteral("subject")).toString(), QStringLiteral("orders-value"));
        QCOMPARE(versions.at(1).toObject().value(QStringLiteral("version")).toInt(), 1);

        QCOMPARE(call("GET", QStringLiteral("/subjects?subjectPrefix=orders-c")).json(),
            QJsonValue(QJsonArray { QStringLiteral("orders-copy") }));
        QCOMPARE(call("GET", QStringLiteral("/subjects/orders-value/versions/1/referencedby")).json(),
            QJsonValue(QJsonArray {}));
        QCOMPARE(call("GET", QStringLiteral("/subjects/orders-value/versions/7/referencedby")).errorCode(), 40402);

        // Look-up of a schema under a subject.
        const Answer found = call("POST", QStringLiteral("/subjects/orders-value"), schemaBody(reformatted));
        QCOMPARE(found.status, 200);
        QCOMPARE(found.json().toObject().value(QStringLiteral("id")).toInt(), id);
        QCOMPARE(found.json().toObject().value(QStringLiteral("version")).toInt(), 1);
        const Answer missing
            = call("POST", QStringLiteral("/subjects/orders-value"), schemaBody(record(QStringLiteral("Other"), aInt)));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorCode(), 40403);

        // A new, compatible version gets a new id and version 2.
        const int second = registerSchema(
            QStringLiteral("orders-value"), record(QStringLiteral("Order"), aInt + u',' + bStringDefault));
        QVERIFY(second > id);
        QCOMPARE(
            call("GET", QStringLiteral("/subjects/orders-value/versions")).json(), QJsonValue(QJsonArray { 1, 2 }));
        QCOMPARE(call("GET", QStringLiteral("/subjects/orders-value/versions/latest"))
                     .json()
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInt(),
            second);
        const QJsonArray all = call("GET", QStringLiteral("/schemas?subjectPrefix=orders-")).json().toArray();
        QCOMPARE(all.size(), 3); // orders-copy 1, orders-value 1 and 2
        const QJsonArray latestOnly
            = call("GET", QStringLiteral("/schemas?subjectPrefix=orders-value&latestOnly=true")).json().toArray();
        QCOMPARE(latestOnly.size(), 1);
        QCOMPARE(latestOnly.at(0).toObject().value(QStringLiteral("id")).toInt(), second);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("errorCode");
        const QByteArray valid = schemaBody(QStringLiteral(R"("string")"));
        QTest::addRow("unknown subject") << QByteArray("GET") << QByteArray("/subjects/nobody/versions") << QByteArray()
                                         << 404 << 40401;
        QTest::addRow("unknown subject version")
            << QByteArray("GET") << QByteArray("/subjects/nobody/versions/1") << QByteArray() << 404 << 40401;
        QTest::addRow("unknown version") << QByteArray("GET") << QByteArray("/subjects/orders-value/versions/99")
                                         << QByteArray() << 404 << 40402;
        QTest::addRow("invalid version") << QByteArray("GET") << QByteArray("/subjects/orders-value/versions/one")
                                         << QByteArray() << 422 << 42202;
        QTest::addRow("version zero") << QByteArray("GET") << QByteArray("/subjects/orders-value/versions/0")
                                      << QByteArray() << 422 << 42202;
        QTest::addRow("unknown id") << QByteArray("GET") << QByteArray("/schemas/ids/99999") << QByteArray() << 404
                                    << 40403;
        QTest::addRow("lookup in unknown subject")
            << QByteArray("POST") << QByteArray("/subjects/nobody") << valid << 404 << 40401;
        QTest::addRow("delete unknown subject")
            << QByteArray("DELETE") << QByteArray("/subjects/nobody") << QByteArray() << 404 << 40401;
        QTest::addRow("compatibility of unknown subject")
            << QByteArray("POST") << QByteArray("/compatibility/subjects/nobody/versions/latest") << valid << 404
            << 40401;
        QTest::addRow("malformed JSON") << QByteArray("POST") << QByteArray("/subjects/bad/versions")
                                        << QByteArray("{\"schema\": \"x") << 400 << 400;
        QTest::addRow("body not an object")
            << QByteArray("POST") << QByteArray("/subjects/bad/versions") << QByteArray("[1,2]") << 400 << 400;
        QTest::addRow("no schema") << QByteArray("POST") << QByteArray("/subjects/bad/versions")
                                   << QByteArray(R"({"schemaa":"x"})") << 422 << 42201;
        QTest::addRow("schema not JSON") << QByteArray("POST") << QByteArray("/subjects/bad/versions")
                                         << schemaBody("{not json") << 422 << 42201;
        QTest::addRow("unknown type") << QByteArray("POST") << QByteArray("/subjects/bad/versions")
                                      << schemaBody(R"({"type":"strin"})") << 422 << 42201;
        QTest::addRow("record without fields") << QByteArray("POST") << QByteArray("/subjects/bad/versions")
                                               << schemaBody(R"({"type":"record","name":"R"})") << 422 << 42201;
        QTest::addRow("bad name") << QByteArray("POST") << QByteArray("/subjects/bad/versions")
                                  << schemaBody(record("1R", aInt)) << 422 << 42201;
        QTest::addRow("duplicate field") << QByteArray("POST") << QByteArray("/subjects/bad/versions")
                                         << schemaBody(record("R", aInt + u',' + aLong)) << 422 << 42201;
        QTest::addRow("bad default") << QByteArray("POST") << QByteArray("/subjects/bad/versions")
                                     << schemaBody(record("R", R"({"name":"a","type":"int","default":"zero"})")) << 422
                                     << 42201;
        QTest::addRow("nested union") << QByteArray("POST") << QByteArray("/subjects/bad/versions")
                                      << schemaBody(R"(["null",["int","long"]])") << 422 << 42201;
        QTest::addRow("duplicate union branch") << QByteArray("POST") << QByteArray("/subjects/bad/versions")
                                                << schemaBody(R"(["int","int"])") << 422 << 42201;
        QTest::addRow("enum symbol twice")
            << QByteArray("POST") << QByteArray("/subjects/bad/versions")
            << schemaBody(R"({"type":"enum","name":"E","symbols":["A","A"]})") << 422 << 42201;
        QTest::addRow("undefined reference")
            << QByteArray("POST") << QByteArray("/subjects/bad/versions")
            << schemaBody(record("R", R"({"name":"n","type":"Missing"})")) << 422 << 42201;
        QTest::addRow("protobuf") << QByteArray("POST") << QByteArray("/subjects/bad/versions")
                                  << QByteArray("{\"schema\":\"syntax = proto3;\",\"schemaType\":\"PROTOBUF\"}") << 422
                                  << 42201;
        QTest::addRow("invalid level") << QByteArray("PUT") << QByteArray("/config")
                                       << QByteArray(R"({"compatibility":"SIDEWAYS"})") << 422 << 42203;
        QTest::addRow("invalid subject level") << QByteArray("PUT") << QByteArray("/config/orders-value")
                                               << QByteArray(R"({"compatibility":7})") << 422 << 42203;
        QTest::addRow("wrong method") << QByteArray("PUT") << QByteArray("/subjects") << QByteArray("{}") << 405 << 405;
    }

    void errors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(int, errorCode);
        const Answer answer = call(method, QString::fromLatin1(path), body);
        QCOMPARE(answer.status, status);
        QCOMPARE(answer.errorCode(), errorCode);
        QVERIFY(!answer.json().toObject().value(QStringLiteral("message")).toString().isEmpty());
        // Nothing of that was registered.
        QCOMPARE(call("GET", QStringLiteral("/subjects/bad/versions")).errorCode(), 40401);
    }

    void compatibility_data()
    {
        QTest::addColumn<QString>("level");
        QTest::addColumn<QStringList>("existing");
        QTest::addColumn<QString>("candidate");
        QTest::addColumn<bool>("compatible");
        const QString v1 = record("R", aInt);
        const QString withDefault = record("R", aInt + u',' + bStringDefault);
        const QString withoutDefault = record("R", aInt + u',' + bString);
        auto row = [](const char* name, const char* level, QStringList existing, QString candidate, bool compatible) {
            QTest::addRow("%s", name) << QString::fromLatin1(level) << existing << candidate << compatible;
        };
        row("none: anything goes", "NONE", { v1 }, QStringLiteral(R"("string")"), true);
        row("backward: add field with default", "BACKWARD", { v1 }, withDefault, true);
        row("backward: add field without default", "BACKWARD", { v1 }, withoutDefault, false);
        row("backward: remove field", "BACKWARD", { withoutDefault }, v1, true);
        row("backward: int to long", "BACKWARD", { v1 }, record("R", aLong), true);
        row("backward: long to int", "BACKWARD", { record("R", aLong) }, v1, false);
        row("backward: int to double", "BACKWARD", { v1 }, record("R", R"({"name":"a","type":"double"})"), true);
        row("backward: string to bytes", "BACKWARD", { record("R", bString) },
            record("R", R"({"name":"b","type":"bytes"})"), true);
        row("backward: int to string", "BACKWARD", { v1 }, record("R", R"({"name":"a","type":"string"})"), false);
        row("backward: only the latest", "BACKWARD", { v1, withDefault }, withoutDefault, true);
        row("backward transitive: every version", "BACKWARD_TRANSITIVE", { v1, withDefault }, withoutDefault, false);
        row("backward transitive: fine with all", "BACKWARD_TRANSITIVE", { v1, withDefault },
            withDefault.left(withDefault.size() - 2) + QLatin1String(R"(,{"name":"c","type":"long","default":1}]})"),
            true);
        row("forward: add field without default", "FORWARD", { v1 }, withoutDefault, true);
        row("forward: remove field without default", "FORWARD", { withoutDefault }, v1, false);
        row("forward: remove field with default", "FORWARD", { withDefault }, v1, true);
        row("forward: long to int", "FORWARD", { record("R", aLong) }, v1, true);
        row("forward transitive: every version", "FORWARD_TRANSITIVE", { withoutDefault, withDefault }, v1, false);
        row("forward: only the latest", "FORWARD", { withoutDefault, withDefault }, v1, true);
        row("full: add field with default", "FULL", { v1 }, withDefault, true);
        row("full: add field without default", "FULL", { v1 }, withoutDefault, false);
        row("full: int to long", "FULL", { v1 }, record("R", aLong), false);
        row("full: only the latest", "FULL", { v1, withDefault }, withoutDefault, true);
        row("full transitive: every version", "FULL_TRANSITIVE", { v1, withDefault }, withoutDefault, false);
        const QString enumAB = QStringLiteral(R"({"type":"enum","name":"E","symbols":["A","B"]})");
        const QString enumABC = QStringLiteral(R"({"type":"enum","name":"E","symbols":["A","B","C"]})");
        row("enum: symbol added", "BACKWARD", { enumAB }, enumABC, true);
        row("enum: symbol removed", "BACKWARD", { enumABC }, enumAB, false);
        row("enum: symbol removed, reader default", "BACKWARD", { enumABC },
            QStringLiteral(R"({"type":"enum","name":"E","symbols":["A","B"],"default":"A"})"), true);
        row("enum: renamed", "BACKWARD", { enumAB },
            QStringLiteral(R"({"type":"enum","name":"F","symbols":["A","B"]})"), false);
        row("union: widen to optional", "BACKWARD", { QStringLiteral(R"("string")") },
            QStringLiteral(R"(["null","string"])"), true);
        row("union: narrow from optional", "BACKWARD", { QStringLiteral(R"(["null","string"])") },
            QStringLiteral(R"("string")"), false);
        row("union: promotion into a branch", "BACKWARD", { QStringLiteral(R"("int")") },
            QStringLiteral(R"(["null","long"])"), true);
        row("nested record: field type change", "BACKWARD",
            { record("Outer",
                R"({"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"int"}]}})") },
            record("Outer",
                R"({"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"boolean"}]}})"),
            false);
        row("nested record: field added with default", "FULL",
            { record("Outer",
                R"({"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"int"}]}})") },
            record("Outer",
                R"({"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"int"},{"name":"y","type":"int","default":0}]}})"),
            true);
        row("array: items int to long", "BACKWARD", { QStringLiteral(R"({"type":"array","items":"int"})") },
            QStringLiteral(R"({"type":"array","items":"long"})"), true);
        row("map: values string to int", "BACKWARD", { QStringLiteral(R"({"type":"map","values":"string"})") },
            QStringLiteral(R"({"type":"map","values":"int"})"), false);
        row("fixed: size change", "BACKWARD", { QStringLiteral(R"({"type":"fixed","name":"F","size":4})") },
            QStringLiteral(R"({"type":"fixed","name":"F","size":8})"), false);
        row("field alias", "BACKWARD", { record("R", aInt) },
            record("R", R"({"name":"renamed","aliases":["a"],"type":"int"})"), true);
        const QString list = QStringLiteral(
            R"({"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]})");
        row("recursive record", "FULL", { list },
            QStringLiteral(
                R"({"type":"record","name":"Node","fields":[{"name":"v","type":"long"},{"name":"next","type":["null","Node"]}]})"),
            false);
        row("recursive record, doc only", "FULL", { list },
            QStringLiteral(
                R"({"type":"record","name":"Node","doc":"a list","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]})"),
            true);
    }

    void compatibility()
    {
        QFETCH(QString, level);
        QFETCH(QStringList, existing);
        QFETCH(QString, candidate);
        QFETCH(bool, compatible);
        const QString subject
            = QStringLiteral("compat-%1").arg(QString::fromLatin1(QByteArray(QTest::currentDataTag()).toHex()));
        QVERIFY(setLevel(subject, QStringLiteral("NONE")));
        for (const auto& schema : existing)
            QVERIFY(registerSchema(subject, schema) > 0);
        QVERIFY(setLevel(subject, level));

        const Answer checked
            = call("POST", QStringLiteral("/compatibility/subjects/%1/versions/latest?verbose=true").arg(subject),
                schemaBody(candidate));
        QCOMPARE(checked.status, 200);
        const QJsonObject result = checked.json().toObject();
        QVERIFY2(result.value(QStringLiteral("is_compatible")).toBool() == compatible, checked.body.constData());
        QCOMPARE(result.value(QStringLiteral("messages")).toArray().isEmpty(), compatible);

        const Answer registered
            = call("POST", QStringLiteral("/subjects/%1/versions").arg(subject), schemaBody(candidate));
        if (compatible) {
            QCOMPARE(registered.status, 200);
            QCOMPARE(call("GET", QStringLiteral("/subjects/%1/versions").arg(subject)).json().toArray().size(),
                existing.size() + 1);
        } else {
            QCOMPARE(registered.status, 409);
            QCOMPARE(registered.errorCode(), 409);
            QCOMPARE(call("GET", QStringLiteral("/subjects/%1/versions").arg(subject)).json().toArray().size(),
                existing.size());
        }
    }

    void compatibilityAgainstOneVersion()
    {
        const QString subject = QStringLiteral("compat-versions");
        QVERIFY(setLevel(subject, QStringLiteral("NONE")));
        QVERIFY(registerSchema(subject, record("R", aInt)) > 0);
        QVERIFY(registerSchema(subject, record("R", bString)) > 0);
        QVERIFY(setLevel(subject, QStringLiteral("BACKWARD")));
        const QByteArray candidate = schemaBody(record("R", aLong));
        auto compatibleWith = [&](const QString& version) {
            return call(
                "POST", QStringLiteral("/compatibility/subjects/%1/versions/%2").arg(subject, version), candidate)
                .json()
                .toObject()
                .value(QStringLiteral("is_compatible"))
                .toBool();
        };
        QVERIFY(compatibleWith(QStringLiteral("1")));
        QVERIFY(!compatibleWith(QStringLiteral("2")));
        QVERIFY(!compatibleWith(QStringLiteral("latest")));
        QCOMPARE(
            call("POST", QStringLiteral("/compatibility/subjects/%1/versions/3").arg(subject), candidate).errorCode(),
            40402);
    }

    void config()
    {
        QCOMPARE(call("GET", QStringLiteral("/config"))
                     .json()
                     .toObject()
                     .value(QStringLiteral("compatibilityLevel"))
                     .toString(),
            QStringLiteral("BACKWARD"));
        const Answer set = call("PUT", QStringLiteral("/config"), R"({"compatibility":"full_transitive"})");
        QCOMPARE(set.status, 200);
        QCOMPARE(
            set.json().toObject().value(QStringLiteral("compatibility")).toString(), QStringLiteral("FULL_TRANSITIVE"));
        QCOMPARE(call("GET", QStringLiteral("/config"))
                     .json()
                     .toObject()
                     .value(QStringLiteral("compatibilityLevel"))
                     .toString(),
            QStringLiteral("FULL_TRANSITIVE"));

        QCOMPARE(call("GET", QStringLiteral("/config/unconfigured")).errorCode(), 40408);
        QCOMPARE(call("GET", QStringLiteral("/config/unconfigured?defaultToGlobal=true"))
                     .json()
                     .toObject()
                     .value(QStringLiteral("compatibilityLevel"))
                     .toString(),
            QStringLiteral("FULL_TRANSITIVE"));
        QVERIFY(setLevel(QStringLiteral("configured"), QStringLiteral("FORWARD")));
        QCOMPARE(call("GET", QStringLiteral("/config/configured"))
                     .json()
                     .toObject()
                     .value(QStringLiteral("compatibilityLevel"))
                     .toString(),
            QStringLiteral("FORWARD"));
        QCOMPARE(call("DELETE", QStringLiteral("/config/configured")).status, 200);
        QCOMPARE(call("GET", QStringLiteral("/config/configured")).errorCode(), 40408);
        QVERIFY(setLevel(QString(), QStringLiteral("BACKWARD")));
    }

    void deletes()
    {
        const QString subject = QStringLiteral("to-delete");
        const int first = registerSchema(subject, record("D", aInt));
        QVERIFY(registerSchema(subject, record("D", aInt + u',' + bStringDefault)) > first);
        QVERIFY(registerSchema(subject, record("D", aLong + u',' + bStringDefault)) > first);
        QCOMPARE(call("DELETE", QStringLiteral("/subjects/to-delete/versions/1")).json(), QJsonValue(1));
        QCOMPARE(call("DELETE", QStringLiteral("/subjects/to-delete/versions/1")).errorCode(), 40406);
        QCOMPARE(call("GET", QStringLiteral("/subjects/to-delete/versions")).json(), QJsonValue(QJsonArray { 2, 3 }));
        QCOMPARE(call("GET", QStringLiteral("/subjects/to-delete/versions?deleted=true")).json(),
            QJsonValue(QJsonArray { 1, 2, 3 }));
        QCOMPARE(call("GET", QStringLiteral("/subjects/to-delete/versions/1")).errorCode(), 40402);
        QCOMPARE(call("DELETE", QStringLiteral("/subjects/to-delete/versions/2?permanent=true")).errorCode(), 40407);
        QCOMPARE(call("DELETE", QStringLiteral("/subjects/to-delete/versions/1?permanent=true")).json(), QJsonValue(1));
        QCOMPARE(call("GET", QStringLiteral("/subjects/to-delete/versions?deleted=true")).json(),
            QJsonValue(QJsonArray { 2, 3 }));
        QCOMPARE(call("DELETE", QStringLiteral("/subjects/to-delete/versions/latest")).json(), QJsonValue(3));

        QCOMPARE(call("DELETE", QStringLiteral("/subjects/to-delete?permanent=true")).errorCode(), 40405);
        QCOMPARE(call("DELETE", QStringLiteral("/subjects/to-delete")).json(), QJsonValue(QJsonArray { 2 }));
        QCOMPARE(call("DELETE", QStringLiteral("/subjects/to-delete")).errorCode(), 40404);
        QCOMPARE(call("GET", QStringLiteral("/subjects/to-delete/versions")).errorCode(), 40401);
        QVERIFY(!call("GET", QStringLiteral("/subjects")).json().toArray().contains(subject));
        QVERIFY(call("GET", QStringLiteral("/subjects?deleted=true")).json().toArray().contains(subject));
        QCOMPARE(call("DELETE", QStringLiteral("/subjects/to-delete?permanent=true")).json(),
            QJsonValue(QJsonArray { 2, 3 }));
        QVERIFY(!call("GET", QStringLiteral("/subjects?deleted=true")).json().toArray().contains(subject));
        // Registering again starts over, with the schema's old id.
        QCOMPARE(registerSchema(subject, record("D", aInt)), first);
        QCOMPARE(call("GET", QStringLiteral("/subjects/to-delete/versions")).json(), QJsonValue(QJsonArray { 1 }));
    }

    void concurrentRegistrations()
    {
        // Many requests in flight on several connections, each schema under two subjects: one id per
        // distinct schema, whichever request comes first.
        std::vector<QNetworkReply*> replies;
        for (int i = 0; i < 40; ++i) {
            QNetworkRequest request(QUrl(m_broker.schemaRegistryUrl()
                + QStringLiteral("/subjects/parallel-%1-%2/versions").arg(i % 5).arg(i % 2)));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            const QString schema = record(QStringLiteral("P%1").arg(i % 5), aInt);
            const QByteArray body = QJsonDocument(QJsonObject { { QStringLiteral("schema"), schema },
                                                      { QStringLiteral("schemaType"), QStringLiteral("AVRO") } })
                                        .toJson(QJsonDocument::Compact);
            replies.push_back(m_network.post(request, body));
        }
        std::map<int, std::set<int>> idsBySchema;
        for (int i = 0; i < int(replies.size()); ++i) {
            QNetworkReply* reply = replies[size_t(i)];
            if (!reply->isFinished())
                QVERIFY(QSignalSpy(reply, &QNetworkReply::finished).wait(15000));
            const QByteArray body = reply->readAll();
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            idsBySchema[i % 5].insert(QJsonDocument::fromJson(body).object().value(QStringLiteral("id")).toInt());
            reply->deleteLater();
        }
        std::set<int> all;
        for (const auto& [schema, ids] : idsBySchema) {
            QCOMPARE(ids.size(), size_t(1));
            all.insert(*ids.begin());
        }
        QCOMPARE(all.size(), size_t(5));
    }

    void rawHttp()
    {
        // Two pipelined requests on one keep-alive connection, the second closing it.
        const QByteArray both = rawExchange("GET /subjects HTTP/1.1\r\nHost: x\r\n\r\n"
                                            "GET /config HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QCOMPARE(both.count("HTTP/1.1 200 OK"), 2);
        QVERIFY(both.contains("compatibilityLevel"));
        // A chunked body.
        const QByteArray chunked = rawExchange("POST /subjects/chunked/versions HTTP/1.1\r\nHost: "
                                               "x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                                               "5\r\n{\"sch\r\nf\r\nema\":\"\\\"string\\\r\n3\r\n\"\"}\r\n0\r\n\r\n");
        QVERIFY2(chunked.startsWith("HTTP/1.1 200 OK"), chunked.constData());
        QVERIFY(chunked.contains("\"id\":"));
        // Malformed requests get a 400 and a closed connection; the server lives on.
        // The start of a TLS ClientHello (it holds NUL bytes: the length is the literal's own).
        static const char tlsClientHello[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n";
        for (const QByteArray& junk : { QByteArray("GARBAGE\r\n\r\n"), QByteArray("GET /x HTTP/9.9\r\n\r\n"),
                 QByteArray("GET /subjects HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
                 QByteArray("GET /subjects HTTP/1.1\r\nno colon here\r\n\r\n"),
                 QByteArray("GET /subjects/%zz HTTP/1.1\r\n\r\n"),
                 QByteArray(tlsClientHello, sizeof(tlsClientHello) - 1) }) {
            const QByteArray answer = rawExchange(junk);
            QVERIFY2(answer.startsWith("HTTP/1.1 400") || answer.startsWith("HTTP/1.1 505"),
                QByteArray(junk + " -> " + answer).constData());
        }
        const QByteArray huge
            = rawExchange("POST /subjects/x/versions HTTP/1.1\r\nContent-Length: 999999999999\r\n\r\n");
        QVERIFY2(huge.startsWith("HTTP/1.1 413"), huge.constData());
        const QByteArray longHead = rawExchange("GET /" + QByteArray(200 * 1024, 'a') + " HTTP/1.1\r\n\r\n");
        QVERIFY2(longHead.startsWith("HTTP/1.1 431"), longHead.left(100).constData());
        QCOMPARE(call("GET", QStringLiteral("/subjects")).status, 200);
    }

    // RFC 9112: a request framed two ways, or with two lengths, cannot be read safely.
    void ambiguousFramingIsRefused()
    {
        const QByteArray twoLengths = rawExchange("POST /subjects/x/versions HTTP/1.1\r\nContent-Length: 2\r\n"
                                                  "Content-Length: 20\r\n\r\n{}");
        QVERIFY2(twoLengths.startsWith("HTTP/1.1 400"), twoLengths.constData());
        const QByteArray bothFramings = rawExchange("POST /subjects/x/versions HTTP/1.1\r\nContent-Length: 5\r\n"
                                                    "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        QVERIFY2(bothFramings.startsWith("HTTP/1.1 400"), bothFramings.constData());
        const QByteArray chunkOverflow = rawExchange("POST /subjects/x/versions HTTP/1.1\r\nTransfer-Encoding: chunked"
                                                     "\r\n\r\n10000000000000002\r\n{}\r\n0\r\n\r\n");
        QVERIFY2(chunkOverflow.startsWith("HTTP/1.1 400"), chunkOverflow.constData());
    }

    // A subject that is not UTF-8 text is refused (422, 42208): stored, it made GET /subjects
    // unreadable for every client.
    void subjectsMustBeText()
    {
        for (const char* subject : { "bad%FF", "bad%C0%AF", "bad%ED%A0%80", "bad%01", "bad%7F", "bad%C2%85" }) {
            const Answer registered = call("POST", QStringLiteral("/subjects/%1/versions").arg(QLatin1String(subject)),
                schemaBody(record("Text", aInt)));
            QVERIFY2(registered.status == 422 && registered.errorCode() == 42208,
                QByteArray(subject + QByteArray(" -> ") + registered.body).constData());
            const Answer configured = call("PUT", QStringLiteral("/config/%1").arg(QLatin1String(subject)),
                QByteArrayLiteral(R"({"compatibility":"NONE"})"));
            QVERIFY2(configured.status == 422, configured.body.constData());
        }
        QVERIFY(registerSchema(QStringLiteral("caf%C3%A9-value"), record("Text", aInt)) > 0);
        const Answer subjects = call("GET", QStringLiteral("/subjects"));
        QCOMPARE(subjects.status, 200);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(subjects.body, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QVERIFY(document.array().contains(QJsonValue(QStringLiteral("caf\u00e9-value"))));
        for (const QJsonValue& subject : document.array())
            QVERIFY2(!subject.toString().startsWith(QLatin1String("bad")), qPrintable(subject.toString()));
    }

    // With SASL users the registry wants HTTP basic auth as one of them; without, it stays open.
    void basicAuthWithBrokerUsers()
    {
        QCOMPARE(call("GET", QStringLiteral("/subjects")).status, 200); // this broker has no users
        BrokerProcess secured;
        secured.enableSchemaRegistry();
        secured.setExtraArguments({ QStringLiteral("--set"), QStringLiteral("sasl.enabled.mechanisms=PLAIN"),
            QStringLiteral("--set"), QStringLiteral("sasl.plain.users=alice:s3cret,bob:pw:with:colons") });
        QVERIFY2(secured.start(), secured.errorText());
        const QString url = secured.schemaRegistryUrl();
        const auto basic
            = [](const QByteArray& userPassword) { return QByteArray("Basic " + userPassword.toBase64()); };
        QByteArray challenge;
        const Answer anonymous = callAt(url, "GET", QStringLiteral("/subjects"), {}, {}, &challenge);
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(anonymous.errorCode(), 401);
        QCOMPARE(challenge, QByteArrayLiteral("Basic realm=\"samsa-broker\""));
        for (const QByteArray& wrong : { QByteArray("alice:s3cre"), QByteArray("alice:s3cret!"),
                 QByteArray("eve:s3cret"), QByteArray("bob:pw"), QByteArray("alice") }) {
            const Answer refused = callAt(url, "GET", QStringLiteral("/subjects"), {}, basic(wrong));
            QVERIFY2(refused.status == 401, wrong.constData());
        }
        const Answer refusedWrite = callAt(url, "POST", QStringLiteral("/subjects/secret-value/versions"),
            schemaBody(record("Secret", aInt)), basic("alice:wrong"));
        QCOMPARE(refusedWrite.status, 401);
        const Answer registered = callAt(url, "POST", QStringLiteral("/subjects/secret-value/versions"),
            schemaBody(record("Secret", aInt)), basic("alice:s3cret"));
        QCOMPARE(registered.status, 200);
        const Answer listed = callAt(url, "GET", QStringLiteral("/subjects"), {}, basic("bob:pw:with:colons"));
        QCOMPARE(listed.status, 200);
        QCOMPARE(listed.json(), QJsonValue(QJsonArray { QStringLiteral("secret-value") }));
        QVERIFY2(secured.stop(), secured.errorText());
    }

    // Users of sasl.users.file guard the registry as those of the command line do.
    void basicAuthWithUsersFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(QStringLiteral("users")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        file.write("carol:from-file\n");
        file.close();
        BrokerProcess secured;
        secured.enableSchemaRegistry();
        secured.setExtraArguments({ QStringLiteral("--set"), QStringLiteral("sasl.enabled.mechanisms=SCRAM-SHA-256"),
            QStringLiteral("--set"), QStringLiteral("sasl.users.file=") + file.fileName() });
        QVERIFY2(secured.start(), secured.errorText());
        const QString url = secured.schemaRegistryUrl();
        QCOMPARE(callAt(url, "GET", QStringLiteral("/subjects")).status, 401);
        QCOMPARE(callAt(url, "GET", QStringLiteral("/subjects"), {}, "Basic " + QByteArray("carol:wrong").toBase64())
                     .status,
            401);
        QCOMPARE(
            callAt(url, "GET", QStringLiteral("/subjects"), {}, "Basic " + QByteArray("carol:from-file").toBase64())
                .status,
            200);
        QVERIFY2(secured.stop(), secured.errorText());
    }

    // A refused login is answered only after connection.failed.authentication.delay.ms, on a timer:
    // a client guessing passwords is slowed down, while other clients are served meanwhile.
    void basicAuthFailureIsDelayed()
    {
        BrokerProcess secured;
        secured.enableSchemaRegistry();
        secured.setExtraArguments({ QStringLiteral("--set"), QStringLiteral("sasl.enabled.mechanisms=PLAIN"),
            QStringLiteral("--set"), QStringLiteral("sasl.plain.users=alice:s3cret"), QStringLiteral("--set"),
            QStringLiteral("connection.failed.authentication.delay.ms=3000") });
        QVERIFY2(secured.start(), secured.errorText());
        const QString url = secured.schemaRegistryUrl();
        QNetworkRequest guess(QUrl(url + QStringLiteral("/subjects")));
        guess.setRawHeader("Authorization", "Basic " + QByteArray("alice:guess").toBase64());
        QElapsedTimer clock;
        clock.start();
        QNetworkReply* refused = m_network.get(guess);
        QSignalSpy refusedDone(refused, &QNetworkReply::finished);
        // A right password on another connection is answered while the guess still waits.
        const Answer served
            = callAt(url, "GET", QStringLiteral("/subjects"), {}, "Basic " + QByteArray("alice:s3cret").toBase64());
        QCOMPARE(served.status, 200);
        QVERIFY2(!refused->isFinished(), "the refused login was answered before the delay");
        QVERIFY(refusedDone.wait(15000));
        QCOMPARE(refused->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        QVERIFY2(clock.elapsed() >= 2900, qPrintable(QString::number(clock.elapsed())));
        refused->deleteLater();
        QVERIFY2(secured.stop(), secured.errorText());
    }

    void idsStableAcrossRestart()
    {
        const int before = registerSchema(QStringLiteral("restart-value"), record("Restart", aInt));
        QVERIFY(before > 0);
        QVERIFY(setLevel(QStringLiteral("restart-value"), QStringLiteral("FORWARD")));
        const QByteArray subjects = call("GET", QStringLiteral("/subjects")).body;
        const QByteArray versions = call("GET", QStringLiteral("/schemas/ids/%1/versions").arg(before)).body;
        QVERIFY2(m_broker.restart(), m_broker.errorText());

        QCOMPARE(call("GET", QStringLiteral("/subjects")).body, subjects);
        QCOMPARE(call("GET", QStringLiteral("/schemas/ids/%1/versions").arg(before)).body, versions);
        QCOMPARE(call("GET", QStringLiteral("/subjects/restart-value/versions/latest"))
                     .json()
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInt(),
            before);
        QCOMPARE(call("GET", QStringLiteral("/config/restart-value"))
                     .json()
                     .toObject()
                     .value(QStringLiteral("compatibilityLevel"))
                     .toString(),
            QStringLiteral("FORWARD"));
        QCOMPARE(call("GET", QStringLiteral("/subjects/to-delete/versions?deleted=true")).json(),
            QJsonValue(QJsonArray { 1 }));
        // The same schema keeps its id; a new one gets a new, larger id.
        QCOMPARE(registerSchema(QStringLiteral("restart-other"), record("Restart", aInt)), before);
        QVERIFY(
            registerSchema(QStringLiteral("restart-other"), record("Restart", aInt + u',' + bStringDefault)) > before);
    }

    void busyPortIsFatalWhenGiven()
    {
        const QUrl url(m_broker.schemaRegistryUrl());
        BrokerProcess second;
        const int code = second.runToExit({ QStringLiteral("--data-dir"),
            second.temporaryPath() + QStringLiteral("/data"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
            QStringLiteral("--schema-registry"), QStringLiteral("127.0.0.1:%1").arg(url.port()) });
        QCOMPARE(code, 2);
        QVERIFY(second.standardOutput().isEmpty());
        QVERIFY2(second.standardError().contains("cannot listen for the schema registry"),
            second.standardError().constData());
        QCOMPARE(second.standardError().count('\n'), 1);
    }

    void cleanupTestCase()
    {
        if (m_broker.isRunning())
            QVERIFY2(m_broker.stop(), m_broker.errorText());
    }
};

SAMSA_TEST_MAIN(TestSchemaRegistry, QCoreApplication)
#include "tst_schema_registry.moc"

// The per-topic tables of samsa.db: migration 3 from a version 2 database, the formats chosen per
// topic and the produce templates kept per topic.

#include "profiles/profileschema.h"
#include "profiles/profilestore.h"
#include "storage/producetemplatestore.h"
#include "storage/samsadatabase.h"
#include "storage/storagekeys.h"
#include "storage/topicformatstore.h"
#include "testmain.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Samsa;

namespace {

// Runs raw SQL through a connection of our own; returns the first column of the last row.
QVariant rawQuery(const QString& path, const QStringList& statements)
{
    QVariant last;
    const QString name = QStringLiteral("raw-%1").arg(QUuid::createUuid().toString());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            qWarning("cannot open %s", qPrintable(path));
        for (const QString& statement : statements) {
            QSqlQuery query(db);
            if (!query.exec(statement))
                qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
            while (query.next())
                last = query.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return last;
}

QString templateJson(int n)
{
    return QStringLiteral("{\"key\":\"k%1\",\"value\":{\"n\":%1}}").arg(n);
}

} // namespace

class TestTopicStores : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("samsa-%1.db").arg(++m_counter)); }

private Q_SLOTS:
    void version2DatabaseMigrates()
    {
        const QString path = freshPath();
        QStringList statements = ProfileSchema::migrationStatements(1) + ProfileSchema::migrationStatements(2);
        statements << QStringLiteral("INSERT INTO profile (id, name, bootstrap_servers, schema_registry_url) "
                                     "VALUES (4, 'prod', 'kafka:9092', 'http://registry:8081')")
                   << QStringLiteral("PRAGMA user_version = 2");
        rawQuery(path, statements);
        QCOMPARE(rawQuery(path, { QStringLiteral("PRAGMA user_version") }).toInt(), 2);

        // A store opened first migrates; the profiles stay as they were.
        TopicFormatStore formats;
        QVERIFY2(formats.open(path), qPrintable(formats.errorText()));
        QCOMPARE(rawQuery(path, { QStringLiteral("PRAGMA user_version") }).toInt(), 3);
        for (const char* table : { "topic_formats", "schema_cache", "produce_templates" }) {
            QCOMPARE(rawQuery(path,
                         { QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'")
                                 .arg(QLatin1String(table)) })
                         .toInt(),
                1);
        }
        ProfileStore profiles;
        QVERIFY2(profiles.open(path), qPrintable(profiles.errorText()));
        QCOMPARE(profiles.schemaVersion(), 3);
        const std::optional<ConnectionProfile> prod = profiles.profile(4);
        QVERIFY(prod.has_value());
        QCOMPARE(prod->bootstrapServers, QStringLiteral("kafka:9092"));
        QCOMPARE(prod->schemaRegistryUrl, QStringLiteral("http://registry:8081"));

        // And the store works on the migrated file.
        TopicFormats chosen;
        chosen.valueFormat = MessageFormat::AvroRegistry;
        QVERIFY(formats.setFormats(clusterStorageKey(*prod), QStringLiteral("orders"), chosen));
        QCOMPARE(formats.formats(clusterStorageKey(*prod), QStringLiteral("orders")), chosen);
    }

    void concurrentOpenersMigrateOnce()
    {
        // Two connections (say the UI's store and the schema cache's thread) on a version 2 file.
        const QString path = freshPath();
        QStringList statements = ProfileSchema::migrationStatements(1) + ProfileSchema::migrationStatements(2);
        statements << QStringLiteral("PRAGMA user_version = 2");
        rawQuery(path, statements);
        const QString first = SamsaDatabase::newConnectionName(QStringLiteral("test"));
        const QString second = SamsaDatabase::newConnectionName(QStringLiteral("test"));
        QString error;
        QVERIFY2(SamsaDatabase::open(first, path, &error), qPrintable(error));
        // The second finds the work done and does not fail on "table already exists".
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), second);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QCOMPARE(ProfileSchema::migrate(db, 2, 3), QString());
        db.close();
        db = QSqlDatabase();
        SamsaDatabase::close(first);
        QSqlDatabase::removeDatabase(second);
        QCOMPARE(rawQuery(path, { QStringLiteral("PRAGMA user_version") }).toInt(), 3);
    }

    void refusesNewerDatabase()
    {
        const QString path = freshPath();
        rawQuery(path, { QStringLiteral("CREATE TABLE x (a)"), QStringLiteral("PRAGMA user_version = 42") });
        TopicFormatStore formats;
        QVERIFY(!formats.open(path));
        QVERIFY2(formats.errorText().contains(QLatin1String("newer Samsa")), qPrintable(formats.errorText()));
        ProduceTemplateStore templates;
        QVERIFY(!templates.open(path));
        QCOMPARE(rawQuery(path, { QStringLiteral("PRAGMA user_version") }).toInt(), 42);
        // Closed stores answer with defaults and errors, never crash.
        QCOMPARE(formats.formats(QStringLiteral("c"), QStringLiteral("t")), TopicFormats());
        QVERIFY(!formats.setFormats(QStringLiteral("c"), QStringLiteral("t"), TopicFormats()));
        QCOMPARE(templates.add(QStringLiteral("c"), QStringLiteral("t"), QStringLiteral("n"), "{}"), 0);
    }

    void formatsPerClusterAndTopic()
    {
        const QString path = freshPath();
        TopicFormatStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorText()));
        const QString local = QStringLiteral("profile:1");
        const QString prod = QStringLiteral("bootstrap:kafka:9092");
        QCOMPARE(store.formats(local, QStringLiteral("orders")), TopicFormats());

        TopicFormats orders;
        orders.keyFormat = MessageFormat::String;
        orders.valueFormat = MessageFormat::AvroRegistry;
        orders.valueSubject = QStringLiteral("orders-value");
        TopicFormats telemetry;
        telemetry.keyFormat = MessageFormat::Int64;
        telemetry.valueFormat = MessageFormat::AvroFile;
        telemetry.valueSchemaFile = QStringLiteral("/home/me/telemetry.avsc");
        QVERIFY(store.setFormats(local, QStringLiteral("orders"), orders));
        QVERIFY(store.setFormats(local, QStringLiteral("telemetry"), telemetry));
        QCOMPARE(store.formats(local, QStringLiteral("orders")), orders);
        QCOMPARE(store.formats(local, QStringLiteral("telemetry")), telemetry);
        // Same topic name on another cluster is another topic.
        QCOMPARE(store.formats(prod, QStringLiteral("orders")), TopicFormats());

        // Changing replaces; another store on the same file sees it (what the next start sees).
        orders.valueFormat = MessageFormat::Json;
        orders.valueSubject.clear();
        QVERIFY(store.setFormats(local, QStringLiteral("orders"), orders));
        {
            TopicFormatStore reopened;
            QVERIFY(reopened.open(path));
            QCOMPARE(reopened.formats(local, QStringLiteral("orders")), orders);
        }
        QVERIFY(store.remove(local, QStringLiteral("orders")));
        QCOMPARE(store.formats(local, QStringLiteral("orders")), TopicFormats());
        QCOMPARE(rawQuery(path, { QStringLiteral("SELECT count(*) FROM topic_formats") }).toInt(), 1);

        // A format name from a newer Samsa reads as Auto instead of failing.
        rawQuery(path, { QStringLiteral("UPDATE topic_formats SET value_format = 'protobuf'") });
        QCOMPARE(store.formats(local, QStringLiteral("telemetry")).valueFormat, MessageFormat::Auto);
        QCOMPARE(store.formats(local, QStringLiteral("telemetry")).keyFormat, MessageFormat::Int64);
    }

    void clusterKeys()
    {
        ConnectionProfile saved;
        saved.id = 12;
        saved.bootstrapServers = QStringLiteral("a:9092");
        QCOMPARE(clusterStorageKey(saved), QStringLiteral("profile:12"));
        ConnectionProfile adHoc;
        adHoc.bootstrapServers = QStringLiteral(" a:9092 ");
        QCOMPARE(clusterStorageKey(adHoc), QStringLiteral("bootstrap:a:9092"));
    }

    void templatesNewestFirstAndCapped()
    {
        ProduceTemplateStore store;
        QVERIFY2(store.open(freshPath()), qPrintable(store.errorText()));
        const QString cluster = QStringLiteral("profile:1");
        const QString topic = QStringLiteral("orders");
        QVERIFY(store.templates(cluster, topic).isEmpty());

        const int total = ProduceTemplateStore::MaxPerTopic + 5;
        for (int n = 0; n < total; ++n)
            QVERIFY2(store.add(cluster, topic, QStringLiteral("message %1").arg(n), templateJson(n).toUtf8()) > 0,
                qPrintable(store.errorText()));
        QList<ProduceTemplate> kept = store.templates(cluster, topic);
        QCOMPARE(kept.size(), ProduceTemplateStore::MaxPerTopic);
        QCOMPARE(kept.first().name, QStringLiteral("message %1").arg(total - 1));
        QCOMPARE(kept.first().messageJson, templateJson(total - 1).toUtf8());
        QCOMPARE(kept.last().name, QStringLiteral("message %1").arg(total - ProduceTemplateStore::MaxPerTopic));
        QVERIFY(kept.first().created.isValid());
        QVERIFY(kept.first().created >= kept.last().created);

        // Sending an old message again moves it to the top instead of adding a copy.
        const QByteArray again = templateJson(total - 10).toUtf8();
        const qint64 existing = kept.at(9).id;
        QCOMPARE(kept.at(9).messageJson, again);
        QCOMPARE(store.add(cluster, topic, QStringLiteral("again"), again), existing);
        kept = store.templates(cluster, topic);
        QCOMPARE(kept.size(), ProduceTemplateStore::MaxPerTopic);
        QCOMPARE(kept.first().id, existing);
        QCOMPARE(kept.first().name, QStringLiteral("again"));

        // Other topics keep their own.
        QVERIFY(store.add(cluster, QStringLiteral("clickstream"), QString(), templateJson(1).toUtf8()) > 0);
        QCOMPARE(store.templates(cluster, QStringLiteral("clickstream")).size(), 1);
        QCOMPARE(store.templates(cluster, topic).size(), ProduceTemplateStore::MaxPerTopic);

        QVERIFY(store.remove(existing));
        QVERIFY(!store.remove(existing));
        QCOMPARE(store.templates(cluster, topic).size(), ProduceTemplateStore::MaxPerTopic - 1);
    }

    void templateMustBeJsonObject()
    {
        ProduceTemplateStore store;
        QVERIFY(store.open(freshPath()));
        QCOMPARE(store.add(QStringLiteral("c"), QStringLiteral("t"), QStringLiteral("bad"), "{\"key\": "), 0);
        QVERIFY(store.errorText().contains(QLatin1String("JSON object")));
        QCOMPARE(store.add(QStringLiteral("c"), QStringLiteral("t"), QStringLiteral("bad"), "[1,2]"), 0);
        QVERIFY(store.templates(QStringLiteral("c"), QStringLiteral("t")).isEmpty());
    }
};

SAMSA_TEST_MAIN(TestTopicStores, QCoreApplication)
#include "tst_topicstores.moc"

// Export of loaded messages to JSON Lines and CSV: read back, cancel, and failures reported.

#include "decoding/payloaddecoder.h"
#include "messages/messageexporter.h"
#include "messages/messagejson.h"
#include "testmain.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <csignal>
#include <sys/resource.h>

using namespace Samsa;

namespace {

KafkaRecord makeRecord(int partition, qint64 offset, std::optional<QByteArray> key, std::optional<QByteArray> value,
    QList<RecordHeader> headers = {})
{
    KafkaRecord record;
    record.partition = partition;
    record.offset = offset;
    record.timestampMs = 1700000000123 + offset;
    record.timestampType = TimestampType::CreateTime;
    record.key = std::move(key);
    record.value = std::move(value);
    record.headers = std::move(headers);
    return record;
}

// Splits RFC 4180 CSV into records of fields (quoted fields may hold commas, quotes and CRLF).
QList<QStringList> parseCsv(const QByteArray& bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row.append(field);
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
            row.append(field);
            field.clear();
            rows.append(row);
            row.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

} // namespace

class TestMessageExporter : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    RecordStore m_store;
    std::shared_ptr<PayloadDecoder> m_decoder = std::make_shared<PayloadDecoder>(nullptr);
    std::atomic<bool> m_notCancelled { false };

    MessageExportOptions options(MessageExportOptions::Format format, const QString& name)
    {
        MessageExportOptions o;
        o.format = format;
        o.path = m_dir.filePath(name);
        o.topic = QStringLiteral("orders");
        o.keyOptions.format = MessageFormat::String;
        o.valueOptions.format = MessageFormat::Json;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store.append(makeRecord(0, 0, QByteArray("customer-1"), QByteArray("{\"id\":9007199254740993,\"note\":\"a,b \\\"q\\\"\\nline\"}"),
            { { QByteArray("trace"), QByteArray("t-1") }, { QByteArray("bin"), QByteArray("\xff\x00", 2) }, { QByteArray("nil"), std::nullopt } }));
        m_store.append(makeRecord(1, 5, std::nullopt, std::nullopt));
        m_store.append(makeRecord(2, 7, QByteArray("k"), QByteArray("\"plain text, with comma\"")));
        // Not JSON (Confluent framing): undecodable in the JSON format, raw bytes kept.
        m_store.append(makeRecord(2, 8, QByteArray("k2"), QByteArray("\x00\x00\x00\x00\x2a\x02\x04", 7)));
    }

    void jsonLinesReadBack()
    {
        const MessageExportOptions o = options(MessageExportOptions::Format::JsonLines, QStringLiteral("all.jsonl"));
        const MessageExportResult result = MessageExporter::exportMessages(o, *m_store.snapshot(), {}, m_decoder.get(), m_notCancelled);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.written, 4);
        QFile file(o.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), 5); // four lines and the empty rest after the last newline
        QVERIFY(lines.last().isEmpty());

        // The 64-bit id is written exactly as decoded (no double on the way).
        QVERIFY2(lines.at(0).contains("\"id\":9007199254740993"), lines.at(0).constData());
        const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(first.value(QStringLiteral("topic")).toString(), QStringLiteral("orders"));
        QCOMPARE(first.value(QStringLiteral("partition")).toInt(), 0);
        QCOMPARE(first.value(QStringLiteral("timestamp")).toInteger(), 1700000000123);
        QCOMPARE(first.value(QStringLiteral("timestampType")).toString(), QStringLiteral("CreateTime"));
        QCOMPARE(first.value(QStringLiteral("key")).toString(), QStringLiteral("customer-1"));
        QCOMPARE(first.value(QStringLiteral("value")).toObject().value(QStringLiteral("note")).toString(), QStringLiteral("a,b \"q\"\nline"));
        const QJsonArray headers = first.value(QStringLiteral("headers")).toArray();
        QCOMPARE(headers.size(), 3);
        QCOMPARE(headers.at(0).toObject().value(QStringLiteral("value")).toString(), QStringLiteral("t-1"));
        QCOMPARE(QByteArray::fromBase64(headers.at(1).toObject().value(QStringLiteral("valueBase64")).toString().toLatin1()), QByteArray("\xff\x00", 2));
        QVERIFY(headers.at(2).toObject().value(QStringLiteral("value")).isNull());
        QVERIFY(!first.contains(QStringLiteral("error")));

        const QJsonObject tombstone = QJsonDocument::fromJson(lines.at(1)).object();
        QVERIFY(tombstone.value(QStringLiteral("key")).isNull());
        QVERIFY(tombstone.value(QStringLiteral("value")).isNull());

        QCOMPARE(QJsonDocument::fromJson(lines.at(2)).object().value(QStringLiteral("value")).toString(), QStringLiteral("plain text, with comma"));

        const QJsonObject undecodable = QJsonDocument::fromJson(lines.at(3)).object();
        QVERIFY2(undecodable.value(QStringLiteral("error")).toString().startsWith(QStringLiteral("value: ")), lines.at(3).constData());
        QVERIFY(undecodable.value(QStringLiteral("value")).isNull());
        QCOMPARE(QByteArray::fromBase64(undecodable.value(QStringLiteral("valueBase64")).toString().toLatin1()), QByteArray("\x00\x00\x00\x00\x2a\x02\x04", 7));
    }

    void csvReadBack()
    {
        const MessageExportOptions o = options(MessageExportOptions::Format::Csv, QStringLiteral("some.csv"));
        const MessageExportResult result = MessageExporter::exportMessages(o, *m_store.snapshot(), { 3, 0, 2 }, m_decoder.get(), m_notCancelled);
        QVERIFY2(result.ok, qPrintable(result.error));
        QFile file(o.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QStringList> rows = parseCsv(file.readAll());
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(0), (QStringList { QStringLiteral("partition"), QStringLiteral("offset"), QStringLiteral("timestamp"), QStringLiteral("key"),
                                 QStringLiteral("value"), QStringLiteral("headers"), QStringLiteral("error") }));
        // The order asked for (the selection as shown), each row with all seven fields.
        QCOMPARE(rows.at(1).at(1), QStringLiteral("8"));
        QVERIFY(rows.at(1).at(6).contains(QStringLiteral("base64: AAAAACoCBA==")));
        QCOMPARE(rows.at(2).size(), 7);
        QCOMPARE(rows.at(2).at(2), QStringLiteral("2023-11-14T22:13:20.123Z"));
        QVERIFY(rows.at(2).at(4).contains(QStringLiteral("\"note\":\"a,b \\\"q\\\"\\nline\"")));
        QCOMPARE(QJsonDocument::fromJson(rows.at(2).at(5).toUtf8()).array().size(), 3);
        QCOMPARE(rows.at(3).at(4), QStringLiteral("\"plain text, with comma\""));
        QCOMPARE(rows.at(3).at(6), QString());
    }

    void workerExportsWithProgress()
    {
        RecordStore store;
        QList<KafkaRecord> batch;
        for (int i = 0; i < 50000; ++i)
            batch.append(makeRecord(0, i, QByteArray::number(i), QByteArray(R"({"n":)") + QByteArray::number(i) + '}'));
        store.append(batch);
        MessageExporter exporter;
        QSignalSpy finished(&exporter, &MessageExporter::finished);
        QSignalSpy progress(&exporter, &MessageExporter::progress);
        const MessageExportOptions o = options(MessageExportOptions::Format::JsonLines, QStringLiteral("big.jsonl"));
        exporter.start(o, store.snapshot(), {}, m_decoder);
        QVERIFY(finished.wait(20000));
        const auto result = finished.first().at(0).value<MessageExportResult>();
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.written, 50000);
        QVERIFY(!progress.isEmpty());
        QFile file(o.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 50000);
    }

    void cancelLeavesNoFile()
    {
        RecordStore store;
        QList<KafkaRecord> batch;
        for (int i = 0; i < 200000; ++i)
            batch.append(makeRecord(0, i, QByteArray::number(i), QByteArray(200, 'v')));
        store.append(batch);
        const MessageExportOptions o = options(MessageExportOptions::Format::Csv, QStringLiteral("cancelled.csv"));
        // An older file at the path stays as it was.
        {
            QFile old(o.path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old");
        }
        MessageExporter exporter;
        QSignalSpy finished(&exporter, &MessageExporter::finished);
        QSignalSpy progress(&exporter, &MessageExporter::progress);
        exporter.start(o, store.snapshot(), {}, m_decoder);
        QVERIFY(progress.wait(20000)); // under way
        exporter.cancel();
        QVERIFY(finished.wait(20000));
        const auto result = finished.first().at(0).value<MessageExportResult>();
        QVERIFY(!result.ok);
        QVERIFY(result.cancelled);
        QFile file(o.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("old"));
        // No temporary file is left beside it.
        QCOMPARE(QDir(m_dir.path()).entryList({ QStringLiteral("cancelled.csv*") }, QDir::Files | QDir::Hidden), QStringList { QStringLiteral("cancelled.csv") });
    }

    void unwritablePathIsReported()
    {
        MessageExportOptions o = options(MessageExportOptions::Format::JsonLines, QStringLiteral("no/such/dir/x.jsonl"));
        MessageExportResult result = MessageExporter::exportMessages(o, *m_store.snapshot(), {}, m_decoder.get(), m_notCancelled);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.startsWith(QStringLiteral("cannot write ")), qPrintable(result.error));
        // A full disk: a file size limit makes writes fail with EFBIG as a full disk fails them
        // with ENOSPC; the error is reported and nothing is left behind.
        struct rlimit saved;
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit small = saved;
        small.rlim_cur = 100;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        o.path = m_dir.filePath(QStringLiteral("full.jsonl"));
        result = MessageExporter::exportMessages(o, *m_store.snapshot(), {}, m_decoder.get(), m_notCancelled);
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previousHandler);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.startsWith(QStringLiteral("cannot write ")), qPrintable(result.error));
        QCOMPARE(QDir(m_dir.path()).entryList({ QStringLiteral("full.jsonl*") }, QDir::Files | QDir::Hidden), QStringList());
    }

    // A device is written in place, never replaced by a renamed temporary file.
    void deviceIsWrittenInPlace()
    {
        MessageExportOptions o = options(MessageExportOptions::Format::JsonLines, QString());
        o.path = QStringLiteral("/dev/null");
        const MessageExportResult result = MessageExporter::exportMessages(o, *m_store.snapshot(), {}, m_decoder.get(), m_notCancelled);
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(!QFileInfo(QStringLiteral("/dev/null")).isFile());
    }

    void prettyJsonKeepsNumbersExact()
    {
        const KafkaRecord record = makeRecord(0, 1, QByteArray("k"), QByteArray("v"));
        DecodedPayload value;
        value.kind = DecodedPayload::Kind::Json;
        // Plain literals below: moc misreads raw strings that hold \".
        value.json = QByteArray("{\"big\":123456789012345678901234567890,\"s\":\"a{,}[\\\"]\",\"e\":{},\"l\":[]}");
        DecodedPayload key;
        key.kind = DecodedPayload::Kind::Text;
        key.text = QStringLiteral("k");
        const QByteArray pretty = messageToJson(QString(), record, key, value, true);
        QVERIFY2(pretty.contains("\"big\": 123456789012345678901234567890"), pretty.constData());
        QVERIFY(pretty.contains("\"s\": \"a{,}[\\\"]\""));
        QVERIFY(pretty.contains("\"e\": {}"));
        QVERIFY(!pretty.contains("\"topic\""));
        QJsonParseError error;
        QJsonDocument::fromJson(pretty, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
    }
};

SAMSA_TEST_MAIN(TestMessageExporter, QCoreApplication)
#include "tst_messageexporter.moc"

// The message browser's filter: text, regular expression and field expression over a record
// store snapshot, in parallel and on a worker job with cancel.

#include "decoding/payloaddecoder.h"
#include "messages/messagefilter.h"
#include "messages/messagefilterjob.h"
#include "testmain.h"

#include <QCoreApplication>
#include <QSignalSpy>

Q_DECLARE_METATYPE(Samsa::MessageFilterSpec)

using namespace Samsa;

namespace {

KafkaRecord makeRecord(int partition, qint64 offset, std::optional<QByteArray> key, std::optional<QByteArray> value,
    QList<RecordHeader> headers = {})
{
    KafkaRecord record;
    record.partition = partition;
    record.offset = offset;
    record.timestampMs = 1700000000000 + offset;
    record.timestampType = TimestampType::CreateTime;
    record.key = std::move(key);
    record.value = std::move(value);
    record.headers = std::move(headers);
    return record;
}

MessageFilterSpec textSpec(const QString& pattern, MessageFilterSpec::Scope scope = MessageFilterSpec::Scope::All)
{
    MessageFilterSpec spec;
    spec.mode = MessageFilterSpec::Mode::Text;
    spec.scope = scope;
    spec.pattern = pattern;
    spec.keyOptions.format = MessageFormat::String;
    spec.valueOptions.format = MessageFormat::Json;
    return spec;
}

} // namespace

class TestMessageFilter : public QObject {
    Q_OBJECT

private:
    RecordStore m_store;
    std::shared_ptr<PayloadDecoder> m_decoder = std::make_shared<PayloadDecoder>(nullptr);
    std::atomic<bool> m_notCancelled { false };

    QList<qint64> run(const MessageFilterSpec& spec, int threads = 1)
    {
        QString error;
        const auto filter = MessageFilter::create(spec, &error);
        if (!filter)
            qWarning() << error;
        return filter ? filter->run(*m_store.snapshot(), m_decoder.get(), 0, m_store.count(), m_notCancelled, {}, {}, threads) : QList<qint64> { -1 };
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_store.append(makeRecord(0, 0, QByteArray("customer-1"), QByteArray(R"({"status":"PAID","amount":150})")));
        m_store.append(makeRecord(0, 1, QByteArray("customer-2"), QByteArray(R"({"status":"NEW","amount":20})"),
            { { QByteArray("source"), QByteArray("web-eu") } }));
        m_store.append(makeRecord(1, 0, std::nullopt, std::nullopt)); // tombstone with a null key
        m_store.append(makeRecord(1, 1, QByteArray("Été"), QByteArray("\xff\xfe not utf-8 paid")));
        m_store.append(makeRecord(2, 0, QByteArray("customer-3"), QByteArray(R"({"status":"paid","amount":300})"),
            { { QByteArray("trace"), std::nullopt }, { QByteArray("source"), QByteArray("mobile") } }));
    }

    void text_data()
    {
        QTest::addColumn<MessageFilterSpec>("spec");
        QTest::addColumn<QList<qint64>>("expected");
        using Scope = MessageFilterSpec::Scope;
        QTest::addRow("value, case-insensitive") << textSpec(QStringLiteral("PAID"), Scope::Value) << QList<qint64> { 0, 3, 4 };
        MessageFilterSpec sensitive = textSpec(QStringLiteral("PAID"), Scope::Value);
        sensitive.caseSensitive = true;
        QTest::addRow("value, case-sensitive") << sensitive << QList<qint64> { 0 };
        QTest::addRow("key") << textSpec(QStringLiteral("customer-2"), Scope::Key) << QList<qint64> { 1 };
        QTest::addRow("key not value") << textSpec(QStringLiteral("status"), Scope::Key) << QList<qint64> {};
        QTest::addRow("non-ASCII without case") << textSpec(QStringLiteral("éTÉ"), Scope::Key) << QList<qint64> { 3 };
        QTest::addRow("all reaches headers") << textSpec(QStringLiteral("web-eu")) << QList<qint64> { 1 };
        QTest::addRow("header names too") << textSpec(QStringLiteral("trace")) << QList<qint64> { 4 };
        MessageFilterSpec header = textSpec(QStringLiteral("m"), Scope::Header);
        header.headerName = QStringLiteral("source");
        QTest::addRow("one header") << header << QList<qint64> { 4 };
        QTest::addRow("empty matches all") << textSpec(QString()) << QList<qint64> { 0, 1, 2, 3, 4 };
        MessageFilterSpec regex = textSpec(QStringLiteral("\"amount\":[0-9]{3}"), Scope::Value);
        regex.mode = MessageFilterSpec::Mode::RegularExpression;
        QTest::addRow("regular expression") << regex << QList<qint64> { 0, 4 };
        MessageFilterSpec expression;
        expression.mode = MessageFilterSpec::Mode::Expression;
        expression.pattern = QStringLiteral(R"(value.status == "PAID" && value.amount > 100)");
        expression.valueOptions.format = MessageFormat::Json;
        QTest::addRow("field expression") << expression << QList<qint64> { 0 };
        expression.pattern = QStringLiteral(R"(headers.source == "mobile" || partition == 1)");
        QTest::addRow("field expression on headers") << expression << QList<qint64> { 2, 3, 4 };
    }

    void text()
    {
        QFETCH(MessageFilterSpec, spec);
        QFETCH(QList<qint64>, expected);
        QCOMPARE(run(spec), expected);
    }

    // Hex is shown decoded ("68 69" for "hi"): the filter searches what is shown, not the raw bytes.
    void decodedFormatsSearchTheShownText()
    {
        MessageFilterSpec spec = textSpec(QStringLiteral("7b"), MessageFilterSpec::Scope::Value);
        spec.valueOptions.format = MessageFormat::Hex;
        const QList<qint64> hits = run(spec);
        QVERIFY2(hits.contains(0) && hits.contains(1), qPrintable(QString::number(hits.size())));
        spec.valueOptions.format = MessageFormat::Json;
        QCOMPARE(run(spec), QList<qint64> {});
    }

    void invalidPatternsAreReported()
    {
        MessageFilterSpec spec = textSpec(QStringLiteral("(unclosed"));
        spec.mode = MessageFilterSpec::Mode::RegularExpression;
        QString error;
        QVERIFY(!MessageFilter::create(spec, &error));
        QVERIFY2(error.contains(QStringLiteral("invalid regular expression")), qPrintable(error));
        spec.mode = MessageFilterSpec::Mode::Expression;
        spec.pattern = QStringLiteral("value.amount >");
        QVERIFY(!MessageFilter::create(spec, &error));
        QCOMPARE(error, QStringLiteral("expected a value after '>' at column 15"));
    }

    void parallelRunGivesTheSameRowsInOrder()
    {
        RecordStore store;
        QList<KafkaRecord> batch;
        for (int i = 0; i < 200000; ++i) {
            const QByteArray value = QByteArray("{\"n\":") + QByteArray::number(i) + (i % 7 == 0 ? ",\"tag\":\"needle\"}" : "}");
            batch.append(makeRecord(i % 3, i, QByteArray::number(i), value));
        }
        store.append(batch);
        const auto filter = MessageFilter::create(textSpec(QStringLiteral("NEEDLE")), nullptr);
        const auto snapshot = store.snapshot();
        qint64 lastProgress = 0;
        const QList<qint64> one = filter->run(*snapshot, nullptr, 0, snapshot->count(), m_notCancelled, {}, {}, 1);
        const QList<qint64> two = filter->run(*snapshot, nullptr, 0, snapshot->count(), m_notCancelled, [&](qint64 done) { lastProgress = done; }, {}, 2);
        QCOMPARE(one.size(), (200000 + 6) / 7);
        QCOMPARE(two, one);
        QCOMPARE(lastProgress, 200000);
        QVERIFY(std::is_sorted(two.begin(), two.end()));
        // A range filters only that range.
        const QList<qint64> tail = filter->run(*snapshot, nullptr, 100000, 100100, m_notCancelled);
        for (const qint64 i : tail)
            QVERIFY(i >= 100000 && i < 100100 && i % 7 == 0);
        QCOMPARE(tail.size(), 14);
    }

    void cancelledRunStopsEarly()
    {
        RecordStore store;
        QList<KafkaRecord> batch;
        for (int i = 0; i < 100000; ++i)
            batch.append(makeRecord(0, i, std::nullopt, QByteArray("match")));
        store.append(batch);
        std::atomic<bool> cancelled { true };
        const auto filter = MessageFilter::create(textSpec(QStringLiteral("match")), nullptr);
        const QList<qint64> partial = filter->run(*store.snapshot(), nullptr, 0, store.count(), cancelled, {}, {}, 1);
        QVERIFY(partial.size() < 100000);
    }

    void jobDeliversMatchesAndProgress()
    {
        MessageFilterJob job;
        QSignalSpy finished(&job, &MessageFilterJob::finished);
        QSignalSpy progress(&job, &MessageFilterJob::progress);
        const auto filter = MessageFilter::create(textSpec(QStringLiteral("customer")), nullptr);
        const quint64 id = job.start(filter, m_store.snapshot(), m_decoder, 0);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).toULongLong(), id);
        QCOMPARE(finished.first().at(1).value<QList<qint64>>(), (QList<qint64> { 0, 1, 4 }));
        QCOMPARE(finished.first().at(3).toLongLong(), m_store.count());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(1).toLongLong(), m_store.count());
    }

    void cancelledJobDeliversNothing()
    {
        RecordStore store;
        QList<KafkaRecord> batch;
        for (int i = 0; i < 300000; ++i)
            batch.append(makeRecord(0, i, std::nullopt, QByteArray("some value text here ") + QByteArray::number(i)));
        store.append(batch);
        MessageFilterJob job;
        QSignalSpy finished(&job, &MessageFilterJob::finished);
        MessageFilterSpec spec = textSpec(QStringLiteral("value.*9$"));
        spec.mode = MessageFilterSpec::Mode::RegularExpression;
        job.start(MessageFilter::create(spec, nullptr), store.snapshot(), nullptr, 0);
        job.cancel();
        // A second, small job finishes; the cancelled one never reports.
        const quint64 second = job.start(MessageFilter::create(textSpec(QStringLiteral("99999"), MessageFilterSpec::Scope::Value), nullptr), store.snapshot(), nullptr, 299990);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toULongLong(), second);
        QCOMPARE(finished.first().at(1).value<QList<qint64>>(), QList<qint64> { 299999 });
    }
};

SAMSA_TEST_MAIN(TestMessageFilter, QCoreApplication)
#include "tst_messagefilter.moc"

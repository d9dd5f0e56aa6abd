// The message browser's model: virtual rows over a record store, decoded only when shown, appends
// that keep the selection, sort and filter on worker threads, live tail cap.

#include "decoding/payloaddecoder.h"
#include "messagesmodel.h"
#include "testmain.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>

using namespace Samsa;

namespace {

KafkaRecord makeRecord(int partition, qint64 offset, const QByteArray& key, const QByteArray& value, qint64 timestamp = -1)
{
    KafkaRecord record;
    record.partition = partition;
    record.offset = offset;
    record.timestampMs = timestamp >= 0 ? timestamp : 1700000000000 + offset;
    record.timestampType = TimestampType::CreateTime;
    record.key = key;
    record.value = value;
    return record;
}

QList<KafkaRecord> batch(qint64 firstOffset, int count, int partitions = 3)
{
    QList<KafkaRecord> records;
    records.reserve(count);
    for (int i = 0; i < count; ++i) {
        const qint64 n = firstOffset + i;
        records.append(makeRecord(int(n % partitions), n, QByteArray("key-") + QByteArray::number(n % 97),
            QByteArray(R"({"n":)") + QByteArray::number(n) + (n % 10 == 0 ? R"(,"status":"PAID"})" : R"(,"status":"NEW"})")));
    }
    return records;
}

} // namespace

class TestMessagesModel : public QObject {
    Q_OBJECT

private:
    std::shared_ptr<PayloadDecoder> m_decoder = std::make_shared<PayloadDecoder>(nullptr);

    std::unique_ptr<MessagesModel> makeModel()
    {
        auto model = std::make_unique<MessagesModel>(m_decoder);
        DecodeOptions key;
        key.format = MessageFormat::String;
        DecodeOptions value;
        value.format = MessageFormat::Json;
        model->setKeyOptions(key);
        model->setValueOptions(value);
        return model;
    }

private Q_SLOTS:
    void showsColumnsAndDecodesOnDemand()
    {
        auto model = makeModel();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->appendRecords(batch(0, 20));
        QCOMPARE(model->rowCount(), 20);
        QCOMPARE(model->columnCount(), int(MessagesModel::ColumnCount));
        model->resetDecodeCount();
        QCOMPARE(model->data(model->index(3, MessagesModel::OffsetColumn)).toLongLong(), 3);
        QCOMPARE(model->data(model->index(3, MessagesModel::PartitionColumn)).toInt(), 0);
        QCOMPARE(model->data(model->index(3, MessagesModel::SizeColumn)).toLongLong(), qint64(strlen("key-3") + strlen(R"({"n":3,"status":"NEW"})")));
        QCOMPARE(model->decodeCount(), 0); // numbers come from the store, not the decoder
        QCOMPARE(model->data(model->index(3, MessagesModel::KeyColumn)).toString(), QStringLiteral("key-3"));
        QCOMPARE(model->data(model->index(3, MessagesModel::ValueColumn)).toString(), QStringLiteral(R"({"n":3,"status":"NEW"})"));
        QCOMPARE(model->decodeCount(), 1); // one decode for the row, then the cache
        const auto payload = model->data(model->index(3, 0), MessagesModel::ValuePayloadRole).value<DecodedPayload>();
        QCOMPARE(payload.kind, DecodedPayload::Kind::Json);
        QCOMPARE(model->data(model->index(3, 0), MessagesModel::StoreIndexRole).toLongLong(), 3);
        QCOMPARE(model->data(model->index(3, 0), MessagesModel::RecordRole).value<KafkaRecord>().key, std::optional<QByteArray>("key-3"));
        QCOMPARE(model->decodeCount(), 1);
    }

    void undecodableRowShowsReasonAndKeepsBytes()
    {
        auto model = makeModel();
        DecodeOptions avro;
        avro.format = MessageFormat::AvroRegistry;
        model->setValueOptions(avro);
        model->appendRecords({ makeRecord(0, 0, "k", QByteArray("\x00\x00\x00\x00\x2a\x02", 6)) });
        const QString shown = model->data(model->index(0, MessagesModel::ValueColumn)).toString();
        QVERIFY2(shown.startsWith(QChar(0x26A0)), qPrintable(shown));
        QVERIFY(!model->data(model->index(0, 0), MessagesModel::DecodeErrorRole).toString().isEmpty());
        QVERIFY(model->flags(model->index(0, MessagesModel::ValueColumn)) & Qt::ItemIsSelectable);
        QCOMPARE(model->record(0).value, std::optional<QByteArray>(QByteArray("\x00\x00\x00\x00\x2a\x02", 6)));
    }

    void appendingKeepsSelectionAndNeverResets()
    {
        auto model = makeModel();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTableView view;
        view.setModel(model.get());
        model->appendRecords(batch(0, 100));
        view.setCurrentIndex(model->index(42, 1));
        view.selectionModel()->select(model->index(42, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QSignalSpy resets(model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(model.get(), &QAbstractItemModel::rowsInserted);
        model->appendRecords(batch(100, 50));
        model->appendRecords(batch(150, 50));
        QCOMPARE(resets.size(), 0);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.at(0).at(1).toInt(), 100);
        QCOMPARE(inserted.at(0).at(2).toInt(), 149);
        QCOMPARE(model->rowCount(), 200);
        QCOMPARE(view.currentIndex().row(), 42);
        QVERIFY(view.selectionModel()->isRowSelected(42, QModelIndex()));
        QCOMPARE(view.selectionModel()->selectedRows().size(), 1);
    }

    void sortsOnWorkerAndSelectionFollowsRecord()
    {
        auto model = makeModel();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTableView view;
        view.setModel(model.get());
        QList<KafkaRecord> records;
        // Timestamps out of load order, and keys to sort by bytes.
        for (int i = 0; i < 1000; ++i)
            records.append(makeRecord(i % 4, i, QByteArray::number((i * 7919) % 1000).rightJustified(4, '0'), "v", 1700000000000 + ((i * 31) % 1000)));
        model->appendRecords(records);
        view.setCurrentIndex(model->index(10, 0));
        const qint64 selectedRecord = model->storeIndex(10);

        QSignalSpy sorted(model.get(), &MessagesModel::sortFinished);
        model->sort(MessagesModel::TimestampColumn, Qt::DescendingOrder);
        QVERIFY(sorted.wait(10000));
        qint64 previous = std::numeric_limits<qint64>::max();
        for (int row = 0; row < model->rowCount(); ++row) {
            const qint64 ts = model->data(model->index(row, MessagesModel::TimestampColumn), MessagesModel::SortRole).toLongLong();
            QVERIFY(ts <= previous);
            previous = ts;
        }
        QCOMPARE(model->storeIndex(view.currentIndex().row()), selectedRecord);

        model->sort(MessagesModel::KeyColumn, Qt::AscendingOrder);
        QVERIFY(sorted.wait(10000));
        QCOMPARE(model->data(model->index(0, MessagesModel::KeyColumn)).toString(), QStringLiteral("0000"));
        QCOMPARE(model->data(model->index(999, MessagesModel::KeyColumn)).toString(), QStringLiteral("0999"));
        QCOMPARE(model->storeIndex(view.currentIndex().row()), selectedRecord);

        model->sort(MessagesModel::PartitionColumn, Qt::AscendingOrder);
        QVERIFY(sorted.wait(10000));
        QCOMPARE(model->data(model->index(0, MessagesModel::OffsetColumn)).toLongLong(), 0);
        QCOMPARE(model->data(model->index(1, MessagesModel::OffsetColumn)).toLongLong(), 4);
        QCOMPARE(model->data(model->index(250, MessagesModel::PartitionColumn)).toInt(), 1);

        // Rows arriving while sorted are shown at once (at the end), then sorted in.
        model->appendRecords({ makeRecord(0, 5000, "k", "v") });
        QCOMPARE(model->rowCount(), 1001);
        QCOMPARE(model->data(model->index(1000, MessagesModel::OffsetColumn)).toLongLong(), 5000);
        QVERIFY(sorted.wait(10000));
        QCOMPARE(model->data(model->index(250, MessagesModel::OffsetColumn)).toLongLong(), 5000);

        // Back to load order.
        model->sort(-1);
        QCOMPARE(model->storeIndex(0), 0);
        QCOMPARE(model->storeIndex(view.currentIndex().row()), selectedRecord);
    }

    void filterMapsRowsAndFollowsAppends()
    {
        auto model = makeModel();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTableView view;
        view.setModel(model.get());
        model->appendRecords(batch(0, 1000));
        view.setCurrentIndex(model->index(20, 0)); // offset 20 has "PAID"

        QSignalSpy finished(model.get(), &MessagesModel::filterFinished);
        MessageFilterSpec spec;
        spec.pattern = QStringLiteral("paid");
        spec.scope = MessageFilterSpec::Scope::Value;
        QVERIFY(model->setFilter(spec));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).toLongLong(), 100);
        QCOMPARE(model->rowCount(), 100);
        QCOMPARE(model->filterMatchCount(), 100);
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->storeIndex(row) % 10, 0);
        QCOMPARE(model->storeIndex(view.currentIndex().row()), 20); // the selected match stays selected

        // New records are filtered as they come.
        model->appendRecords(batch(1000, 100));
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 110, 10000);
        QCOMPARE(model->storeIndex(109), 1090);

        // Sorted and filtered together.
        QSignalSpy sorted(model.get(), &MessagesModel::sortFinished);
        model->sort(MessagesModel::OffsetColumn, Qt::DescendingOrder);
        QVERIFY(sorted.wait(10000));
        QCOMPARE(model->rowCount(), 110);
        QCOMPARE(model->storeIndex(0), 1090);

        // An invalid expression changes nothing and says why.
        MessageFilterSpec bad;
        bad.mode = MessageFilterSpec::Mode::Expression;
        bad.pattern = QStringLiteral("value.n >");
        QString error;
        QVERIFY(!model->setFilter(bad, &error));
        QCOMPARE(error, QStringLiteral("expected a value after '>' at column 10"));
        QCOMPARE(model->rowCount(), 110);

        // A field expression.
        MessageFilterSpec expression;
        expression.mode = MessageFilterSpec::Mode::Expression;
        expression.pattern = QStringLiteral(R"(value.status == "PAID" && value.n >= 500)");
        finished.clear();
        QVERIFY(model->setFilter(expression));
        QVERIFY(finished.wait(10000));
        QCOMPARE(model->rowCount(), 60);

        view.setCurrentIndex(model->index(5, 0));
        const qint64 chosen = model->storeIndex(5);
        model->clearFilter();
        QCOMPARE(model->rowCount(), 1100);
        QCOMPARE(model->filterMatchCount(), -1);
        QCOMPARE(model->storeIndex(view.currentIndex().row()), chosen);
        QCOMPARE(model->storeIndex(0), 1099); // still sorted descending
    }

    void formatChangeRedecodesWithoutFullRangeSignals()
    {
        auto model = makeModel();
        model->appendRecords(batch(0, 100));
        QCOMPARE(model->data(model->index(0, MessagesModel::ValueColumn)).toString().left(5), QStringLiteral(R"({"n":)"));
        QSignalSpy dataChanged(model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy layoutChanged(model.get(), &QAbstractItemModel::layoutChanged);
        DecodeOptions hex;
        hex.format = MessageFormat::Hex;
        model->setValueOptions(hex);
        QCOMPARE(dataChanged.size(), 0);
        QCOMPARE(layoutChanged.size(), 1);
        const QString hexText = model->data(model->index(0, MessagesModel::ValueColumn)).toString();
        QVERIFY2(hexText.startsWith(QStringLiteral("7b"), Qt::CaseInsensitive), qPrintable(hexText));
    }

    void cacheIsBounded()
    {
        auto model = makeModel();
        model->setCacheCapacity(100);
        model->appendRecords(batch(0, 1000));
        model->resetDecodeCount();
        model->data(model->index(0, MessagesModel::KeyColumn));
        model->data(model->index(0, MessagesModel::ValueColumn));
        QCOMPARE(model->decodeCount(), 1);
        for (int row = 1; row < 1000; ++row)
            model->data(model->index(row, MessagesModel::KeyColumn));
        QCOMPARE(model->decodeCount(), 1000);
        model->data(model->index(0, MessagesModel::KeyColumn)); // evicted long ago
        QCOMPARE(model->decodeCount(), 1001);
        model->data(model->index(999, MessagesModel::KeyColumn)); // still cached
        QCOMPARE(model->decodeCount(), 1001);
    }

    // Scrolling a real view from top to bottom decodes about what is shown, never the whole store.
    void scrollingDecodesOnlyVisibleRows()
    {
        auto model = makeModel();
        const int total = 200000;
        for (int offset = 0; offset < total; offset += 20000)
            model->appendRecords(batch(offset, 20000));
        QTableView view;
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.verticalHeader()->setDefaultSectionSize(20);
        view.resize(800, 400);
        view.setModel(model.get());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        model->resetDecodeCount();
        const int visibleRows = view.viewport()->height() / 20 + 1;

        QScrollBar* bar = view.verticalScrollBar();
        const int steps = 50;
        for (int step = 0; step <= steps; ++step) {
            bar->setValue(int(qint64(bar->maximum()) * step / steps));
            view.viewport()->repaint();
        }
        // And the last pages with the keyboard.
        view.setFocus();
        view.setCurrentIndex(model->index(total - 60, 0));
        for (int i = 0; i < 5; ++i) {
            QTest::keyClick(&view, Qt::Key_PageDown);
            view.viewport()->repaint();
        }
        QCOMPARE(bar->value(), bar->maximum());
        const qint64 decodes = model->decodeCount();
        const qint64 bound = qint64(visibleRows + 2) * (steps + 1 + 5 + 2);
        QVERIFY2(decodes > 0 && decodes <= bound,
            qPrintable(QStringLiteral("%1 decodes for %2 visible rows x %3 steps (bound %4)").arg(decodes).arg(visibleRows).arg(steps + 6).arg(bound)));
        QVERIFY(decodes < total / 50);
        qInfo("%lld decodes for %d visible rows over %d scroll positions, %d rows loaded", decodes, visibleRows, steps + 6, total);
    }

    void liveTailCapDropsOldestRows()
    {
        auto model = makeModel();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->setMaximumRows(1000);
        QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);
        for (int offset = 0; offset < 10000; offset += 250)
            model->appendRecords(batch(offset, 250));
        QCOMPARE(model->rowCount(), 1000);
        QVERIFY(!removed.isEmpty());
        QCOMPARE(model->data(model->index(0, MessagesModel::OffsetColumn)).toLongLong(), 9000);
        QCOMPARE(model->data(model->index(999, MessagesModel::OffsetColumn)).toLongLong(), 9999);
        QCOMPARE(model->data(model->index(0, MessagesModel::KeyColumn)).toString(), QStringLiteral("key-%1").arg(9000 % 97));
        // The store was compacted: it holds at most the cap plus the part not yet compacted.
        QVERIFY2(model->store().count() <= 1000 + 1024, qPrintable(QString::number(model->store().count())));
    }

    void clearResets()
    {
        auto model = makeModel();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->appendRecords(batch(0, 10));
        model->clear();
        QCOMPARE(model->rowCount(), 0);
        model->appendRecords(batch(0, 10));
        QCOMPARE(model->rowCount(), 10);
    }
};

SAMSA_TEST_MAIN(TestMessagesModel, QApplication)
#include "tst_messagesmodel.moc"

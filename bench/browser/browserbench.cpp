// Message browser benchmark: 1,000,000 records of 100 bytes in the browser's model beside naive
// peers in the same run. Prints each figure, its peer and the ratio. See bench/README.md.
//
//   browser-bench [--records N] [--size BYTES]
//
// Memory is measured in child processes (this program run with --measure model|peer), so neither
// side inherits the other's freed heap: extra resident memory after loading, against the raw size.

#include "messages/messagefilter.h"
#include "messagesmodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QProcess>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>

#include <cstdio>

using namespace Samsa;

namespace {

qint64 residentBytes()
{
    QFile status(QStringLiteral("/proc/self/statm"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = status.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * 4096 : 0;
}

// Values look like JSON log lines of exactly `size` bytes; one in a hundred holds "needle".
QByteArray valueFor(qint64 n, int size)
{
    QByteArray value = QByteArray(R"({"n":)") + QByteArray::number(n) + (n % 100 == 7 ? R"(,"tag":"needle","pad":")" : R"(,"tag":"hay","pad":")");
    value.append(QByteArray(qMax(0, size - int(value.size()) - 2), 'x'));
    value.append("\"}");
    return value.left(size);
}

QList<KafkaRecord> makeBatch(qint64 first, int count, int size)
{
    QList<KafkaRecord> records;
    records.reserve(count);
    for (int i = 0; i < count; ++i) {
        KafkaRecord record;
        record.partition = int((first + i) % 6);
        record.offset = (first + i) / 6;
        record.timestampMs = 1700000000000 + first + i;
        record.timestampType = TimestampType::CreateTime;
        record.value = valueFor(first + i, size);
        records.append(record);
    }
    return records;
}

constexpr int batchSize = 10000;

// A naive browser: every record kept as a KafkaRecord plus its value decoded into a QString.
struct NaiveRow {
    KafkaRecord record;
    QString valueText;
};

int measure(const QString& what, qint64 records, int size)
{
    const qint64 before = residentBytes();
    std::unique_ptr<MessagesModel> model;
    QList<NaiveRow> naive;
    if (what == QLatin1StringView("model")) {
        model = std::make_unique<MessagesModel>(nullptr);
        for (qint64 n = 0; n < records; n += batchSize)
            model->appendRecords(makeBatch(n, int(qMin<qint64>(batchSize, records - n)), size));
    } else {
        naive.reserve(records);
        for (qint64 n = 0; n < records; n += batchSize) {
            for (const KafkaRecord& record : makeBatch(n, int(qMin<qint64>(batchSize, records - n)), size))
                naive.append({ record, QString::fromUtf8(*record.value) });
        }
    }
    std::printf("%lld\n", static_cast<long long>(residentBytes() - before));
    return 0;
}

qint64 measureInChild(const QString& what, qint64 records, int size)
{
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(),
        { QStringLiteral("--measure"), what, QStringLiteral("--records"), QString::number(records), QStringLiteral("--size"), QString::number(size) });
    child.waitForFinished(-1);
    return child.readAllStandardOutput().trimmed().toLongLong();
}

double mib(qint64 bytes)
{
    return double(bytes) / (1024.0 * 1024.0);
}

void row(const char* figure, const QString& ours, const QString& peer, double ratio, const char* target)
{
    std::printf("%-44s %-22s %-22s %-8.2f %s\n", figure, qPrintable(ours), qPrintable(peer), ratio, target);
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption recordsOption(QStringLiteral("records"), QStringLiteral("Records to load."), QStringLiteral("N"), QStringLiteral("1000000"));
    QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Bytes per value."), QStringLiteral("BYTES"), QStringLiteral("100"));
    QCommandLineOption measureOption(QStringLiteral("measure"), QStringLiteral("Internal: memory of one side."), QStringLiteral("model|peer"));
    parser.addOptions({ recordsOption, sizeOption, measureOption });
    parser.process(app);
    const qint64 records = parser.value(recordsOption).toLongLong();
    const int size = parser.value(sizeOption).toInt();
    if (parser.isSet(measureOption))
        return measure(parser.value(measureOption), records, size);

    const qint64 raw = records * size;
    std::printf("browser-bench: %lld records of %d bytes (%.1f MiB raw), %d cores\n\n", static_cast<long long>(records), size, mib(raw), QThread::idealThreadCount());
    std::printf("%-44s %-22s %-22s %-8s %s\n", "figure", "samsa", "peer", "ratio", "target");

    // 1. Memory.
    const qint64 modelBytes = measureInChild(QStringLiteral("model"), records, size);
    const qint64 peerBytes = measureInChild(QStringLiteral("peer"), records, size);
    row("extra memory after load (x raw)", QStringLiteral("%1 MiB = %2x").arg(mib(modelBytes), 0, 'f', 1).arg(double(modelBytes) / double(raw), 0, 'f', 2),
        QStringLiteral("%1 MiB = %2x").arg(mib(peerBytes), 0, 'f', 1).arg(double(peerBytes) / double(raw), 0, 'f', 2), double(modelBytes) / double(peerBytes),
        "<= 2.5x raw");

    // Load the model here for the timings.
    MessagesModel model(nullptr);
    QList<KafkaRecord> naive;
    naive.reserve(records);
    QElapsedTimer timer;
    timer.start();
    for (qint64 n = 0; n < records; n += batchSize)
        model.appendRecords(makeBatch(n, int(qMin<qint64>(batchSize, records - n)), size));
    const qint64 loadMs = timer.elapsed();
    for (qint64 n = 0; n < records; n += batchSize)
        naive.append(makeBatch(n, int(qMin<qint64>(batchSize, records - n)), size));
    std::printf("%-44s %lld ms (record generation included)\n", "load into the model", static_cast<long long>(loadMs));

    // 2. Text filter over everything loaded.
    const auto snapshot = model.snapshot();
    std::atomic<bool> notCancelled { false };
    MessageFilterSpec spec;
    spec.pattern = QStringLiteral("needle");
    spec.caseSensitive = true;
    spec.valueOptions.format = MessageFormat::Auto;
    const auto sensitive = MessageFilter::create(spec, nullptr);
    spec.caseSensitive = false;
    const auto insensitive = MessageFilter::create(spec, nullptr);

    timer.restart();
    qint64 peerMatches = 0;
    for (const KafkaRecord& record : std::as_const(naive))
        peerMatches += record.value && record.value->contains("needle") ? 1 : 0;
    const double peerMs = double(timer.nsecsElapsed()) / 1e6;

    auto timeFilter = [&](const MessageFilter& filter, int threads, qint64* matches) {
        QElapsedTimer t;
        t.start();
        *matches = filter.run(*snapshot, nullptr, 0, snapshot->count(), notCancelled, {}, {}, threads).size();
        return double(t.nsecsElapsed()) / 1e6;
    };
    qint64 matches = 0;
    const double oneThread = timeFilter(*sensitive, 1, &matches);
    row("text filter, case-sensitive, 1 thread", QStringLiteral("%1 ms (%2 hits)").arg(oneThread, 0, 'f', 0).arg(matches),
        QStringLiteral("%1 ms (%2 hits)").arg(peerMs, 0, 'f', 0).arg(peerMatches), oneThread / peerMs, "< 1000 ms");
    const double twoThreads = timeFilter(*sensitive, 0, &matches);
    row("text filter, case-sensitive, all cores", QStringLiteral("%1 ms").arg(twoThreads, 0, 'f', 0), QStringLiteral("%1 ms").arg(peerMs, 0, 'f', 0),
        twoThreads / peerMs, "< 1000 ms");
    const double folded = timeFilter(*insensitive, 0, &matches);
    row("text filter, any case, all cores", QStringLiteral("%1 ms (%2 hits)").arg(folded, 0, 'f', 0).arg(matches), QStringLiteral("%1 ms").arg(peerMs, 0, 'f', 0),
        folded / peerMs, "< 1000 ms");

    // The same through the model, as the filter bar does it (worker thread, rows remapped).
    QSignalSpy filtered(&model, &MessagesModel::filterFinished);
    timer.restart();
    model.setFilter(spec);
    filtered.wait(60000);
    const qint64 modelFilterMs = timer.elapsed();
    row("filter bar: setFilter until rows shown", QStringLiteral("%1 ms (%2 rows)").arg(modelFilterMs).arg(model.rowCount()), QStringLiteral("%1 ms").arg(peerMs, 0, 'f', 0),
        double(modelFilterMs) / peerMs, "< 1000 ms");
    model.clearFilter();

    // 3. Sort by timestamp descending on the worker.
    QSignalSpy sorted(&model, &MessagesModel::sortFinished);
    timer.restart();
    model.sort(MessagesModel::TimestampColumn, Qt::DescendingOrder);
    sorted.wait(60000);
    const qint64 sortMs = timer.elapsed();
    timer.restart();
    std::vector<qint64> peerOrder(naive.size());
    for (size_t i = 0; i < peerOrder.size(); ++i)
        peerOrder[i] = qint64(i);
    std::stable_sort(peerOrder.begin(), peerOrder.end(), [&](qint64 a, qint64 b) { return naive.at(a).timestampMs > naive.at(b).timestampMs; });
    const qint64 peerSortMs = timer.elapsed();
    row("sort by timestamp (worker, rows remapped)", QStringLiteral("%1 ms").arg(sortMs), QStringLiteral("%1 ms (std::stable_sort)").arg(peerSortMs),
        double(sortMs) / double(qMax<qint64>(1, peerSortMs)), "-");
    model.sort(-1);

    // 4. Scrolling a real view from top to bottom.
    QTableView view;
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->setDefaultSectionSize(20);
    view.resize(1000, 600);
    view.setModel(&model);
    view.show();
    app.processEvents();
    model.resetDecodeCount();
    QScrollBar* bar = view.verticalScrollBar();
    const int steps = 200;
    timer.restart();
    for (int step = 0; step <= steps; ++step) {
        bar->setValue(int(qint64(bar->maximum()) * step / steps));
        view.viewport()->repaint();
    }
    const qint64 scrollMs = timer.elapsed();
    const int visible = view.viewport()->height() / 20 + 1;
    row("decodes scrolling top to bottom (201 pages)", QStringLiteral("%1 (%2 ms)").arg(model.decodeCount()).arg(scrollMs),
        QStringLiteral("%1 rows x %2 pages").arg(visible).arg(steps + 1), double(model.decodeCount()) / double(visible * (steps + 1)),
        "only visible rows");
    return 0;
}

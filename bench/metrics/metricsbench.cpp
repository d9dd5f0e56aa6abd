// The metrics engine at scale: a fresh samsa-broker with 100 topics of 100 partitions (10,000) and
// 200 consumer groups with committed offsets (each on 50 partitions), then:
//
//  1. sampling rounds (MetricsSampler: metadata, start/end offsets batched per broker, all groups'
//     committed offsets in flight at once), beside the peer: the way a console without a sampler
//     does it, one group after the other (RdKafkaClient::describeGroup: describe, offsets, end
//     offsets of that group), as the groups pages and most web consoles do;
//  2. the UI thread while the dashboards follow the rounds: a 2 ms timer watchdog records the
//     longest gap between its ticks while snapshots of the whole cluster arrive and the cluster
//     dashboard (throughput chart, rankings with sparklines), a topic page (100 partitions, each
//     its own series) and a group page (per partition on) all replot;
//  3. the history: bytes a raw round of this cluster takes in history.db, and how long the
//     dashboard's reload of a day of per-minute totals (1,440 rollups of every series) takes.
//
// metrics-bench --broker PATH [--rounds N]

#include "charts/qcustomplotinclude.h"
#include "charts/timeserieschart.h"
#include "cluster/clustermetricspanel.h"
#include "cluster/topicratepanel.h"
#include "groups/grouplagpanel.h"
#include "kafka/kafkathreads.h"
#include "kafka/rdkafkaclient.h"
#include "metrics/metricsengine.h"
#include "metrics/metricshistorystore.h"
#include "metrics/metricssampler.h"
#include "metrics/throughputhistory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QThread>
#include <QTemporaryDir>
#include <QTimer>

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <cstdio>

using namespace Samsa;

namespace {

constexpr int Topics = 100;
constexpr int PartitionsPerTopic = 100;
constexpr int Groups = 200;

bool adminWait(rd_kafka_queue_t* queue, int timeoutMs)
{
    rd_kafka_event_t* event = rd_kafka_queue_poll(queue, timeoutMs);
    if (!event)
        return false;
    const bool ok = !rd_kafka_event_error(event);
    if (!ok)
        std::fprintf(stderr, "admin: %s\n", rd_kafka_event_error_string(event));
    rd_kafka_event_destroy(event);
    return ok;
}

// Topics, a few messages in some partitions, and the groups' committed offsets.
bool populate(const QString& bootstrap)
{
    char error[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.toUtf8().constData(), error, sizeof error);
    rd_kafka_conf_set(conf, "linger.ms", "50", error, sizeof error);
    rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
    rd_kafka_queue_t* queue = rd_kafka_queue_new(handle);
    QList<QByteArray> names;
    for (int t = 0; t < Topics; ++t)
        names.append(QByteArray("topic-") + QByteArray::number(t).rightJustified(3, '0'));
    std::vector<rd_kafka_NewTopic_t*> newTopics;
    for (const QByteArray& name : names)
        newTopics.push_back(rd_kafka_NewTopic_new(name.constData(), PartitionsPerTopic, 1, error, sizeof error));
    rd_kafka_CreateTopics(handle, newTopics.data(), newTopics.size(), nullptr, queue);
    bool ok = adminWait(queue, 120000);
    rd_kafka_NewTopic_destroy_array(newTopics.data(), newTopics.size());
    // 10 messages in every partition of the first 20 topics.
    for (int t = 0; ok && t < 20; ++t) {
        for (int p = 0; p < PartitionsPerTopic; ++p) {
            for (int m = 0; m < 10; ++m) {
                rd_kafka_topic_t* topic = rd_kafka_topic_new(handle, names.at(t).constData(), nullptr);
                while (rd_kafka_produce(topic, p, RD_KAFKA_MSG_F_COPY, const_cast<char*>("value"), 5, nullptr, 0, nullptr) != 0
                    && rd_kafka_last_error() == RD_KAFKA_RESP_ERR__QUEUE_FULL)
                    rd_kafka_poll(handle, 10);
                rd_kafka_topic_destroy(topic);
            }
        }
    }
    rd_kafka_flush(handle, 60000);
    // Group g commits offsets 0..5 on 50 partitions of topic g % 100.
    for (int g = 0; ok && g < Groups; ++g) {
        const QByteArray group = QByteArray("group-") + QByteArray::number(g);
        rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(50);
        for (int p = 0; p < 50; ++p)
            rd_kafka_topic_partition_list_add(list, names.at(g % Topics).constData(), (g / Topics) * 50 + p)->offset
                = g % Topics < 20 ? 5 : 0;
        rd_kafka_AlterConsumerGroupOffsets_t* alter = rd_kafka_AlterConsumerGroupOffsets_new(group.constData(), list);
        rd_kafka_AlterConsumerGroupOffsets(handle, &alter, 1, nullptr, queue);
        rd_kafka_AlterConsumerGroupOffsets_destroy(alter);
        rd_kafka_topic_partition_list_destroy(list);
        ok = adminWait(queue, 30000);
    }
    rd_kafka_queue_destroy(queue);
    rd_kafka_destroy(handle);
    return ok;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

// Times every outermost event the UI thread handles, so a long gap can be traced to its event.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;

    struct Slow {
        double ms = 0;
        QString what;
    };
    bool recording = false;
    QList<Slow> slowest; // the five longest while recording

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!recording || m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer timer;
        timer.start();
        const int type = int(event->type());
        const QString what = QStringLiteral("%1 (%2) event %3")
                                 .arg(QString::fromLatin1(receiver->metaObject()->className()), receiver->objectName())
                                 .arg(type);
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (slowest.size() < 5 || ms > slowest.last().ms) {
            slowest.append({ ms, what });
            std::sort(slowest.begin(), slowest.end(), [](const Slow& a, const Slow& b) { return a.ms > b.ms; });
            if (slowest.size() > 5)
                slowest.removeLast();
        }
        return result;
    }

private:
    int m_depth = 0;
};

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption brokerOption(QStringLiteral("broker"), QStringLiteral("samsa-broker binary."), QStringLiteral("PATH"));
    QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Sampling rounds."), QStringLiteral("N"), QStringLiteral("5"));
    parser.addOptions({ brokerOption, roundsOption });
    parser.process(app);
    const int rounds = std::max(1, parser.value(roundsOption).toInt());

    QTemporaryDir dir;
    QProcess broker;
    broker.setProcessChannelMode(QProcess::SeparateChannels);
    broker.start(parser.value(brokerOption), { QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")),
        QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--schema-registry"), QStringLiteral("off") });
    if (!broker.waitForStarted(10000) || !broker.waitForReadyRead(20000)) {
        std::fprintf(stderr, "metrics-bench: the broker did not start\n");
        return 1;
    }
    const QString ready = QString::fromUtf8(broker.readLine()).trimmed(); // "samsa-broker ready HOST:PORT"
    const QString bootstrap = ready.section(QLatin1Char(' '), -1);
    std::printf("metrics-bench: samsa-broker at %s; creating %d topics x %d partitions and %d groups...\n",
        qPrintable(bootstrap), Topics, PartitionsPerTopic, Groups);
    std::fflush(stdout);
    QElapsedTimer setup;
    setup.start();
    if (!populate(bootstrap)) {
        std::fprintf(stderr, "metrics-bench: could not create the topics and groups\n");
        return 1;
    }
    std::printf("set up in %.1f s\n\n", double(setup.elapsed()) / 1000.0);

    const QList<QPair<QString, QString>> properties { { QStringLiteral("bootstrap.servers"), bootstrap } };
    // 1. A round of the sampler beside the one-group-at-a-time peer.
    MetricsSampler sampler(properties, [] { return QDateTime::currentMSecsSinceEpoch(); });
    QList<double> ours;
    SampleRound last;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer timer;
        timer.start();
        last = sampler.sample(30000, {});
        ours.append(double(timer.nsecsElapsed()) / 1e9);
    }
    QString error;
    std::unique_ptr<RdKafkaClient> client = RdKafkaClient::create(properties, &error);
    QList<double> theirs;
    for (int i = 0; i < std::min(rounds, 2); ++i) {
        QElapsedTimer timer;
        timer.start();
        const GroupListResult groups = client->listGroups(30000, {});
        for (const GroupListing& group : groups.groups)
            client->describeGroup(group.id, 30000, {});
        theirs.append(double(timer.nsecsElapsed()) / 1e9);
    }
    // Where a round's time goes (the same calls, one after the other).
    {
        QElapsedTimer phase;
        phase.start();
        const RdKafkaClient::MetadataResult metadata = client->fetchMetadata(30000, {});
        const double metadataS = double(phase.nsecsElapsed()) / 1e9;
        phase.restart();
        const GroupListResult groups = client->listGroups(30000, {});
        const double listS = double(phase.nsecsElapsed()) / 1e9;
        QStringList ids;
        for (const GroupListing& group : groups.groups)
            ids.append(group.id);
        phase.restart();
        client->committedOffsets(ids, 30000, {});
        const double commitsS = double(phase.nsecsElapsed()) / 1e9;
        phase.restart();
        client->fetchWatermarks(metadata.metadata.topics, 30000, {});
        const double endsS = double(phase.nsecsElapsed()) / 1e9;
        std::printf("one round's calls one by one: metadata %.3f s, list groups %.3f s, committed offsets %.3f s, "
                    "start and end offsets %.3f s\n",
            metadataS, listS, commitsS, endsS);
    }
    std::printf("sampling round: %lld partitions, %lld committed offsets, %lld groups%s\n", qint64(last.partitions.size()),
        qint64(last.commits.size()), qint64(last.groupStates.size()),
        last.error.isEmpty() ? "" : qPrintable(QStringLiteral(" (error: %1)").arg(last.error)));
    std::printf("  samsa MetricsSampler       median %.3f s (best %.3f s over %d rounds)   target <= 1 s: %s\n",
        median(ours), *std::min_element(ours.cbegin(), ours.cend()), rounds, median(ours) <= 1.0 ? "met" : "NOT met");
    std::printf("  peer, group after group    median %.3f s (%d rounds)\n", median(theirs), int(theirs.size()));
    std::printf("  ratio samsa / peer         %.3f\n\n", median(ours) / median(theirs));

    // 2. The UI thread while rounds arrive and the dashboards follow them, in a page stack as the
    //    main window holds them: each page in turn is the one shown for a third of the rounds, the
    //    others stay alive behind it. Switching pages (a user's click: layout and a first paint) is
    //    left out; the updates are what is measured.
    MetricsEngine engine(properties);
    engine.setIntervalMs(1000);
    {
        // The engine's whole round: sampling, derivation and the record timestamps of groups whose
        // commits are older than the first sample (here all 10,000 at first).
        QList<double> full;
        for (int i = 0; i < std::max(3, rounds / 2); ++i) {
            QSignalSpy ready(&engine, &MetricsEngine::snapshotReady);
            QElapsedTimer round;
            round.start();
            engine.sampleNow();
            if (!ready.wait(30000))
                break;
            full.append(double(round.nsecsElapsed()) / 1e9);
        }
        std::printf("the engine's whole round (with derivation and record timestamps): first %.3f s, median %.3f s\n\n",
            full.value(0), median(full));
    }
    QStackedWidget stack;
    auto* dashboard = new ClusterMetricsPanel(&engine);
    auto* topicPage = new TopicRatePanel(&engine, QStringLiteral("topic-000")); // 100 partitions
    auto* panel = new GroupLagPanel(&engine, QStringLiteral("group-100")); // 50 partitions
    panel->setPerPartition(true);
    panel->start();
    for (QWidget* page : std::initializer_list<QWidget*> { dashboard, topicPage, panel })
        stack.addWidget(page);
    stack.resize(1200, 800);
    stack.show();
    const auto settle = [] {
        QElapsedTimer settling;
        settling.start();
        while (settling.elapsed() < 300)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    };
    QElapsedTimer watch;
    watch.start();
    qint64 previous = 0;
    qint64 longestGap = 0;
    QTimer watchdog;
    watchdog.setTimerType(Qt::PreciseTimer);
    watchdog.setInterval(2);
    QObject::connect(&watchdog, &QTimer::timeout, [&] {
        const qint64 now = watch.nsecsElapsed();
        if (previous > 0)
            longestGap = std::max(longestGap, now - previous);
        previous = now;
    });
    QSignalSpy snapshots(&engine, &MetricsEngine::snapshotReady);
    engine.start();
    const char* names[] = { "cluster dashboard", "topic page (100 partitions)", "group page (50 partitions, per partition)" };
    std::printf("UI thread while rounds of the whole cluster arrive, the longest gap between 2 ms watchdog ticks:\n");
    qint64 worst = 0;
    for (int page = 0; page < stack.count(); ++page) {
        stack.setCurrentIndex(page);
        settle();
        previous = 0;
        longestGap = 0;
        const qsizetype target = snapshots.size() + std::max(2, rounds / 3);
        watchdog.start();
        app.recording = true;
        while (snapshots.size() < target && snapshots.wait(30000)) { }
        app.recording = false;
        watchdog.stop();
        worst = std::max(worst, longestGap);
        std::printf("  %-45s %5.1f ms\n", names[page], double(longestGap) / 1e6);
    }
    std::printf("  target <= 16 ms: %s\n", worst <= 16'000'000 ? "met" : "NOT met");
    std::printf("  the slowest events handled meanwhile:\n");
    for (const TimedApplication::Slow& slow : std::as_const(app.slowest))
        std::printf("    %5.1f ms  %s\n", slow.ms, qPrintable(slow.what));
    std::printf("  average replot: group chart %.1f ms, topic chart %.1f ms, dashboard chart %.1f ms\n\n",
        panel->chart()->plot()->replotTime(true), topicPage->chart()->plot()->replotTime(true),
        dashboard->chart()->plot()->replotTime(true));
    engine.stop();

    // 3. History: one raw round of this cluster.
    MetricsHistoryStore store;
    const QString path = dir.filePath(QStringLiteral("history.db"));
    if (store.open(path)) {
        SampleRound round = last;
        for (int i = 0; i < 13; ++i) { // a keyframe and a minute of deltas
            round.timeMs = last.timeMs + i * 5000;
            store.appendRound(QStringLiteral("bench"), round);
        }
        std::printf("history.db after 13 rounds of this cluster (idle offsets): %lld bytes\n", store.fileBytes());
        std::printf("  (growth per day after rollups at 10,000 busy partitions: see tst_metricshistory's simulation)\n");

        // A day of rounds a minute apart, every end offset moving: each becomes a rollup.
        QElapsedTimer phase;
        phase.start();
        constexpr int Minutes = 1440;
        for (int minute = 1; minute <= Minutes + 1; ++minute) {
            round.timeMs = last.timeMs + 3'600'000 + qint64(minute) * 60'000;
            for (PartitionOffsets& offsets : round.partitions)
                offsets.end += 60;
            store.appendRound(QStringLiteral("day"), round);
        }
        const double writeS = double(phase.nsecsElapsed()) / 1e9;
        phase.restart();
        QList<ThroughputPoint> totals;
        store.loadThroughput(QStringLiteral("day"), 0, &totals);
        const int points = int(totals.size());
        std::printf("a day of per-minute totals for the dashboard: %d points read back in %.2f s (writing the %d "
                    "rounds took %.1f s)\n",
            points, double(phase.nsecsElapsed()) / 1e9, Minutes + 1, writeS);
    }
    broker.terminate();
    broker.waitForFinished(10000);
    KafkaThreads::waitForAll(10000);
    return 0;
}

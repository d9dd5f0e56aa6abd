// LogManager: identity files, topic administration, durability of the topics file, producer ids.

#include "testmain.h"
#include "tst_storagebatchbuilder.h"
#include "tst_storagereader.h"

#include "storage/logmanager.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>
#include <sys/stat.h>
#include <unistd.h>

using namespace samsa::broker;
using namespace samsa::broker::test;

Q_DECLARE_METATYPE(samsa::broker::ErrorCode)

namespace {

std::unique_ptr<LogManager> openManager(const QString& path, int32_t nodeId = -1)
{
    BrokerConfig config;
    config.dataDir = path.toStdString();
    config.nodeId = nodeId;
    std::string error;
    auto manager = LogManager::open(config, &error);
    if (!manager)
        qWarning("open failed: %s", error.c_str());
    return manager;
}

} // namespace

class TestStorageLogManager : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void identitySurvivesRestart()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("nested/data"));
        std::string clusterId;
        {
            auto manager = openManager(data);
            QVERIFY(manager);
            clusterId = manager->clusterId();
            QCOMPARE(clusterId.size(), size_t(22));
            QCOMPARE(manager->nodeId(), 1);
        }
        QVERIFY(QFile::exists(data + QStringLiteral("/meta.properties")));
        {
            auto manager = openManager(data);
            QCOMPARE(manager->clusterId(), clusterId);
            QCOMPARE(manager->nodeId(), 1);
        }
        auto manager = openManager(data, 5);
        QCOMPARE(manager->nodeId(), 5);
        QCOMPARE(manager->clusterId(), clusterId);
    }

    void secondBrokerOnTheSameDirectoryIsRefused()
    {
        QTemporaryDir dir;
        auto first = openManager(dir.path());
        QVERIFY(first);
        BrokerConfig config;
        config.dataDir = dir.path().toStdString();
        std::string error;
        QVERIFY(!LogManager::open(config, &error));
        QVERIFY(error.find("in use") != std::string::npos);
        first.reset();
        QVERIFY(LogManager::open(config, &error));
    }

    void dataDirectoryUnderAFileIsRefused()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("plain-file")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        BrokerConfig config;
        config.dataDir = file.fileName().toStdString() + "/data";
        std::string error;
        QVERIFY(!LogManager::open(config, &error));
        QVERIFY(error.find(config.dataDir) != std::string::npos);
    }

    void unwritableDirectoryIsRefused()
    {
        if (::geteuid() == 0)
            QSKIP("root may write anywhere");
        QTemporaryDir dir;
        QVERIFY(::chmod(dir.path().toLocal8Bit().constData(), 0500) == 0);
        BrokerConfig config;
        config.dataDir = dir.filePath(QStringLiteral("data")).toStdString();
        std::string error;
        QVERIFY(!LogManager::open(config, &error));
        QVERIFY(error.find(config.dataDir) != std::string::npos);
        ::chmod(dir.path().toLocal8Bit().constData(), 0700);
    }

    void createTopicValidation_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("partitions");
        QTest::addColumn<QString>("configKey");
        QTest::addColumn<ErrorCode>("error");
        QTest::addRow("fine") << QStringLiteral("orders.v1_x-y") << 3 << QString() << ErrorCode::None;
        QTest::addRow("default partitions") << QStringLiteral("t") << -1 << QString() << ErrorCode::None;
        QTest::addRow("empty name") << QString() << 1 << QString() << ErrorCode::InvalidTopicException;
        QTest::addRow("dot") << QStringLiteral(".") << 1 << QString() << ErrorCode::InvalidTopicException;
        QTest::addRow("slash") << QStringLiteral("a/b") << 1 << QString() << ErrorCode::InvalidTopicException;
        QTest::addRow("space") << QStringLiteral("a b") << 1 << QString() << ErrorCode::InvalidTopicException;
        QTest::addRow("too long") << QString(250, QLatin1Char('a')) << 1 << QString()
                                  << ErrorCode::InvalidTopicException;
        QTest::addRow("zero partitions") << QStringLiteral("t") << 0 << QString() << ErrorCode::InvalidPartitions;
        QTest::addRow("unknown config") << QStringLiteral("t") << 1 << QStringLiteral("no.such")
                                        << ErrorCode::InvalidConfig;
        QTest::addRow("exists") << QStringLiteral("existing") << 1 << QString() << ErrorCode::TopicAlreadyExists;
    }

    void createTopicValidation()
    {
        QFETCH(QString, name);
        QFETCH(int, partitions);
        QFETCH(QString, configKey);
        QFETCH(ErrorCode, error);
        QTemporaryDir dir;
        auto manager = openManager(dir.path());
        QCOMPARE(manager->createTopic("existing", 1, {}, false).error, ErrorCode::None);
        ConfigMap configs;
        if (!configKey.isEmpty())
            configs[configKey.toStdString()] = "1";
        // validateOnly answers the same but creates nothing.
        QCOMPARE(manager->createTopic(name.toStdString(), partitions, configs, true).error, error);
        if (name != QLatin1String("existing"))
            QVERIFY(!manager->topic(name.toStdString()));
        const auto result = manager->createTopic(name.toStdString(), partitions, configs, false);
        QCOMPARE(result.error, error);
        QCOMPARE(result.message.empty(), error == ErrorCode::None);
        if (error == ErrorCode::None) {
            const auto topic = manager->topic(name.toStdString());
            QVERIFY(topic);
            QCOMPARE(topic->partitionCount, partitions == -1 ? 1 : partitions);
            QVERIFY(topic->id != TopicId{});
            QVERIFY(manager->partition(name.toStdString(), topic->partitionCount - 1));
            QVERIFY(!manager->partition(name.toStdString(), topic->partitionCount));
        }
    }

    void topicsAndDataSurviveRestart()
    {
        QTemporaryDir dir;
        TopicId ordersId{};
        {
            auto manager = openManager(dir.path());
            QCOMPARE(manager->createTopic("orders", 2, {{"retention.ms", "3600000"}}, false).error, ErrorCode::None);
            QCOMPARE(manager->createTopic("__consumer_offsets", 1, {{"cleanup.policy", "compact"}}, false).error,
                     ErrorCode::None);
            ordersId = manager->topic("orders")->id;
            auto partition = manager->partition("orders", 1);
            QCOMPARE(partition->append(buildBatch(numberedRecords(4)), 0).error, ErrorCode::None);
        }
        auto manager = openManager(dir.path());
        const auto topics = manager->topics();
        QCOMPARE(topics.size(), size_t(2));
        QCOMPARE(topics[0].name, std::string("__consumer_offsets"));
        QVERIFY(topics[0].internal);
        QCOMPARE(topics[1].name, std::string("orders"));
        QVERIFY(!topics[1].internal);
        QCOMPARE(topics[1].id, ordersId);
        QCOMPARE(manager->topicById(ordersId)->name, std::string("orders"));
        QCOMPARE(topics[1].overrides.at("retention.ms"), std::string("3600000"));
        QCOMPARE(manager->partition("orders", 1)->config().retentionMs, 3600000);
        QCOMPARE(manager->partition("orders", 1)->highWatermark(), 4);
        QCOMPARE(readAll(*manager->partition("orders", 1)).size(), size_t(4));
        QCOMPARE(manager->partition("orders", 0)->highWatermark(), 0);
    }

    void deletedTopicIsGoneAndRecreatedEmpty()
    {
        QTemporaryDir dir;
        auto manager = openManager(dir.path());
        manager->createTopic("t", 1, {}, false);
        const auto firstId = manager->topic("t")->id;
        auto old = manager->partition("t", 0);
        old->append(buildBatch(numberedRecords(5)), 0);
        QVERIFY(QDir(dir.filePath(QStringLiteral("t-0"))).exists());

        QCOMPARE(manager->deleteTopic("t").error, ErrorCode::None);
        QVERIFY(!manager->topic("t"));
        QVERIFY(!manager->partition("t", 0));
        QVERIFY(!QDir(dir.filePath(QStringLiteral("t-0"))).exists());
        QCOMPARE(old->append(buildBatch(numberedRecords(1)), 0).error, ErrorCode::UnknownTopicOrPartition);
        QCOMPARE(manager->deleteTopic("t").error, ErrorCode::UnknownTopicOrPartition);

        QCOMPARE(manager->createTopic("t", 1, {}, false).error, ErrorCode::None);
        QVERIFY(manager->topic("t")->id != firstId);
        QCOMPARE(manager->partition("t", 0)->highWatermark(), 0);
        manager.reset();
        manager = openManager(dir.path());
        QCOMPARE(manager->partition("t", 0)->highWatermark(), 0);
    }

    void leftoverDirectoriesAreRemovedAtStart()
    {
        QTemporaryDir dir;
        openManager(dir.path()).reset();
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("ghost-0")));
        auto manager = openManager(dir.path());
        QVERIFY(!QDir(dir.filePath(QStringLiteral("ghost-0"))).exists());
    }

    void createPartitions()
    {
        QTemporaryDir dir;
        {
            auto manager = openManager(dir.path());
            manager->createTopic("t", 1, {{"segment.bytes", "100000"}}, false);
            QCOMPARE(manager->createPartitions("t", 1, false).error, ErrorCode::InvalidPartitions);
            QCOMPARE(manager->createPartitions("t", 3, true).error, ErrorCode::None);
            QCOMPARE(manager->topic("t")->partitionCount, 1);
            QCOMPARE(manager->createPartitions("t", 3, false).error, ErrorCode::None);
            QCOMPARE(manager->createPartitions("missing", 3, false).error, ErrorCode::UnknownTopicOrPartition);
            QVERIFY(manager->partition("t", 2));
            QCOMPARE(manager->partition("t", 2)->config().segmentBytes, 100000);
        }
        auto manager = openManager(dir.path());
        QCOMPARE(manager->topic("t")->partitionCount, 3);
        QVERIFY(manager->partition("t", 2));
    }

    void alterConfigs()
    {
        QTemporaryDir dir;
        auto manager = openManager(dir.path());
        manager->createTopic("t", 2, {{"retention.ms", "1000"}}, false);
        QCOMPARE(manager->alterConfigs("t", {{"nope", "1"}}, false).error, ErrorCode::InvalidConfig);
        QCOMPARE(manager->alterConfigs("t", {{"segment.ms", "5000"}}, true).error, ErrorCode::None);
        QCOMPARE(manager->topic("t")->overrides.count("segment.ms"), size_t(0));
        // AlterConfigs replaces the whole set.
        QCOMPARE(manager->alterConfigs("t", {{"segment.ms", "5000"}}, false).error, ErrorCode::None);
        QCOMPARE(manager->topic("t")->overrides, (ConfigMap{{"segment.ms", "5000"}}));
        QCOMPARE(manager->partition("t", 1)->config().segmentMs, 5000);
        QCOMPARE(manager->partition("t", 1)->config().retentionMs, 7LL * 24 * 3600 * 1000);
        // IncrementalAlterConfigs changes one key at a time.
        QCOMPARE(manager
                     ->incrementalAlterConfigs("t", {{"max.message.bytes", AlterConfigOp::Set, "2000"},
                                                     {"message.timestamp.type", AlterConfigOp::Set, "LogAppendTime"}},
                                               false)
                     .error,
                 ErrorCode::None);
        QCOMPARE(manager->topic("t")->overrides.size(), size_t(3));
        QCOMPARE(manager->partition("t", 0)->config().maxMessageBytes, 2000);
        QCOMPARE(manager->partition("t", 0)->config().timestampType, TimestampType::LogAppendTime);
        QCOMPARE(manager->incrementalAlterConfigs("t", {{"segment.ms", AlterConfigOp::Delete, ""}}, false).error,
                 ErrorCode::None);
        QCOMPARE(manager->topic("t")->overrides.count("segment.ms"), size_t(0));
        QCOMPARE(manager->alterConfigs("missing", {}, false).error, ErrorCode::UnknownTopicOrPartition);

        const auto described = manager->describeTopicConfigs("t");
        QCOMPARE(described.error, ErrorCode::None);
        const auto it = std::find_if(described.configs.begin(), described.configs.end(),
                                     [](const auto& c) { return c.name == "max.message.bytes"; });
        QVERIFY(it != described.configs.end());
        QCOMPARE(*it->value, std::string("2000"));
        QCOMPARE(it->source, ConfigSource::DynamicTopicConfig);
        QCOMPARE(manager->describeTopicConfigs("missing").error, ErrorCode::UnknownTopicOrPartition);
        QVERIFY(!manager->describeBrokerConfigs().empty());
    }

    void producerIdsAreUniqueAcrossRestarts()
    {
        QTemporaryDir dir;
        std::set<int64_t> seen;
        for (int run = 0; run < 3; ++run) {
            auto manager = openManager(dir.path());
            for (int i = 0; i < 5; ++i) {
                const int64_t id = manager->nextProducerId();
                QVERIFY(id >= 0);
                QVERIFY(seen.insert(id).second);
            }
        }
    }

    void retentionAndLogDirs()
    {
        QTemporaryDir dir;
        auto manager = openManager(dir.path());
        manager->createTopic("t", 1, {{"segment.bytes", "300"}, {"retention.bytes", "400"}}, false);
        manager->createTopic("u", 1, {}, false);
        auto partition = manager->partition("t", 0);
        for (int i = 0; i < 20; ++i)
            partition->append(buildBatch(numberedRecords(2, i * 2)), 0);
        const int64_t before = partition->sizeBytes();
        manager->runRetention(0);
        QVERIFY(partition->sizeBytes() < before);
        QVERIFY(partition->logStartOffset() > 0);

        const auto dirs = manager->logDirs();
        QCOMPARE(dirs.size(), size_t(1));
        QCOMPARE(dirs[0].path, dir.path().toStdString());
        QVERIFY(dirs[0].totalBytes > 0);
        QCOMPARE(dirs[0].partitions.size(), size_t(2));
        const auto t = std::find_if(dirs[0].partitions.begin(), dirs[0].partitions.end(),
                                    [](const auto& p) { return p.topic == "t"; });
        QCOMPARE(t->sizeBytes, partition->sizeBytes());
    }
};

SAMSA_TEST_MAIN(TestStorageLogManager, QCoreApplication)
#include "tst_storagelogmanager.moc"

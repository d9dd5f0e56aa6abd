// The __consumer_offsets record formats, the group's partition (Java String.hashCode) and the
// broker's own record batch builder and reader.

#include "testmain.h"

#include "group/groupformat.h"
#include "storage/logmanager.h"
#include "storage/recordbatchcodec.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace samsa::broker;
using namespace samsa::broker::group;

class TestGroupFormat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void offsetCommitKeyBytes()
    {
        // version 1, "g", "t", partition 7: as Kafka's OffsetCommitKey v1 lays it out.
        const Bytes expected { 0, 1, 0, 1, 'g', 0, 1, 't', 0, 0, 0, 7 };
        QCOMPARE(encodeKey(OffsetKey { "g", "t", 7 }), expected);
        const Bytes groupKey { 0, 2, 0, 2, 'g', 'x' };
        QCOMPARE(encodeKey(GroupKey { "gx" }), groupKey);
    }

    void offsetValueRoundTrip()
    {
        OffsetValue value { 42, 5, "meta", 1700000000000, -1 };
        const Bytes bytes = encodeValue(value);
        QCOMPARE(int(bytes[1]), 3); // value v3 without an expire timestamp
        const auto decoded = decodeOffsetValue(bytes);
        QVERIFY(decoded);
        QCOMPARE(decoded->offset, 42);
        QCOMPARE(decoded->leaderEpoch, 5);
        QCOMPARE(decoded->metadata, std::string("meta"));
        QCOMPARE(decoded->commitTimestamp, 1700000000000);

        value.expireTimestamp = 1800000000000;
        const Bytes v1 = encodeValue(value);
        QCOMPARE(int(v1[1]), 1);
        QCOMPARE(decodeOffsetValue(v1)->expireTimestamp, 1800000000000);
        QCOMPARE(decodeOffsetValue(v1)->leaderEpoch, -1);
    }

    void groupValueRoundTrip()
    {
        GroupValue value;
        value.protocolType = "consumer";
        value.generation = 9;
        value.protocol = "range";
        value.leader = "m1";
        value.currentStateTimestamp = 123;
        value.members.push_back({ "m1", std::string("static-1"), "client", "/127.0.0.1", 30000, 6000, { 1, 2 }, { 3 } });
        value.members.push_back({ "m2", std::nullopt, "client", "/127.0.0.1", 30000, 6000, {}, {} });
        const auto decoded = decodeGroupValue(encodeValue(value));
        QVERIFY(decoded);
        QCOMPARE(decoded->generation, 9);
        QCOMPARE(decoded->protocol.value_or(""), std::string("range"));
        QCOMPARE(decoded->members.size(), size_t(2));
        QCOMPARE(decoded->members[0].groupInstanceId.value_or(""), std::string("static-1"));
        QVERIFY(!decoded->members[1].groupInstanceId);
        QCOMPARE(decoded->members[0].subscription, (Bytes { 1, 2 }));
        QCOMPARE(decoded->members[0].assignment, (Bytes { 3 }));
        QVERIFY(!decodeGroupValue(Bytes { 0, 3, 0 }));
    }

    void keysOfOtherVersions()
    {
        const auto offset = decodeKey(Bytes { 0, 0, 0, 1, 'g', 0, 1, 't', 0, 0, 0, 1 });
        QVERIFY(offset && std::holds_alternative<OffsetKey>(*offset));
        QVERIFY(!decodeKey(Bytes { 0, 9, 0, 0 })); // unknown version (new consumer protocol records)
    }

    void javaHashCode_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("hash");
        QTest::addColumn<int>("partition");
        QTest::addRow("hello") << "hello" << 99162322 << 99162322 % 50;
        QTest::addRow("empty") << "" << 0 << 0;
        // Integer.MIN_VALUE, which Kafka's Utils.abs maps to 0.
        QTest::addRow("min value") << "polygenelubricants" << int(INT32_MIN) << 0;
        QTest::addRow("latin-1") << QString::fromUtf8("\xc3\xa9") << 233 << 233 % 50;
        // A code point outside the BMP counts as two UTF-16 units, as in Java.
        QTest::addRow("surrogates") << QString::fromUtf8("\xf0\x9f\x98\x80") << 1772899 << 1772899 % 50;
    }

    void javaHashCode()
    {
        QFETCH(QString, text);
        QFETCH(int, hash);
        QFETCH(int, partition);
        const std::string utf8 = text.toStdString();
        QCOMPARE(javaStringHash(utf8), hash);
        QCOMPARE(partitionForGroup(utf8, 50), partition);
        // Negative hashes: abs, not a negative remainder.
        QVERIFY(partitionForGroup("negative-hash-group-zz", 50) >= 0);
    }

    void batchesThroughALog()
    {
        QTemporaryDir dir;
        BrokerConfig config;
        config.dataDir = dir.path().toStdString();
        std::string error;
        auto logs = LogManager::open(config, &error);
        QVERIFY2(logs, error.c_str());
        QCOMPARE(logs->createTopic("internal", 1, {}, false).error, ErrorCode::None);
        auto log = logs->partition("internal", 0);
        const std::vector<KeyValue> first { { Bytes { 'a' }, Bytes { '1' } }, { Bytes { 'b' }, std::nullopt } };
        QCOMPARE(log->append(buildRecordBatch(first, 1000), 1000).error, ErrorCode::None);
        QCOMPARE(log->append(buildRecordBatch({ { Bytes { 'c' }, Bytes {} } }, 2000), 2000).error, ErrorCode::None);
        const auto records = readWholeLog(*log);
        QCOMPARE(records.size(), size_t(3));
        QCOMPARE(records[0].offset, 0);
        QCOMPARE(*records[0].value, (Bytes { '1' }));
        QVERIFY(!records[1].value); // tombstone
        QCOMPARE(records[2].offset, 2);
        QCOMPARE(records[2].timestamp, 2000);
        QVERIFY(records[2].value && records[2].value->empty());
    }
};

SAMSA_TEST_MAIN(TestGroupFormat, QCoreApplication)
#include "tst_groupformat.moc"

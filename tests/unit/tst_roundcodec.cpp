// The value blobs and group states of history.db rounds: exact round trips, filtering while decoding,
// and damaged or hostile bytes refused with an error (no crash, no allocation the bytes ask for).

#include "metrics/groupstatescodec.h"
#include "metrics/roundcodec.h"
#include "testmain.h"

#include <QRandomGenerator>

#include <limits>

using namespace Samsa;

namespace {

constexpr qint64 Min = std::numeric_limits<qint64>::min();
constexpr qint64 Max = std::numeric_limits<qint64>::max();

// Three rounds of one resolution: before, base (the previous round) and next.
const SeriesValues before { { 0, 400 }, { 1, -1 }, { 2, 5 }, { 7, 0 } };
const SeriesValues base { { 0, 1000 }, { 1, -1 }, { 2, 5 }, { 7, Max }, { 9, 42 } };
// Changed, unchanged, removed (2, 9), new (3, 300 far away, and 8 with an extreme value).
const SeriesValues next { { 0, 1600 }, { 1, -1 }, { 3, 0 }, { 7, Min }, { 8, Min }, { 300, 12 } };

QByteArray varint(quint64 value)
{
    QByteArray out;
    while (value >= 0x80) {
        out.append(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.append(static_cast<char>(value));
    return out;
}

SeriesValues decoded(const QByteArray& blob, const SeriesValues* previous, const SeriesValues* beforePrevious,
    const std::vector<bool>* wanted = nullptr)
{
    SeriesValues values;
    QString error;
    if (!RoundCodec::decode(blob, previous, beforePrevious, wanted, &values, &error))
        qWarning("decode failed: %s", qPrintable(error));
    return values;
}

bool refused(const QByteArray& blob, QString* error)
{
    SeriesValues values;
    return !RoundCodec::decode(blob, &base, &before, nullptr, &values, error) && !error->isEmpty();
}

QList<QByteArray> validBlobs()
{
    return { RoundCodec::encode(next, nullptr, nullptr, 0), RoundCodec::encode(next, &base, nullptr, 99),
        RoundCodec::encode(next, &base, &before, 99) };
}

} // namespace

class TestRoundCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keyframeAndDeltasRoundTrip()
    {
        const QByteArray keyframe = RoundCodec::encode(next, nullptr, nullptr, 0);
        QCOMPARE(keyframe.at(0), char(0));
        QCOMPARE(decoded(keyframe, &base, &before), next); // a keyframe needs no rounds before it
        QCOMPARE(decoded(keyframe, nullptr, nullptr), next);

        const QByteArray delta = RoundCodec::encode(next, &base, nullptr, -1234);
        RoundCodec::Header header;
        QString error;
        QVERIFY(RoundCodec::readHeader(delta, &header, &error));
        QCOMPARE(header.kind, RoundCodec::Kind::Delta);
        QCOMPARE(header.previousTimeMs, -1234);
        QCOMPARE(decoded(delta, &base, nullptr), next);

        const QByteArray linear = RoundCodec::encode(next, &base, &before, 1234);
        QVERIFY(RoundCodec::readHeader(linear, &header, &error));
        QCOMPARE(header.kind, RoundCodec::Kind::LinearDelta);
        QCOMPARE(decoded(linear, &base, &before), next);
        SeriesValues values;
        QVERIFY(!RoundCodec::decode(linear, &base, nullptr, nullptr, &values, &error));
        QVERIFY(!RoundCodec::decode(delta, nullptr, nullptr, nullptr, &values, &error));
    }

    // What the format is for: standing counters cost nothing, steady ones next to nothing.
    void standingAndSteadyCountersAreCheap()
    {
        SeriesValues first;
        SeriesValues second;
        SeriesValues third;
        for (quint32 id = 0; id < 10000; ++id) {
            const qint64 step = id % 2 ? 6000 : 0; // every other counter grows steadily
            first.push_back({ id, 1'000'000'000LL + id });
            second.push_back({ id, first.back().value + step });
            third.push_back({ id, second.back().value + step });
        }
        const QByteArray still = RoundCodec::encode(first, &first, nullptr, 1);
        QVERIFY2(still.size() <= 4, qPrintable(QString::number(still.size())));
        QCOMPARE(decoded(still, &first, nullptr), first);
        const QByteArray steady = RoundCodec::encode(third, &second, &first, 1);
        QVERIFY2(steady.size() <= 4, qPrintable(QString::number(steady.size())));
        QCOMPARE(decoded(steady, &second, &first), third);
        // Without the round before, each grower costs its step: two bytes, and its run.
        const QByteArray delta = RoundCodec::encode(third, &second, nullptr, 1);
        QVERIFY(delta.size() > 5000 * 2);
        QCOMPARE(decoded(delta, &second, nullptr), third);
        QCOMPARE(decoded(RoundCodec::encode({}, &first, nullptr, 1), &first, nullptr), SeriesValues());
    }

    void filterWhileDecoding()
    {
        std::vector<bool> wanted(8, false);
        wanted[0] = wanted[2] = wanted[7] = true; // 300 lies beyond the filter: not wanted
        const SeriesValues filteredBefore
            = decoded(RoundCodec::encode(before, nullptr, nullptr, 0), nullptr, nullptr, &wanted);
        const SeriesValues filteredBase
            = decoded(RoundCodec::encode(base, &before, nullptr, 0), &filteredBefore, nullptr, &wanted);
        QCOMPARE(filteredBase, (SeriesValues { { 0, 1000 }, { 2, 5 }, { 7, Max } }));
        QCOMPARE(decoded(RoundCodec::encode(next, &base, &before, 1), &filteredBase, &filteredBefore, &wanted),
            (SeriesValues { { 0, 1600 }, { 7, Min } }));
    }

    void truncatedAtEveryByte()
    {
        for (const QByteArray& blob : validBlobs()) {
            for (qsizetype size = 0; size < blob.size(); ++size) {
                QString error;
                QVERIFY2(refused(blob.left(size), &error), qPrintable(QString::number(size)));
            }
            QString error;
            QVERIFY(refused(blob + QByteArray(1, '\0'), &error));
            QVERIFY(error.contains(QLatin1String("follow")));
        }
    }

    void hostileBytes_data()
    {
        QTest::addColumn<QByteArray>("blob");
        QTest::addColumn<QString>("expected");
        const QByteArray keyframe(1, '\0');
        const QByteArray delta = QByteArray(1, '\1') + varint(0);
        QTest::addRow("unknown format") << QByteArray(1, '\7') << QStringLiteral("Unknown round format");
        QTest::addRow("overlong varint") << keyframe + QByteArray(11, '\x80') + QByteArray(1, '\1')
                                         << QStringLiteral("longer than 64 bits");
        QTest::addRow("tenth byte too big")
            << keyframe + QByteArray(9, '\xff') + QByteArray(1, '\2') << QStringLiteral("longer than 64 bits");
        QTest::addRow("huge count") << keyframe + varint(quint64(1) << 60) + varint(0) + varint(1) + varint(0)
                                    << QStringLiteral("does not fit");
        QTest::addRow("huge run") << keyframe + varint(1) + varint(0) + varint(1'000'000) + varint(0)
                                  << QStringLiteral("does not fit");
        QTest::addRow("empty run") << keyframe + varint(1) + varint(0) + varint(0) + varint(0)
                                   << QStringLiteral("empty");
        // Gaps are unsigned: ids can only go backwards by wrapping past 2^32.
        QTest::addRow("ids wrap backwards") << keyframe + varint(2) + varint(5) + varint(1) + varint(0)
                + varint(std::numeric_limits<quint64>::max()) + varint(1)
                + varint(0) << QStringLiteral("out of range");
        QTest::addRow("id beyond 32 bits") << keyframe + varint(1) + varint(quint64(1) << 32) + varint(1) + varint(0)
                                           << QStringLiteral("out of range");
        QTest::addRow("run beyond 32 bits")
            << delta + varint(0) + varint(1) + varint(0xfffffff0) + varint(0x20) << QStringLiteral("out of range");
        QTest::addRow("linear without a round before")
            << QByteArray(1, '\2') + varint(0) + varint(0) + varint(0) << QStringLiteral("not there");
        // No changes; removes series 4 (the previous round lacks it), or 2 while listing it.
        QTest::addRow("removes a missing series")
            << delta + varint(0) + varint(1) + varint(4) + varint(1) << QStringLiteral("does not have");
        QTest::addRow("lists and removes") << delta + varint(1) + varint(2) + varint(1) + varint(2) + varint(1)
                + varint(2) + varint(1) << QStringLiteral("both listed and removed");
        QTest::addRow("huge removal count")
            << delta + varint(0) + varint(quint64(1) << 40) << QStringLiteral("does not fit");
    }

    void hostileBytes()
    {
        QFETCH(QByteArray, blob);
        QFETCH(QString, expected);
        QString error;
        SeriesValues values;
        QVERIFY(!RoundCodec::decode(blob, &base, nullptr, nullptr, &values, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    // Damaged copies of valid blobs either fail or decode to a sorted round no larger than the
    // blob and base allow.
    void mutatedBlobsStayBounded()
    {
        QRandomGenerator random(7);
        const QList<QByteArray> blobs = validBlobs();
        int refusedCount = 0;
        for (int i = 0; i < 20000; ++i) {
            QByteArray blob = blobs.at(i % blobs.size());
            for (int flips = 1 + random.bounded(3); flips > 0; --flips)
                blob[random.bounded(blob.size())] = static_cast<char>(random.bounded(256));
            SeriesValues values;
            QString error;
            if (!RoundCodec::decode(blob, &base, &before, nullptr, &values, &error)) {
                QVERIFY(!error.isEmpty());
                ++refusedCount;
                continue;
            }
            QVERIFY(values.size() <= base.size() + static_cast<size_t>(blob.size()));
            for (size_t j = 1; j < values.size(); ++j)
                QVERIFY(values[j - 1].id < values[j].id);
        }
        QVERIFY(refusedCount > 0);
    }

    void groupStates()
    {
        const QHash<QString, QString> before { { QStringLiteral("a"), QStringLiteral("Stable") },
            { QStringLiteral("b\t\n\"odd\""), QStringLiteral("Empty") },
            { QStringLiteral("c"), QStringLiteral("Dead") } };
        const QHash<QString, QString> after { { QStringLiteral("a"), QStringLiteral("PreparingRebalance") },
            { QStringLiteral("b\t\n\"odd\""), QStringLiteral("Empty") }, { QStringLiteral("d"), QString() } };
        QHash<QString, QString> states { { QStringLiteral("stale"), QStringLiteral("x") } };
        QString error;
        QVERIFY(GroupStatesCodec::apply(GroupStatesCodec::encode(before, nullptr), true, nullptr, &states, &error));
        QCOMPARE(states, before);
        QVERIFY(GroupStatesCodec::encode(before, &before).isEmpty());
        const QString delta = GroupStatesCodec::encode(after, &before);
        QVERIFY(!delta.contains(QLatin1String("Empty"))); // unchanged groups are not repeated
        QVERIFY(GroupStatesCodec::apply(delta, false, nullptr, &states, &error));
        QCOMPARE(states, after);

        const QSet<QString> onlyA { QStringLiteral("a") };
        QHash<QString, QString> filtered;
        QVERIFY(GroupStatesCodec::apply(GroupStatesCodec::encode(after, nullptr), true, &onlyA, &filtered, &error));
        QCOMPARE(filtered, (QHash<QString, QString> { { QStringLiteral("a"), QStringLiteral("PreparingRebalance") } }));

        QVERIFY(!GroupStatesCodec::apply(QStringLiteral("{\"a\":"), false, nullptr, &states, &error));
        QVERIFY(!GroupStatesCodec::apply(QStringLiteral("[1]"), false, nullptr, &states, &error));
        QVERIFY(!GroupStatesCodec::apply(QStringLiteral("{\"a\":3}"), false, nullptr, &states, &error));
        QVERIFY(error.contains(QLatin1String("not a string")));
    }
};

SAMSA_TEST_MAIN(TestRoundCodec, QCoreApplication)
#include "tst_roundcodec.moc"

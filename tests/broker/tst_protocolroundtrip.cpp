// Every message of every served API, at every version: filled with sample values, encoded, decoded
// and encoded again gives the same bytes, and decoding reads exactly what was written.

#include "messagefiller.h"
#include "protocol/messages/servedapis.h"
#include "testmain.h"

#include <QCoreApplication>
#include <QtTest>

using namespace samsa::broker;
using namespace samsa::broker::protocol;

namespace {

template <class Api> constexpr bool flexibleAt(int16_t version)
{
    return Api::firstFlexible >= 0 && version >= Api::firstFlexible;
}

QByteArray bytesOf(const ByteWriter& out)
{
    return QByteArray(reinterpret_cast<const char*>(out.buffer().data()), qsizetype(out.buffer().size()));
}

// Encodes message, decodes the bytes into a fresh one and encodes that: both encodings must match
// and the decoder must stop exactly at the end.
template <class Message> void roundTrip(const Message& message, int16_t version, bool flexible, const char* what)
{
    ByteWriter first;
    encodeMessage(first, version, flexible, message);
    QVERIFY2(first.splices().empty(), what);

    Message decoded;
    ByteReader in(first.buffer());
    MessageDecoder decoder(in, version, flexible);
    decoder.readStruct(decoded);
    QVERIFY2(in.ok(), what);
    QVERIFY2(in.atEnd(), what);

    ByteWriter second;
    encodeMessage(second, version, flexible, decoded);
    QCOMPARE(bytesOf(second), bytesOf(first));
}

template <class Api> void roundTripEveryVersion()
{
    for (int16_t v = 0; v <= Api::maxVersion; ++v) {
        const QByteArray where = QByteArray(Api::name) + " v" + QByteArray::number(v);
        typename Api::Request request;
        test::MessageFiller(v).fillStruct(request);
        roundTrip(request, v, flexibleAt<Api>(v), QByteArray(where + " request").constData());
        if (QTest::currentTestFailed())
            return;
        typename Api::Response response;
        test::MessageFiller(v).fillStruct(response);
        roundTrip(response, v, flexibleAt<Api>(v), QByteArray(where + " response").constData());
        if (QTest::currentTestFailed())
            return;
    }
}

struct Tagged {
    int32_t plain = 0;
    int32_t extra = -1;
    std::optional<std::string> note;

    template <class Io> void fields(Io& io)
    {
        io.field(plain);
        io.tagged(0, extra, since(1), -1);
        io.tagged(3, note, since(1));
    }
};

} // namespace

class TestProtocolRoundTrip : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyMessageAtEveryVersion_data()
    {
        QTest::addColumn<int>("apiKey");
        ServedApis::forEach([]<class Api>() { QTest::newRow(Api::name) << int(Api::key); });
    }

    void everyMessageAtEveryVersion()
    {
        QFETCH(int, apiKey);
        QVERIFY(ServedApis::visit(int16_t(apiKey), []<class Api>() { roundTripEveryVersion<Api>(); }));
    }

    void taggedFieldsAreWrittenOnlyWhenSet()
    {
        ByteWriter plain;
        encodeMessage(plain, 1, true, Tagged { 7, -1, std::nullopt });
        QCOMPARE(bytesOf(plain).toHex(), QByteArray("0000000700")); // no tagged field: count 0

        ByteWriter both;
        encodeMessage(both, 1, true, Tagged { 7, 5, "n" });
        // count 2; tag 0, 4 bytes, 5; tag 3, 2 bytes, compact string "n"
        QCOMPARE(bytesOf(both).toHex(), QByteArray("0000000702" "0004" "00000005" "0302" "026e"));

        Tagged back;
        QVERIFY(decodeMessage(both.buffer(), 1, true, back));
        QCOMPARE(back.extra, 5);
        QCOMPARE(back.note.value_or(""), std::string("n"));

        ByteWriter before;
        encodeMessage(before, 0, true, Tagged { 7, 5, "n" });
        QCOMPARE(bytesOf(before).toHex(), QByteArray("0000000700")); // the fields do not exist in v0
    }

    void arrayCountsReserveOnlyWhatArrives()
    {
        // Fetch v4 claiming a million topics, the first of which is already broken (its partition
        // count exceeds the frame): refused, without memory reserved for the million.
        ByteWriter body;
        body.writeInt32(-1); // replica
        body.writeInt32(0); // max wait
        body.writeInt32(0); // min bytes
        body.writeInt32(1024); // max bytes
        body.writeInt8(0); // isolation
        body.writeInt32(1000000);
        body.writeString(false, "");
        body.writeInt32(INT32_MAX); // partitions
        body.buffer().resize(body.buffer().size() + 1000000);
        FetchRequest request;
        QVERIFY(!decodeMessage(body.buffer(), 4, false, request));
        QVERIFY2(request.topics.capacity() <= 1024, qPrintable(QString::number(request.topics.capacity())));
    }

    void unknownTagsAreSkippedAndLyingSizesRefused()
    {
        // plain 7, two tags: an unknown tag 9 of 3 bytes, then tag 0 = 5.
        const QByteArray known = QByteArray::fromHex("0000000702" "0903aabbcc" "000400000005");
        Tagged t;
        QVERIFY(decodeMessage(std::span(reinterpret_cast<const uint8_t*>(known.data()), size_t(known.size())), 1,
            true, t));
        QCOMPARE(t.extra, 5);

        // Tag 0 claims 6 bytes but its int32 is 4: refused.
        const QByteArray lying = QByteArray::fromHex("0000000701" "0006000000050000");
        QVERIFY(!decodeMessage(std::span(reinterpret_cast<const uint8_t*>(lying.data()), size_t(lying.size())), 1,
            true, t));
        // A size beyond the body: refused.
        const QByteArray beyond = QByteArray::fromHex("0000000701" "007f00");
        QVERIFY(!decodeMessage(std::span(reinterpret_cast<const uint8_t*>(beyond.data()), size_t(beyond.size())), 1,
            true, t));
    }
};

SAMSA_TEST_MAIN(TestProtocolRoundTrip, QCoreApplication)
#include "tst_protocolroundtrip.moc"

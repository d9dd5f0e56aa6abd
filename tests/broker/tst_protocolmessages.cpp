// Request headers and the ApiVersions answer, byte for byte where the layout is fixed.

#include "api/requestscope.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"
#include "protocol/messages/apiversions.h"
#include "protocol/requestheader.h"
#include "testmain.h"

#include <QCoreApplication>
#include <QtTest>

#include <map>

using namespace samsa::broker;
using namespace samsa::broker::protocol;

namespace {

struct Range {
    int16_t min;
    int16_t max;
};

// Parses an ApiVersions body of the given version; fails the reader on any inconsistency.
std::map<int16_t, Range> parseApiVersions(ByteReader& r, int16_t version, int16_t* error)
{
    const bool flexible = version >= 3;
    std::map<int16_t, Range> ranges;
    *error = r.readInt16();
    const int32_t n = r.readArrayLength(flexible);
    for (int32_t i = 0; i < n && r.ok(); ++i) {
        const int16_t key = r.readInt16();
        Range range { r.readInt16(), r.readInt16() };
        if (flexible)
            r.skipTaggedFields();
        ranges[key] = range;
    }
    if (version >= 1)
        r.readInt32();
    if (flexible)
        r.skipTaggedFields();
    return ranges;
}

// The ApiVersions answer body as the broker encodes it.
void writeApiVersions(ByteWriter& out, int16_t version, ErrorCode error)
{
    encodeMessage(out, version, version >= ApiVersionsApi::firstFlexible, apiVersionsResponse(error));
}

} // namespace

class TestProtocolMessages : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void headerVersions_data()
    {
        QTest::addColumn<int>("apiKey");
        QTest::addColumn<int>("version");
        QTest::addColumn<int>("requestHeader");
        QTest::addColumn<int>("responseHeader");
        QTest::addRow("metadata v0") << 3 << 0 << 1 << 0;
        QTest::addRow("metadata v9") << 3 << 9 << 2 << 1;
        QTest::addRow("produce v8") << 0 << 8 << 1 << 0;
        QTest::addRow("produce v9") << 0 << 9 << 2 << 1;
        QTest::addRow("fetch v12") << 1 << 12 << 2 << 1;
        QTest::addRow("api versions v3 keeps response header v0") << 18 << 3 << 2 << 0;
        QTest::addRow("describe cluster v0 is flexible") << 60 << 0 << 2 << 1;
        QTest::addRow("sasl handshake is never flexible") << 17 << 1 << 1 << 0;
    }

    void headerVersions()
    {
        QFETCH(int, apiKey);
        QFETCH(int, version);
        QFETCH(int, requestHeader);
        QFETCH(int, responseHeader);
        QCOMPARE(requestHeaderVersion(int16_t(apiKey), int16_t(version)), requestHeader);
        QCOMPARE(responseHeaderVersion(int16_t(apiKey), int16_t(version)), responseHeader);
    }

    void parseHeaderV1()
    {
        ByteWriter w;
        w.writeInt16(3);
        w.writeInt16(1);
        w.writeInt32(77);
        w.writeNullableString(false, std::string("kcat"));
        w.writeInt32(-1); // body: null topic array
        ByteReader r(w.buffer());
        const auto header = parseRequestHeader(r);
        QVERIFY(header);
        QCOMPARE(header->apiKey, int16_t(3));
        QCOMPARE(header->apiVersion, int16_t(1));
        QCOMPARE(header->correlationId, 77);
        QCOMPARE(header->clientId, std::optional<std::string>("kcat"));
        QCOMPARE(header->headerVersion, 1);
        QCOMPARE(r.readInt32(), -1);
        QVERIFY(r.ok() && r.atEnd());
    }

    void parseHeaderV2WithTaggedFields()
    {
        ByteWriter w;
        w.writeInt16(3);
        w.writeInt16(12);
        w.writeInt32(5);
        w.writeNullableString(false, std::nullopt); // client id stays a classic string
        w.writeUnsignedVarint(1); // one tagged field
        w.writeUnsignedVarint(9);
        w.writeUnsignedVarint(2);
        w.writeInt16(0x1234);
        w.writeInt8(42); // body
        ByteReader r(w.buffer());
        const auto header = parseRequestHeader(r);
        QVERIFY(header);
        QCOMPARE(header->headerVersion, 2);
        QVERIFY(!header->clientId.has_value());
        QCOMPARE(r.readInt8(), int8_t(42));
        QVERIFY(r.ok() && r.atEnd());
    }

    void rejectsTruncatedHeader()
    {
        const std::vector<uint8_t> data { 0, 3, 0, 1, 0, 0, 0, 1, 0, 9, 'a' };
        ByteReader r(data);
        QVERIFY(!parseRequestHeader(r));
    }

    void apiVersionsAnswer_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 0; v <= 4; ++v)
            QTest::addRow("v%d", v) << v;
    }

    void apiVersionsAnswer()
    {
        QFETCH(int, version);
        RequestHeader header;
        header.apiKey = 18;
        header.apiVersion = int16_t(version);
        header.correlationId = 9;
        ByteWriter out = api::startResponse(header);
        writeApiVersions(out, int16_t(version), ErrorCode::None);
        api::finishResponse(out);

        ByteReader r(out.buffer());
        QCOMPARE(r.readInt32(), int32_t(out.buffer().size() - 4));
        QCOMPARE(r.readInt32(), 9); // correlation id; response header v0 even for v3
        int16_t error = -1;
        const auto ranges = parseApiVersions(r, int16_t(version), &error);
        QVERIFY(r.ok());
        QVERIFY(r.atEnd());
        QCOMPARE(error, int16_t(0));
        QCOMPARE(ranges.size(), supportedApis().size());
        for (const auto& [key, range] : ranges)
            QCOMPARE(range.min, int16_t(0)); // librdkafka needs every minimum at 0
        QVERIFY(ranges.at(1).max >= 11); // kafka-python infers the broker release from Fetch
        QCOMPARE(ranges.at(18).max, int16_t(4));
        QVERIFY(ranges.at(0).max >= 7);
        QVERIFY(ranges.at(3).max >= 9);
    }

    void apiVersionsV0BytesAreExact()
    {
        ByteWriter out;
        writeApiVersions(out, 0, ErrorCode::UnsupportedVersion);
        const auto& b = out.buffer();
        QCOMPARE(b.size(), size_t(2 + 4 + 6 * supportedApis().size()));
        QCOMPARE(int(b[0]), 0);
        QCOMPARE(int(b[1]), 35);
        // The array count as a big-endian int32, then key/min/max triples.
        QCOMPARE(int(b[5]), int(supportedApis().size()));
        QCOMPARE(int(b[6] << 8 | b[7]), int(supportedApis()[0].key));
    }

    void apiVersionsV3BytesAreCompact()
    {
        ByteWriter out;
        writeApiVersions(out, 3, ErrorCode::None);
        const auto& b = out.buffer();
        // error, compact count (n+1), n * (key, min, max, empty tags), throttle, empty tags
        QCOMPARE(b.size(), size_t(2 + 1 + 7 * supportedApis().size() + 4 + 1));
        QCOMPARE(int(b[2]), int(supportedApis().size()) + 1);
        QCOMPARE(int(b.back()), 0);
    }
};

SAMSA_TEST_MAIN(TestProtocolMessages, QCoreApplication)
#include "tst_protocolmessages.moc"

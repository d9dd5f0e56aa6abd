// Round trips and rejection of malformed input for the broker's primitive codec.

#include "protocol/bytereader.h"
#include "protocol/bytewriter.h"
#include "testmain.h"

#include <QCoreApplication>
#include <QtTest>

#include <vector>

using namespace samsa::broker::protocol;

namespace {
std::vector<uint8_t> bytes(std::initializer_list<int> values)
{
    std::vector<uint8_t> out;
    for (int v : values)
        out.push_back(static_cast<uint8_t>(v));
    return out;
}

QByteArray hex(const std::vector<uint8_t>& data)
{
    return QByteArray(reinterpret_cast<const char*>(data.data()), static_cast<qsizetype>(data.size())).toHex();
}
} // namespace

class TestProtocolCodec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fixedWidthRoundTrip()
    {
        ByteWriter w;
        w.writeInt8(-2);
        w.writeInt16(-12345);
        w.writeInt32(0x12345678);
        w.writeInt64(-0x0102030405060708LL);
        w.writeBool(true);
        QCOMPARE(hex(w.buffer()).left(14), QByteArray("fecfc712345678"));
        ByteReader r(w.buffer());
        QCOMPARE(r.readInt8(), int8_t(-2));
        QCOMPARE(r.readInt16(), int16_t(-12345));
        QCOMPARE(r.readInt32(), 0x12345678);
        QCOMPARE(r.readInt64(), -0x0102030405060708LL);
        QCOMPARE(r.readBool(), true);
        QVERIFY(r.ok());
        QVERIFY(r.atEnd());
    }

    void unsignedVarint_data()
    {
        QTest::addColumn<quint32>("value");
        QTest::addColumn<QByteArray>("encoded");
        QTest::addRow("zero") << quint32(0) << QByteArray("00");
        QTest::addRow("one byte max") << quint32(127) << QByteArray("7f");
        QTest::addRow("two bytes") << quint32(300) << QByteArray("ac02");
        QTest::addRow("max") << quint32(0xffffffff) << QByteArray("ffffffff0f");
    }

    void unsignedVarint()
    {
        QFETCH(quint32, value);
        QFETCH(QByteArray, encoded);
        ByteWriter w;
        w.writeUnsignedVarint(value);
        QCOMPARE(hex(w.buffer()), encoded);
        ByteReader r(w.buffer());
        QCOMPARE(r.readUnsignedVarint(), value);
        QVERIFY(r.ok() && r.atEnd());
    }

    void signedVarint_data()
    {
        QTest::addColumn<qint32>("value");
        QTest::addColumn<QByteArray>("encoded");
        QTest::addRow("zero") << 0 << QByteArray("00");
        QTest::addRow("minus one") << -1 << QByteArray("01");
        QTest::addRow("one") << 1 << QByteArray("02");
        QTest::addRow("minus 64") << -64 << QByteArray("7f");
        QTest::addRow("64") << 64 << QByteArray("8001");
        QTest::addRow("int max") << INT32_MAX << QByteArray("feffffff0f");
        QTest::addRow("int min") << INT32_MIN << QByteArray("ffffffff0f");
    }

    void signedVarint()
    {
        QFETCH(qint32, value);
        QFETCH(QByteArray, encoded);
        ByteWriter w;
        w.writeVarint(value);
        QCOMPARE(hex(w.buffer()), encoded);
        ByteReader r(w.buffer());
        QCOMPARE(r.readVarint(), value);
        QVERIFY(r.ok() && r.atEnd());
    }

    void varlong_data()
    {
        QTest::addColumn<qint64>("value");
        QTest::addRow("zero") << qint64(0);
        QTest::addRow("minus one") << qint64(-1);
        QTest::addRow("timestamp") << qint64(1700000000123);
        QTest::addRow("max") << std::numeric_limits<qint64>::max();
        QTest::addRow("min") << std::numeric_limits<qint64>::min();
    }

    void varlong()
    {
        QFETCH(qint64, value);
        ByteWriter w;
        w.writeVarlong(value);
        QVERIFY(w.buffer().size() <= 10);
        ByteReader r(w.buffer());
        QCOMPARE(r.readVarlong(), value);
        QVERIFY(r.ok() && r.atEnd());
    }

    void strings_data()
    {
        QTest::addColumn<bool>("flexible");
        QTest::addColumn<bool>("isNull");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("encoded");
        QTest::addRow("classic") << false << false << QByteArray("ab") << QByteArray("00026162");
        QTest::addRow("classic empty") << false << false << QByteArray() << QByteArray("0000");
        QTest::addRow("classic null") << false << true << QByteArray() << QByteArray("ffff");
        QTest::addRow("compact") << true << false << QByteArray("ab") << QByteArray("036162");
        QTest::addRow("compact empty") << true << false << QByteArray() << QByteArray("01");
        QTest::addRow("compact null") << true << true << QByteArray() << QByteArray("00");
    }

    void strings()
    {
        QFETCH(bool, flexible);
        QFETCH(bool, isNull);
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, encoded);
        ByteWriter w;
        std::optional<std::string> value;
        if (!isNull)
            value = text.toStdString();
        w.writeNullableString(flexible, value);
        QCOMPARE(hex(w.buffer()), encoded);
        ByteReader r(w.buffer());
        QCOMPARE(r.readNullableString(flexible), value);
        QVERIFY(r.ok() && r.atEnd());
    }

    void bytesAndArrays()
    {
        const std::vector<uint8_t> payload = bytes({ 1, 2, 3 });
        for (bool flexible : { false, true }) {
            ByteWriter w;
            w.writeBytes(flexible, payload);
            w.writeNullableBytes(flexible, std::nullopt);
            w.writeArrayLength(flexible, 2);
            w.writeInt32(7);
            w.writeInt32(8);
            w.writeArrayLength(flexible, -1);
            ByteReader r(w.buffer());
            const auto b = r.readNullableBytes(flexible);
            QVERIFY(b.has_value());
            QCOMPARE(std::vector<uint8_t>(b->begin(), b->end()), payload);
            QVERIFY(!r.readNullableBytes(flexible).has_value());
            QCOMPARE(r.readArrayLength(flexible), 2);
            QCOMPARE(r.readInt32(), 7);
            QCOMPARE(r.readInt32(), 8);
            QCOMPARE(r.readArrayLength(flexible), -1);
            QVERIFY(r.ok() && r.atEnd());
        }
    }

    void taggedFieldsAreSkipped()
    {
        // Two tagged fields (tag 0 with 2 bytes, tag 5 with 1 byte), then an int32 after them.
        const auto data = bytes({ 2, 0, 2, 0xaa, 0xbb, 5, 1, 0xcc, 0, 0, 0, 42 });
        ByteReader r(data);
        r.skipTaggedFields();
        QCOMPARE(r.readInt32(), 42);
        QVERIFY(r.ok() && r.atEnd());
    }

    void fileRegionsCountInRecords()
    {
        ByteWriter w;
        w.writeInt16(1);
        w.writeRecords(false, { FileRegion { nullptr, 3, 100, 50 }, FileRegion { nullptr, 3, 150, 25 } });
        w.writeInt16(2);
        QCOMPARE(w.buffer().size(), size_t(2 + 4 + 2));
        QCOMPARE(w.totalSize(), size_t(2 + 4 + 75 + 2));
        QCOMPARE(w.splices().size(), size_t(2));
        QCOMPARE(w.splices()[0].at, size_t(6));
        ByteReader r(w.buffer());
        r.readInt16();
        QCOMPARE(r.readInt32(), 75);

        ByteWriter compact;
        compact.writeRecords(true, {});
        QCOMPARE(hex(compact.buffer()), QByteArray("01"));
    }

    void malformedInput_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("what");
        // what: 0 int32, 1 unsigned varint, 2 classic string, 3 compact string, 4 classic array,
        //       5 compact array, 6 classic bytes, 7 tagged fields, 8 varlong
        QTest::addRow("truncated int32") << QByteArray::fromHex("000102") << 0;
        QTest::addRow("varint too long") << QByteArray::fromHex("ffffffffff01") << 1;
        QTest::addRow("varint truncated") << QByteArray::fromHex("ff") << 1;
        QTest::addRow("string past end") << QByteArray::fromHex("000561") << 2;
        QTest::addRow("string length -2") << QByteArray::fromHex("fffe") << 2;
        QTest::addRow("compact string past end") << QByteArray::fromHex("0561") << 3;
        QTest::addRow("array longer than data") << QByteArray::fromHex("7fffffff00") << 4;
        QTest::addRow("array length -5") << QByteArray::fromHex("fffffffb") << 4;
        QTest::addRow("compact array longer than data") << QByteArray::fromHex("ffffffff07") << 5;
        QTest::addRow("bytes past end") << QByteArray::fromHex("0000001000") << 6;
        QTest::addRow("tagged field past end") << QByteArray::fromHex("01000501") << 7;
        QTest::addRow("varlong too long") << QByteArray::fromHex("ffffffffffffffffff7f") << 8;
    }

    void malformedInput()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, what);
        std::span<const uint8_t> span(
            reinterpret_cast<const uint8_t*>(data.constData()), static_cast<size_t>(data.size()));
        ByteReader r(span);
        switch (what) {
        case 0:
            r.readInt32();
            break;
        case 1:
            r.readUnsignedVarint();
            break;
        case 2:
            r.readNullableString(false);
            break;
        case 3:
            r.readNullableString(true);
            break;
        case 4:
            r.readArrayLength(false);
            break;
        case 5:
            r.readArrayLength(true);
            break;
        case 6:
            r.readNullableBytes(false);
            break;
        case 7:
            r.skipTaggedFields();
            break;
        case 8:
            r.readVarlong();
            break;
        }
        QVERIFY(!r.ok());
        // Once failed, the reader stays failed and yields defaults instead of reading garbage.
        QCOMPARE(r.readInt64(), 0LL);
        QCOMPARE(r.remaining(), size_t(0));
    }
};

SAMSA_TEST_MAIN(TestProtocolCodec, QCoreApplication)
#include "tst_protocolcodec.moc"

// CRC-32C as record batches use it: the check value of the standard, and agreement with a plain
// bit-by-bit reference for every length class the fast paths treat differently (tails, one block
// stream, three interleaved block streams), whole or fed in pieces.

#include "common/crc32c.h"
#include "testmain.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QtTest>

#include <vector>

using namespace samsa::broker;

namespace {

uint32_t referenceCrc(const std::vector<uint8_t>& data)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (uint8_t byte : data) {
        crc ^= byte;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
    }
    return ~crc;
}

std::vector<uint8_t> randomBytes(size_t size)
{
    std::vector<uint8_t> data(size);
    QRandomGenerator random(uint32_t(size) * 2654435761u);
    for (auto& b : data)
        b = uint8_t(random.generate());
    return data;
}

} // namespace

class TestCrc32c : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void checkValue()
    {
        const char text[] = "123456789";
        QCOMPARE(crc32c({ reinterpret_cast<const uint8_t*>(text), 9 }), 0xE3069283u);
    }

    void agreesWithTheReference_data()
    {
        QTest::addColumn<int>("size");
        for (int size : { 0, 1, 7, 8, 9, 4095, 12287, 12288, 12289, 12288 * 5 + 13, 1024 * 1024 + 3 })
            QTest::addRow("%d bytes", size) << size;
    }

    void agreesWithTheReference()
    {
        QFETCH(int, size);
        const std::vector<uint8_t> data = randomBytes(size_t(size));
        const uint32_t expected = referenceCrc(data);
        QCOMPARE(crc32c(data), expected);

        // In two pieces, cut anywhere: the first piece's CRC carries into the second.
        const size_t cut = size_t(size) / 3 + 5 > size_t(size) ? 0 : size_t(size) / 3 + 5;
        const std::span<const uint8_t> all(data);
        QCOMPARE(crc32c(all.subspan(cut), crc32c(all.first(cut))), expected);
    }
};

SAMSA_TEST_MAIN(TestCrc32c, QCoreApplication)
#include "tst_crc32c.moc"

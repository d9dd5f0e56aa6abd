// Requests captured from librdkafka, kafka-python and kafkajs (tests/data/kafka-requests, made by
// tests/broker/conformance/capture_requests.py): each decodes into its typed message to the last
// byte, and encoding that message again gives the client's bytes exactly.

#include "protocol/messages/servedapis.h"
#include "protocol/requestheader.h"
#include "testmain.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QtTest>

using namespace samsa::broker;
using namespace samsa::broker::protocol;

namespace {

QString fixtureDir()
{
    return qEnvironmentVariable("SAMSA_SOURCE_DIR") + QStringLiteral("/tests/data/kafka-requests");
}

template <class Api> void decodeAndReencode(std::span<const uint8_t> body, int16_t version)
{
    const bool flexible = Api::firstFlexible >= 0 && version >= Api::firstFlexible;
    typename Api::Request request;
    ByteReader in(body);
    MessageDecoder decoder(in, version, flexible);
    decoder.readStruct(request);
    QVERIFY2(in.ok(), "the request does not decode");
    QCOMPARE(in.remaining(), size_t(0));

    ByteWriter out;
    encodeMessage(out, version, flexible, request);
    const QByteArray original(reinterpret_cast<const char*>(body.data()), qsizetype(body.size()));
    const QByteArray again(reinterpret_cast<const char*>(out.buffer().data()), qsizetype(out.buffer().size()));
    QCOMPARE(again.toHex(), original.toHex());
}

} // namespace

class TestProtocolFixtures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void capturedRequestsDecodeExactly_data()
    {
        QTest::addColumn<QString>("path");
        QDirIterator it(fixtureDir(), { QStringLiteral("*.bin") }, QDir::Files, QDirIterator::Subdirectories);
        int count = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            QTest::newRow(qPrintable(QDir(fixtureDir()).relativeFilePath(path))) << path;
            ++count;
        }
        QVERIFY2(count >= 60, "the captured requests are missing");
    }

    void capturedRequestsDecodeExactly()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray frame = file.readAll();
        const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(frame.data()), size_t(frame.size()));
        ByteReader in(bytes);
        const auto header = parseRequestHeader(in);
        QVERIFY(header);
        QVERIFY2(isSupported(header->apiKey, header->apiVersion), "a captured version the broker does not serve");
        const bool described = ServedApis::visit(header->apiKey,
            [&]<class Api>() { decodeAndReencode<Api>(bytes.subspan(in.position()), header->apiVersion); });
        QVERIFY2(described, "a captured API without a message description");
    }
};

SAMSA_TEST_MAIN(TestProtocolFixtures, QCoreApplication)
#include "tst_protocolfixtures.moc"

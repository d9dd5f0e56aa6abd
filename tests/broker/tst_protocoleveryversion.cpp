// Every advertised version of every API, sent through the Dispatcher to the real handlers: each
// gets an answer with its correlation id, in its response header version, whose body decodes as
// that API's response at that version to the last byte.

#include "api/dispatcher.h"
#include "fakeconnection.h"
#include "protocol/apikeys.h"
#include "protocol/messages/servedapis.h"
#include "storage/brokerconfig.h"
#include "storage/logmanager.h"
#include "testmain.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QtTest>

using namespace samsa::broker;
using namespace samsa::broker::protocol;

namespace {

template <class Api> constexpr bool flexibleAt(int16_t version)
{
    return Api::firstFlexible >= 0 && version >= Api::firstFlexible;
}

// An empty request of this API at this version, as a whole frame without its size prefix.
template <class Api> std::vector<uint8_t> emptyRequest(int16_t version, int32_t correlationId)
{
    typename Api::Request request;
    if constexpr (std::is_same_v<Api, ProduceApi>)
        request.acks = 1; // acks=0 would get no answer at all
    ByteWriter frame;
    frame.writeInt16(static_cast<int16_t>(Api::key));
    frame.writeInt16(version);
    frame.writeInt32(correlationId);
    frame.writeNullableString(false, std::string("every-version"));
    if (requestHeaderVersion(static_cast<int16_t>(Api::key), version) >= 2)
        frame.writeEmptyTaggedFields();
    encodeMessage(frame, version, flexibleAt<Api>(version), request);
    return frame.buffer();
}

} // namespace

class TestProtocolEveryVersion : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyAdvertisedVersionAnswers_data()
    {
        QTest::addColumn<int>("apiKey");
        QTest::addColumn<int>("version");
        int rows = 0;
        for (const ApiRange& api : supportedApis()) {
            for (int16_t v = api.minVersion; v <= api.maxVersion; ++v, ++rows)
                QTest::addRow("key %d v%d", int(api.key), int(v)) << int(api.key) << int(v);
        }
        QVERIFY(rows > 150);
    }

    void everyAdvertisedVersionAnswers()
    {
        QFETCH(int, apiKey);
        QFETCH(int, version);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        BrokerConfig config;
        config.dataDir = dir.path().toStdString();
        std::string error;
        auto logs = LogManager::open(config, &error);
        QVERIFY2(logs, error.c_str());
        api::Dispatcher dispatcher(*logs, logs->config(), "127.0.0.1", 9092);
        test::FakeConnection connection(dispatcher);

        const int32_t correlationId = 4242 + version;
        std::optional<api::Response> answer;
        const bool served = ServedApis::visit(int16_t(apiKey), [&]<class Api>() {
            auto frame = std::make_shared<std::vector<uint8_t>>(emptyRequest<Api>(int16_t(version), correlationId));
            dispatcher.dispatch(connection, frame, [&](api::Response r) { answer = std::move(r); });
            QVERIFY2(answer.has_value(), "no answer");
            QVERIFY2(answer->frame.has_value(), answer->closeReason.c_str());

            const ByteWriter& out = *answer->frame;
            QVERIFY(out.splices().empty());
            ByteReader in(out.buffer());
            QCOMPARE(size_t(in.readInt32()), out.buffer().size() - 4);
            QCOMPARE(in.readInt32(), correlationId);
            if (responseHeaderVersion(int16_t(apiKey), int16_t(version)) >= 1)
                in.skipTaggedFields();
            typename Api::Response response;
            MessageDecoder decoder(in, int16_t(version), flexibleAt<Api>(int16_t(version)));
            decoder.readStruct(response);
            QVERIFY2(in.ok(), "the answer does not decode as this version's response");
            QCOMPARE(in.remaining(), size_t(0));
        });
        QVERIFY(served);
        logs->shutdown();
    }
};

SAMSA_TEST_MAIN(TestProtocolEveryVersion, QCoreApplication)
#include "tst_protocoleveryversion.moc"

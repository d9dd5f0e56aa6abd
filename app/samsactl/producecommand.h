#pragma once

// samsactl produce: reads standard input without blocking the event loop, turns each line into a
// record (ProduceLineEncoder; for Avro with the subject's latest schema from the registry) and
// sends them in batches through the app's MessageProducer. Reading pauses while a full batch is on
// its way, so a large input never piles up in memory. Errors name the line they come from.

#include "ctloptions.h"
#include "messages/producerecord.h"
#include "producelineencoder.h"
#include "profiles/connectionprofile.h"

#include <QMap>
#include <QObject>
#include <memory>
#include <optional>

class QSocketNotifier;

namespace Samsa {
class MessageProducer;
class SchemaRegistryClient;
struct SchemaVersion;
struct RegistryError;
}

namespace Samsa::Ctl {

class SignalWatcher;

class ProduceCommand : public QObject {
    Q_OBJECT
public:
    explicit ProduceCommand(const CtlOptions& options, QObject* parent = nullptr);
    ~ProduceCommand() override;

    void start(const ConnectionProfile& profile, const ProfileSecrets& secrets);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void handleSchema(const SchemaVersion& version, const RegistryError& error);
    void startReading();
    void readInput();
    void takeLine(QByteArrayView line);
    void sendNextBatch();
    void handleResults(const QList<ProduceResult>& results);
    void handleBatchFinished(const ProduceSummary& summary);
    void lineFailed(qint64 lineNumber, const QString& error);
    void fail(const QString& error);
    void finishIfDone();

    CtlOptions m_options;
    QString m_topic;
    QList<QPair<QString, QString>> m_properties;
    std::unique_ptr<ProduceLineEncoder> m_encoder;
    SchemaRegistryClient* m_registry = nullptr;
    MessageProducer* m_producer = nullptr;
    QSocketNotifier* m_input = nullptr;
    SignalWatcher* m_signals = nullptr;
    QByteArray m_partialLine; // input after the last line break
    qint64 m_lineNumber = 0;
    QList<ProduceRecord> m_pending;
    QList<qint64> m_pendingLines; // line number of each pending record
    QList<qint64> m_sendingLines; // of the batch on its way
    bool m_sending = false;
    bool m_inputEnded = false;
    bool m_interrupted = false;
    bool m_done = false;
    qint64 m_delivered = 0;
    qint64 m_failed = 0; // lines that could not be encoded or were refused by the cluster
    qint64 m_notSent = 0;
    QMap<int, qint64> m_perPartition;
};

} // namespace Samsa::Ctl

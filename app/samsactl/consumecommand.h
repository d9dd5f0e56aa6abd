#pragma once

// samsactl consume: reads a topic with the browser's MessageReader (own consumer, assigned
// partitions, no group, no commits), decodes keys and values with the browser's PayloadDecoder and
// prints each message as one line of JSON in the form of messageToJson (as export and "Copy as
// JSON" write it), through MessageLineWriter, which writes common lines without per-message strings.
//
// Lines leave in the order records arrive, which is offset order within each partition. A record
// whose Avro schema is still being fetched holds back the lines after it until the schema arrives
// or the wait times out (then its line carries the error), so the order is kept.

#include "ctloptions.h"
#include "decoding/payloaddecoder.h"
#include "messages/kafkarecord.h"
#include "messages/messagelinewriter.h"
#include "profiles/connectionprofile.h"

#include <QObject>
#include <QTimer>
#include <deque>
#include <memory>

namespace Samsa {
class MessageReader;
class SchemaCache;
struct ReadPlan;
}

namespace Samsa::Ctl {

class SignalWatcher;

class ConsumeCommand : public QObject {
    Q_OBJECT
public:
    explicit ConsumeCommand(const CtlOptions& options, QObject* parent = nullptr);
    ~ConsumeCommand() override;

    void start(const ConnectionProfile& profile, const ProfileSecrets& secrets);

Q_SIGNALS:
    void finished(int exitCode);

private:
    void handlePlan(const ReadPlan& plan);
    void handleRecords(const QList<KafkaRecord>& records);
    void handleReadEnd(const QString& error);
    // Prints queued records until one waits for its schema or none is left.
    void drain();
    void giveUpWaiting();
    bool writeOut();
    void finishIfDone();

    CtlOptions m_options;
    std::shared_ptr<SchemaCache> m_cache;
    std::unique_ptr<PayloadDecoder> m_decoder;
    std::unique_ptr<MessageLineWriter> m_writer;
    MessageReader* m_reader = nullptr;
    SignalWatcher* m_signals = nullptr;
    DecodeOptions m_keyOptions;
    DecodeOptions m_valueOptions;
    std::deque<QList<KafkaRecord>> m_queue; // batches as the reader sent them
    qsizetype m_queuePosition = 0; // next record of the first batch
    QTimer m_schemaWait; // bounds the wait for a schema that holds the queue
    QList<int> m_abandonedSchemas; // ids whose wait timed out: their records are printed with the error
    int m_waitingFor = -1; // schema id the queue head waits for, -1 when not waiting
    QByteArray m_output;
    qint64 m_failedLines = 0;
    bool m_readEnded = false;
    QString m_readError;
    bool m_outputBroken = false;
    bool m_done = false;
};

} // namespace Samsa::Ctl

#pragma once

// samsactl's command line, parsed with QCommandLineParser against the table in commandtable.h;
// every mistake gets its own message and exit code 2.

#include "acloptions.h"
#include "commandtable.h"
#include "decoding/messageformat.h"
#include "groups/offsetreset.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Samsa::Ctl {

enum class ExitCode {
    Success = 0,
    // A cluster or registry request failed, or some messages could not be decoded or sent.
    ClusterError = 1,
    Usage = 2,
};

struct ConsumeOptions {
    enum class From { Beginning, End, Offset, Timestamp };
    From from = From::Beginning;
    qint64 fromValue = 0; // the offset, or milliseconds since the epoch
    QList<int> partitions; // empty: all
    qint64 count = 0; // 0: no limit
    bool follow = false;
    MessageFormat keyFormat = MessageFormat::Auto;
    MessageFormat valueFormat = MessageFormat::Auto;
    QString schemaFile;
};

struct ProduceOptions {
    MessageFormat valueFormat = MessageFormat::Json;
    QString subject; // empty: TOPIC-value
    QString keyField;
    int partition = -1; // -1: the partitioner chooses
    bool envelope = false;
};

struct GroupResetOptions {
    QString topic;
    QList<int> partitions;
    OffsetResetTarget target;
    bool dryRun = false;
};

struct TopicActionOptions {
    int partitions = -1; // -1: the broker's default
    int replicationFactor = -1;
    QList<QPair<QString, QString>> configs; // create: overrides; alter-config: changes (null value: delete)
    QList<QPair<int, qint64>> purge; // partition, offset before which to delete (-1: the end); empty: all
    qint64 cloneMessages = 0; // clone: messages to copy per partition
    bool cloneLast = false; // clone: the last ones, not the first
};

struct CtlOptions {
    Action action = Action::Help;
    QString helpCommand; // the command whose help to show (Help), or whose help to suggest after an error
    QStringList arguments; // of the command: topic name; resource type and name; group id
    QString bootstrap;
    QString profile;
    QString registry;
    bool json = false;
    int timeoutMs = 10000;
    // sample-data
    int rate = 50;
    int durationSeconds = 0;
    ConsumeOptions consume;
    ProduceOptions produce;
    GroupResetOptions reset;
    TopicActionOptions topic;
    AclCtlOptions acl;

    bool needsCluster() const;
};

// Returns false with *error set on bad usage (options->helpCommand then names the command, when known).
bool parseOptions(const QStringList& arguments, CtlOptions* options, QString* error);

} // namespace Samsa::Ctl

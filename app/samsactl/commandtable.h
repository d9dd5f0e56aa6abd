#pragma once

// Every samsactl command and option, described once: the parser (ctloptions.cpp) accepts what is
// listed here and the help texts (helptext.cpp) print it.

#include <QCommandLineOption>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace Samsa::Ctl {

enum class Action {
    Help,
    Version,
    Profiles,
    Brokers,
    Topics,
    DescribeTopic,
    Configs,
    SampleData,
    Consume,
    Produce,
    Groups,
    GroupDescribe,
    GroupReset,
    GroupDelete,
    GroupDeleteOffsets,
    Lag,
    TopicCreate,
    TopicDelete,
    TopicPurge,
    TopicAlterConfig,
    TopicClone,
    AclList,
    AclCreate,
    AclDelete,
};

struct CommandSpec {
    Action action;
    QString name; // as typed: "consume", "group describe"
    QStringList argumentNames; // positional arguments after the name, e.g. {"TOPIC"}; a last "TOPIC..." takes one or more
    QString summary; // one line for the command list
    QString details; // paragraphs for the command's own --help (may be empty)
    QStringList options; // long names of the options it takes besides the connection options
    bool needsCluster = true;
    // What an option means for this command, where it differs from the option's own description.
    QHash<QString, QString> optionDescriptions = {};
};

// All commands in the order the help lists them.
const QList<CommandSpec>& commandSpecs();
// The command whose name matches the start of `positional` ("group", "describe", "x" matches
// "group describe"); null when none does.
const CommandSpec* findCommand(const QStringList& positional);

// Every option of every command; the parser knows all of them and then checks which the command takes.
const QList<QCommandLineOption>& allOptions();
// The option with this long (or short) name; null when unknown.
const QCommandLineOption* findOption(const QString& name);
// Long names of the options every command takes (connection, registry, timeout, help).
const QStringList& globalOptionNames();

} // namespace Samsa::Ctl

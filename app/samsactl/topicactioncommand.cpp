#include "topicactioncommand.h"

#include "consoleoutput.h"
#include "profiles/connectionconfig.h"
#include "topicactionoutput.h"
#include "topics/topicactions.h"
#include "topics/topicclone.h"
#include "topics/topicname.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cstdio>

namespace Samsa::Ctl {

namespace {

QString verbOf(Action action)
{
    switch (action) {
    case Action::TopicCreate:
        return QStringLiteral("created");
    case Action::TopicDelete:
        return QStringLiteral("deleted");
    case Action::TopicPurge:
        return QStringLiteral("purged");
    default:
        return QStringLiteral("altered");
    }
}

} // namespace

TopicActionCommand::TopicActionCommand(const CtlOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
}

TopicActionCommand::~TopicActionCommand() = default;

void TopicActionCommand::start(const ConnectionProfile& profile, const ProfileSecrets& secrets)
{
    m_properties = ConnectionConfig::librdkafkaProperties(profile, secrets);
    m_actions = std::make_unique<TopicActions>(m_properties, m_options.timeoutMs);
    if (m_options.action == Action::TopicClone) {
        // First what the source has, then the clone (whose creation answers on `finished` too).
        connect(m_actions.get(), &TopicActions::topicInspected, this,
            [this](int, const TopicCloneSource& source) { startClone(source); });
        m_actions->inspectTopic(m_options.arguments.first());
        return;
    }
    connect(m_actions.get(), &TopicActions::finished, this,
        [this](int, const TopicActionResult& result) { handleFinished(result); });
    const QString topic = m_options.arguments.first();
    const TopicActionOptions& options = m_options.topic;
    switch (m_options.action) {
    case Action::TopicCreate: {
        const QString warning = TopicName::collisionWarning(topic);
        if (!warning.isEmpty())
            printError(QStringLiteral("warning: %1").arg(warning));
        m_actions->createTopics({ { topic, options.partitions, options.replicationFactor, options.configs } });
        break;
    }
    case Action::TopicDelete:
        m_actions->deleteTopics(m_options.arguments);
        break;
    case Action::TopicPurge: {
        PurgeRequest request { topic, {} };
        for (const auto& [partition, offset] : options.purge)
            request.partitions.append({ partition, offset });
        m_actions->purge({ request });
        break;
    }
    default:
        m_actions->alterConfigs(topic, options.configs);
        break;
    }
}

void TopicActionCommand::startClone(const TopicCloneSource& source)
{
    if (source.partitions < 1) {
        printError(QStringLiteral("%1: %2").arg(source.topic, source.error));
        Q_EMIT finished(int(ExitCode::ClusterError));
        return;
    }
    if (!source.error.isEmpty())
        printError(QStringLiteral("warning: %1").arg(source.error));
    const TopicActionOptions& options = m_options.topic;
    TopicCloneRequest request;
    request.source = source.topic;
    request.sourcePartitions = source.partitions;
    request.target.name = m_options.arguments.at(1);
    request.target.partitions = options.partitions > 0 ? options.partitions : source.partitions;
    request.target.replicationFactor = options.replicationFactor > 0 ? options.replicationFactor : source.replicationFactor;
    request.target.configs = source.overrides;
    request.copy = options.cloneMessages <= 0 ? CloneCopy::None : options.cloneLast ? CloneCopy::Last : CloneCopy::First;
    request.messagesPerPartition = options.cloneMessages;
    const QString problem = request.problem();
    if (!problem.isEmpty()) {
        printError(problem);
        Q_EMIT finished(int(ExitCode::Usage));
        return;
    }
    const QString warning = TopicName::collisionWarning(request.target.name);
    if (!warning.isEmpty())
        printError(QStringLiteral("warning: %1").arg(warning));
    m_clone = std::make_unique<TopicClone>(m_actions.get(), m_properties);
    connect(m_clone.get(), &TopicClone::finished, this, &TopicActionCommand::cloneFinished);
    m_cloneRequest = request;
    m_clone->start(request);
}

void TopicActionCommand::cloneFinished(const TopicCloneResult& result)
{
    const TopicCloneRequest& request = m_cloneRequest;
    if (m_options.json) {
        QJsonArray overrides;
        for (const auto& [name, value] : request.target.configs)
            overrides.append(QJsonObject { { QStringLiteral("name"), name }, { QStringLiteral("value"), value } });
        QJsonObject object { { QStringLiteral("source"), request.source }, { QStringLiteral("topic"), request.target.name },
            { QStringLiteral("created"), result.created }, { QStringLiteral("partitions"), request.target.partitions },
            { QStringLiteral("replicationFactor"), request.target.replicationFactor },
            { QStringLiteral("overrides"), overrides }, { QStringLiteral("copied"), result.copied },
            { QStringLiteral("failed"), result.failed } };
        if (!result.error.isEmpty())
            object.insert(QStringLiteral("error"), result.error);
        writeOut(QJsonDocument(object).toJson(QJsonDocument::Indented));
    } else if (result.created) {
        writeOut(QStringLiteral("%1: created from %2 (%3 partitions, replication %4, %5 overrides), %6 message(s) copied\n")
                     .arg(request.target.name, request.source)
                     .arg(request.target.partitions)
                     .arg(request.target.replicationFactor)
                     .arg(request.target.configs.size())
                     .arg(result.copied)
                     .toUtf8());
    }
    if (!result.error.isEmpty())
        printError(result.error);
    Q_EMIT finished(int(result.error.isEmpty() ? ExitCode::Success : ExitCode::ClusterError));
}

void TopicActionCommand::handleFinished(const TopicActionResult& result)
{
    const QString verb = verbOf(m_options.action);
    if (m_options.json)
        writeOut(QJsonDocument(topicActionJson(verb, result)).toJson(QJsonDocument::Indented));
    else
        writeOut(topicActionText(verb, result).toUtf8());
    for (const QString& failure : result.failures())
        printError(failure);
    Q_EMIT finished(int(result.ok() ? ExitCode::Success : ExitCode::ClusterError));
}

} // namespace Samsa::Ctl

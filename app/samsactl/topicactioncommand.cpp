#include "topicactioncommand.h"

#include "profiles/connectionconfig.h"
#include "topicactionoutput.h"
#include "topics/topicactions.h"
#include "topics/topicname.h"

#include <QJsonDocument>
#include <cstdio>

namespace Samsa::Ctl {

namespace {

void writeOut(const QByteArray& bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void printError(const QString& message)
{
    std::fprintf(stderr, "samsactl: %s\n", message.toLocal8Bit().constData());
}

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
    m_actions
        = std::make_unique<TopicActions>(ConnectionConfig::librdkafkaProperties(profile, secrets), m_options.timeoutMs);
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

#include "clustercommand.h"

#include "clusteroutput.h"
#include "groupoutput.h"
#include "kafka/kafkaclustersession.h"

#include <QJsonDocument>
#include <cstdio>

namespace Samsa::Ctl {

ClusterCommand::ClusterCommand(const CtlOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
}

ClusterCommand::~ClusterCommand() = default;

void ClusterCommand::start(const ConnectionProfile& profile, const ProfileSecrets& secrets)
{
    m_session = std::make_unique<KafkaClusterSession>(profile, secrets);
    m_session->setTimeoutMs(m_options.timeoutMs);
    connect(m_session.get(), &ClusterSession::stateChanged, this, [this](ClusterSession::State state) {
        if (state == ClusterSession::State::Failed)
            fail(m_session->errorText());
    });
    connect(m_session.get(), &ClusterSession::metadataReady, this, &ClusterCommand::handleConnected);
    connect(m_session.get(), &KafkaClusterSession::watermarksFinished, this,
        &ClusterCommand::handleWatermarksFinished);
    connect(m_session.get(), &ClusterSession::watermarksFailed, this, [](const QString& error) {
        std::fprintf(stderr, "samsactl: message counts unavailable: %s\n", error.toLocal8Bit().constData());
    });
    connect(m_session.get(), &ClusterSession::configsReady, this, &ClusterCommand::handleConfigs);
    connect(m_session.get(), &ClusterSession::groupsReady, this, &ClusterCommand::handleGroups);
    connect(m_session.get(), &ClusterSession::groupDetailReady, this, &ClusterCommand::handleGroupDetail);
    m_session->connectToCluster();
}

void ClusterCommand::handleConnected()
{
    switch (m_options.action) {
    case Action::Brokers:
        succeed(brokersText(m_session->metadata()), brokersJson(m_session->metadata()));
        break;
    case Action::DescribeTopic: {
        const QString name = m_options.arguments.first();
        const auto& topics = m_session->metadata().topics;
        if (std::none_of(topics.cbegin(), topics.cend(), [&name](const TopicInfo& topic) { return topic.name == name; }))
            fail(QStringLiteral("Topic '%1' does not exist.").arg(name));
        break; // otherwise printed once its watermarks are in
    }
    case Action::Configs: {
        const bool topic = m_options.arguments.first() == QLatin1String("topic");
        m_session->requestConfigs(
            { topic ? ConfigResourceType::Topic : ConfigResourceType::Broker, m_options.arguments.at(1) });
        break;
    }
    case Action::Groups:
        m_session->requestGroups();
        break;
    case Action::GroupDescribe:
        m_session->requestGroupDetail(m_options.arguments.first());
        break;
    default:
        break; // topics: printed once the watermarks are in
    }
}

void ClusterCommand::handleWatermarksFinished()
{
    const ClusterMetadata& metadata = m_session->metadata();
    if (m_options.action == Action::Topics) {
        succeed(topicsText(metadata), topicsJson(metadata));
    } else if (m_options.action == Action::DescribeTopic) {
        for (const TopicInfo& topic : metadata.topics) {
            if (topic.name == m_options.arguments.first()) {
                succeed(topicText(topic), topicJson(topic));
                return;
            }
        }
    }
}

void ClusterCommand::handleConfigs(const ConfigResult& result)
{
    if (!result.error.isEmpty())
        fail(result.error);
    else
        succeed(configsText(result), configsJson(result));
}

void ClusterCommand::handleGroups(const GroupListResult& result)
{
    if (!result.error.isEmpty())
        fail(result.error);
    else
        succeed(groupsText(result), groupsJson(result));
}

void ClusterCommand::handleGroupDetail(const GroupDetail& detail)
{
    if (!detail.error.isEmpty())
        fail(detail.error);
    else if (groupIsUnknown(detail))
        fail(QStringLiteral("Group '%1' does not exist.").arg(detail.id));
    else
        succeed(groupDetailText(detail), groupDetailJson(detail));
}

void ClusterCommand::succeed(const QString& text, const QJsonObject& json)
{
    if (m_done)
        return;
    m_done = true;
    const QByteArray output = m_options.json ? QJsonDocument(json).toJson(QJsonDocument::Indented) : text.toUtf8();
    std::fwrite(output.constData(), 1, size_t(output.size()), stdout);
    std::fflush(stdout);
    m_session->disconnectFromCluster();
    Q_EMIT finished(int(ExitCode::Success));
}

void ClusterCommand::fail(const QString& error)
{
    if (m_done)
        return;
    m_done = true;
    std::fprintf(stderr, "samsactl: %s\n", error.toLocal8Bit().constData());
    m_session->disconnectFromCluster();
    Q_EMIT finished(int(ExitCode::ClusterError));
}

} // namespace Samsa::Ctl

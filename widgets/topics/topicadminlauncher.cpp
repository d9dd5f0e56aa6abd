#include "topicadminlauncher.h"

#include "addpartitionsdialog.h"
#include "clonetopicdialog.h"
#include "createtopicdialog.h"
#include "deletetopicsdialog.h"
#include "kafka/clustersession.h"
#include "profiles/connectionconfig.h"
#include "purgetopicdialog.h"
#include "topics/topicactions.h"

#include <QWidget>

namespace Samsa {

TopicAdminLauncher::TopicAdminLauncher(ClusterSession* session, QWidget* parent)
    : QObject(parent)
    , m_session(session)
    , m_parent(parent)
{
}

TopicActions* TopicAdminLauncher::actions()
{
    if (!m_actions && m_session)
        m_actions = new TopicActions(
            ConnectionConfig::librdkafkaProperties(m_session->profile(), m_session->secrets()), 15000, this);
    return m_actions;
}

void TopicAdminLauncher::refreshSession()
{
    if (m_session)
        m_session->refresh();
}

void TopicAdminLauncher::createTopic()
{
    TopicActions* runner = actions();
    if (!runner)
        return;
    auto* dialog = new CreateTopicDialog(runner, m_parent);
    dialog->setObjectName(QStringLiteral("createTopicDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateTopicDialog::topicCreated, this, &TopicAdminLauncher::refreshSession);
    dialog->open();
}

void TopicAdminLauncher::deleteTopics(const QStringList& topics)
{
    TopicActions* runner = actions();
    if (!runner || topics.isEmpty())
        return;
    auto* dialog = new DeleteTopicsDialog(runner, topics, m_parent);
    dialog->setObjectName(QStringLiteral("deleteTopicsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeleteTopicsDialog::topicsDeleted, this, [this](const QStringList& deleted) {
        refreshSession();
        Q_EMIT topicsDeleted(deleted);
    });
    dialog->open();
}

void TopicAdminLauncher::addPartitions(const QString& topic)
{
    TopicActions* runner = actions();
    if (!runner)
        return;
    int count = 0;
    for (const TopicInfo& info : m_session->metadata().topics) {
        if (info.name == topic)
            count = int(info.partitions.size());
    }
    auto* dialog = new AddPartitionsDialog(runner, topic, count, m_parent);
    dialog->setObjectName(QStringLiteral("addPartitionsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddPartitionsDialog::partitionsAdded, this, &TopicAdminLauncher::refreshSession);
    dialog->open();
}

void TopicAdminLauncher::purge(const QString& topic)
{
    TopicActions* runner = actions();
    if (!runner)
        return;
    QList<PurgeTopicDialog::Partition> partitions;
    for (const TopicInfo& info : m_session->metadata().topics) {
        if (info.name != topic)
            continue;
        for (const PartitionInfo& partition : info.partitions)
            partitions.append({ partition.partition, partition.lowWatermark, partition.highWatermark });
    }
    auto* dialog = new PurgeTopicDialog(runner, topic, partitions, m_parent);
    dialog->setObjectName(QStringLiteral("purgeTopicDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PurgeTopicDialog::purged, this, &TopicAdminLauncher::refreshSession);
    dialog->open();
}

void TopicAdminLauncher::cloneTopic(const QString& topic)
{
    TopicActions* runner = actions();
    if (!runner)
        return;
    auto* dialog = new CloneTopicDialog(
        runner, ConnectionConfig::librdkafkaProperties(m_session->profile(), m_session->secrets()), topic, m_parent);
    dialog->setObjectName(QStringLiteral("cloneTopicDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CloneTopicDialog::topicCloned, this, &TopicAdminLauncher::refreshSession);
    dialog->open();
}

} // namespace Samsa

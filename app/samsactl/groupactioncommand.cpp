#include "groupactioncommand.h"

#include "consoleoutput.h"
#include "groups/groupactions.h"
#include "profiles/connectionconfig.h"
#include "texttable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace Samsa::Ctl {

namespace {

QJsonValue offsetJson(qint64 offset)
{
    return offset >= 0 ? QJsonValue(offset) : QJsonValue();
}

} // namespace

GroupActionCommand::GroupActionCommand(const CtlOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
}

GroupActionCommand::~GroupActionCommand() = default;

void GroupActionCommand::start(const ConnectionProfile& profile, const ProfileSecrets& secrets)
{
    m_actions = std::make_unique<GroupActions>(
        ConnectionConfig::librdkafkaProperties(profile, secrets), m_options.timeoutMs);
    const QString group = m_options.arguments.first();
    connect(m_actions.get(), &GroupActions::previewReady, this, &GroupActionCommand::handlePreview);
    connect(m_actions.get(), &GroupActions::applied, this, &GroupActionCommand::handleApplied);
    connect(m_actions.get(), &GroupActions::deleted, this, [this, group](bool ok, const QString& error) {
        if (!ok) {
            printError(error);
            Q_EMIT finished(int(ExitCode::ClusterError));
            return;
        }
        writeOut((m_options.action == Action::GroupDelete
                      ? QStringLiteral("Deleted group %1.\n").arg(group)
                      : QStringLiteral("Deleted the offsets of group %1 for topic %2.\n").arg(group, m_options.reset.topic))
                     .toUtf8());
        Q_EMIT finished(int(ExitCode::Success));
    });
    switch (m_options.action) {
    case Action::GroupDelete:
        m_actions->deleteGroup(group);
        break;
    case Action::GroupDeleteOffsets:
        m_actions->deleteOffsets(group, m_options.reset.topic);
        break;
    default: {
        OffsetResetRequest request;
        request.group = group;
        request.topic = m_options.reset.topic;
        request.partitions = m_options.reset.partitions;
        request.target = m_options.reset.target;
        m_actions->preview(request);
        break;
    }
    }
}

void GroupActionCommand::handlePreview(const OffsetResetPlan& plan)
{
    if (!plan.error.isEmpty()) {
        printError(plan.error);
        Q_EMIT finished(int(ExitCode::ClusterError));
        return;
    }
    if (m_options.reset.dryRun) {
        print(plan, false);
        if (!plan.refusal.isEmpty())
            printError(QStringLiteral("note: %1").arg(plan.refusal));
        Q_EMIT finished(int(ExitCode::Success));
        return;
    }
    if (!plan.refusal.isEmpty()) {
        printError(plan.refusal);
        Q_EMIT finished(int(ExitCode::ClusterError));
        return;
    }
    m_actions->apply(plan);
}

void GroupActionCommand::handleApplied(const OffsetResetPlan& plan, const QString& error)
{
    print(plan, true);
    if (!error.isEmpty())
        printError(error);
    Q_EMIT finished(int(error.isEmpty() ? ExitCode::Success : ExitCode::ClusterError));
}

void GroupActionCommand::print(const OffsetResetPlan& plan, bool applied)
{
    if (m_options.json) {
        QJsonArray partitions;
        for (const OffsetResetRow& row : plan.rows) {
            QJsonObject entry { { QStringLiteral("topic"), row.topic }, { QStringLiteral("partition"), row.partition },
                { QStringLiteral("current"), offsetJson(row.current) }, { QStringLiteral("new"), offsetJson(row.target) },
                { QStringLiteral("start"), offsetJson(row.start) }, { QStringLiteral("end"), offsetJson(row.end) } };
            if (!row.note.isEmpty())
                entry.insert(QStringLiteral("note"), row.note);
            if (applied && !row.result.isEmpty())
                entry.insert(QStringLiteral("error"), row.result);
            partitions.append(entry);
        }
        const QJsonObject out { { QStringLiteral("group"), plan.request.group },
            { QStringLiteral("state"), plan.groupState }, { QStringLiteral("target"), targetText(plan.request.target) },
            { QStringLiteral("applied"), applied && plan.canApply() }, { QStringLiteral("partitions"), partitions } };
        writeOut(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return;
    }
    QStringList header { QStringLiteral("TOPIC"), QStringLiteral("PARTITION"), QStringLiteral("CURRENT"),
        QStringLiteral("NEW"), QStringLiteral("NOTE") };
    if (applied)
        header.append(QStringLiteral("RESULT"));
    TextTable table(header);
    table.setNumericColumns({ 1, 2, 3 });
    for (const OffsetResetRow& row : plan.rows) {
        QStringList cells { row.topic, QString::number(row.partition),
            row.current >= 0 ? QString::number(row.current) : QStringLiteral("-"), QString::number(row.target), row.note };
        if (applied)
            cells.append(row.result.isEmpty() ? QStringLiteral("ok") : row.result);
        table.addRow(cells);
    }
    writeOut(QStringLiteral("Group %1 (%2), reset to %3%4:\n%5")
                 .arg(plan.request.group, plan.groupState, targetText(plan.request.target),
                     applied ? QString() : QStringLiteral(" (preview, nothing changed)"), table.toString())
                 .toUtf8());
}

} // namespace Samsa::Ctl

#pragma once

// Consumer-group actions off the UI thread: preview and apply an offset reset, delete a group, delete
// a group's offsets of a topic. One worker thread with its own librdkafka handle per GroupActions;
// one action at a time (the caller waits for its answer before asking again). Used by the group
// page's dialogs and by samsactl.

#include "groups/offsetreset.h"

#include <QObject>
#include <QPair>
#include <atomic>
#include <memory>

namespace Samsa {

class GroupActionsWorker;

class GroupActions : public QObject {
    Q_OBJECT
public:
    GroupActions(const QList<QPair<QString, QString>>& properties, int timeoutMs, QObject* parent = nullptr);
    ~GroupActions() override; // never waits: the worker finishes its action and goes

    void preview(const OffsetResetRequest& request);
    void apply(const OffsetResetPlan& plan);
    void deleteGroup(const QString& groupId);
    void deleteOffsets(const QString& groupId, const QString& topic);

Q_SIGNALS:
    void previewReady(const Samsa::OffsetResetPlan& plan);
    // The plan with each row's result; error empty when every partition was moved.
    void applied(const Samsa::OffsetResetPlan& plan, const QString& error);
    void deleted(bool ok, const QString& error);

private:
    GroupActionsWorker* m_worker;
};

} // namespace Samsa

#pragma once

// ACL administration off the UI thread: list (DescribeAcls), create (CreateAcls) and remove
// (DeleteAcls). One worker thread with its own librdkafka handle per AclActions; each call answers
// with `finished` carrying the job id it returned. Used by the ACL page and samsactl.

#include "acls/acltypes.h"

#include <QObject>
#include <QPair>

namespace Samsa {

class AclActionsWorker;

class AclActions : public QObject {
    Q_OBJECT
public:
    AclActions(const QList<QPair<QString, QString>>& properties, int timeoutMs, QObject* parent = nullptr);
    ~AclActions() override; // never waits: the worker finishes its action and goes

    // Each returns the job id that `finished` will carry.
    int list(const AclFilter& filter);
    // Each binding is checked (validateAclBinding) first: a bad one gets its own outcome, the others
    // are still created.
    int create(const QList<AclBinding>& bindings);
    // The result's bindings are the ACLs deleted; a filter the broker refused has its line in filterErrors.
    int remove(const QList<AclFilter>& filters);

Q_SIGNALS:
    void finished(int job, const Samsa::AclActionResult& result);

private:
    int nextJob() { return ++m_lastJob; }

    AclActionsWorker* m_worker;
    int m_lastJob = 0;
};

} // namespace Samsa

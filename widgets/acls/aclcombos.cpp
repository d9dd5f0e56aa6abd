#include "aclcombos.h"

#include <QCoreApplication>

namespace Samsa {

namespace {
// The values a form offers (never Any), in Kafka's order.
const QList<AclResourceType>& formResourceTypes()
{
    static const QList<AclResourceType> types { AclResourceType::Topic, AclResourceType::Group,
        AclResourceType::Cluster, AclResourceType::TransactionalId };
    return types;
}

const QList<AclOperation>& formOperations()
{
    static const QList<AclOperation> operations { AclOperation::All, AclOperation::Read, AclOperation::Write,
        AclOperation::Create, AclOperation::Delete, AclOperation::Alter, AclOperation::Describe,
        AclOperation::ClusterAction, AclOperation::DescribeConfigs, AclOperation::AlterConfigs,
        AclOperation::IdempotentWrite };
    return operations;
}
} // namespace

void fillAclResourceTypes(QComboBox* combo, bool withAny)
{
    combo->clear();
    if (withAny)
        combo->addItem(QCoreApplication::translate("Samsa::AclCombos", "Any type"), int(AclResourceType::Any));
    for (AclResourceType type : formResourceTypes())
        combo->addItem(aclName(type), int(type));
}

void fillAclPatternTypes(QComboBox* combo, const QList<AclPatternType>& types)
{
    combo->clear();
    for (AclPatternType type : types)
        combo->addItem(aclName(type), int(type));
}

void fillAclOperations(QComboBox* combo, bool withAny)
{
    combo->clear();
    if (withAny)
        combo->addItem(QCoreApplication::translate("Samsa::AclCombos", "Any operation"), int(AclOperation::Any));
    for (AclOperation operation : formOperations())
        combo->addItem(aclName(operation), int(operation));
}

void fillAclPermissions(QComboBox* combo, bool withAny)
{
    combo->clear();
    if (withAny)
        combo->addItem(QCoreApplication::translate("Samsa::AclCombos", "Allow or deny"), int(AclPermission::Any));
    combo->addItem(aclName(AclPermission::Allow), int(AclPermission::Allow));
    combo->addItem(aclName(AclPermission::Deny), int(AclPermission::Deny));
}

void selectAclValue(QComboBox* combo, int value)
{
    const int index = combo->findData(value);
    if (index >= 0)
        combo->setCurrentIndex(index);
}

} // namespace Samsa

#pragma once

// Combo boxes of the ACL enums, shared by the ACL page and its dialogs: each item shows the name
// Kafka's tools use ("TOPIC", "READ") and carries the enum's value as int data.

#include "acls/acltypes.h"

#include <QComboBox>
#include <QList>

namespace Samsa {

void fillAclResourceTypes(QComboBox* combo, bool withAny);
void fillAclPatternTypes(QComboBox* combo, const QList<AclPatternType>& types);
void fillAclOperations(QComboBox* combo, bool withAny);
void fillAclPermissions(QComboBox* combo, bool withAny);
// Makes the item whose data is `value` current; leaves the combo alone when there is none.
void selectAclValue(QComboBox* combo, int value);

template <typename Enum> Enum aclComboValue(const QComboBox* combo)
{
    return static_cast<Enum>(combo->currentData().toInt());
}

} // namespace Samsa

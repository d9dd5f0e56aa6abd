#pragma once

// samsactl acl list | create | delete: their options, read from the parsed command line into a
// filter (list, delete) or the bindings to create (one per --operation).

#include "acls/acltypes.h"
#include "commandtable.h"

#include <QList>

class QCommandLineParser;

namespace Samsa::Ctl {

struct AclCtlOptions {
    AclFilter filter; // list, delete
    QList<AclBinding> bindings; // create
    bool yes = false; // delete: really delete, not only show what the filter matches
};

// Empty, or the usage error.
QString readAclOptions(const QCommandLineParser& parser, Action action, AclCtlOptions* acl);

} // namespace Samsa::Ctl

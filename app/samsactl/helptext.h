#pragma once

// samsactl's help: the command list, and one page per command with its arguments and options,
// both generated from the table in commandtable.h.

#include <QString>

namespace Samsa::Ctl {

struct CommandSpec;

QString generalHelp();
QString commandHelp(const CommandSpec& spec);
// "samsactl consume TOPIC [options]"
QString commandSynopsis(const CommandSpec& spec);

} // namespace Samsa::Ctl

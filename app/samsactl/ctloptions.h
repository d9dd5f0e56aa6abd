#pragma once

// samsactl's command line: parsed by hand so that every mistake gets its own message and exit code 2.

#include <QString>
#include <QStringList>

namespace Samsa::Ctl {

enum class ExitCode { Success = 0, ClusterError = 1, Usage = 2 };

struct CtlOptions {
    enum class Action { Help, Version, Profiles, Brokers, Topics, DescribeTopic, Configs, SampleData };
    Action action = Action::Help;
    QStringList arguments; // of the command: topic name; or resource type and name
    QString bootstrap;
    QString profile;
    bool json = false;
    int timeoutMs = 10000;
    // sample-data
    int rate = 50;
    int durationSeconds = 0;
    QString registry;

    bool needsCluster() const
    {
        return action != Action::Help && action != Action::Version && action != Action::Profiles;
    }
};

// Returns false with *error set on bad usage.
bool parseOptions(const QStringList& arguments, CtlOptions* options, QString* error);
QString usageText();

} // namespace Samsa::Ctl

#include "ctloptions.h"

#include <QHash>
#include <QUrl>

namespace Samsa::Ctl {

namespace {

struct CommandSpec {
    CtlOptions::Action action;
    int argumentCount;
    const char* synopsis;
};

const QHash<QString, CommandSpec>& commands()
{
    static const QHash<QString, CommandSpec> table {
        { QStringLiteral("profiles"), { CtlOptions::Action::Profiles, 0, "profiles" } },
        { QStringLiteral("brokers"), { CtlOptions::Action::Brokers, 0, "brokers" } },
        { QStringLiteral("topics"), { CtlOptions::Action::Topics, 0, "topics" } },
        { QStringLiteral("describe-topic"), { CtlOptions::Action::DescribeTopic, 1, "describe-topic TOPIC" } },
        { QStringLiteral("configs"), { CtlOptions::Action::Configs, 2, "configs topic|broker NAME" } },
        { QStringLiteral("sample-data"), { CtlOptions::Action::SampleData, 0, "sample-data [--rate N] [--duration S]" } },
    };
    return table;
}

// "--name value" or "--name=value"; advances *index past the value.
bool takeValue(const QStringList& arguments, qsizetype* index, const QString& name, QString* value, QString* error)
{
    const QString& argument = arguments.at(*index);
    if (argument.startsWith(name + QLatin1Char('='))) {
        *value = argument.mid(name.size() + 1);
    } else if (*index + 1 < arguments.size()) {
        *value = arguments.at(++*index);
    } else {
        *error = QStringLiteral("option %1 needs a value").arg(name);
        return false;
    }
    if (value->trimmed().isEmpty()) {
        *error = QStringLiteral("option %1 needs a value").arg(name);
        return false;
    }
    return true;
}

bool matchesOption(const QString& argument, const QString& name)
{
    return argument == name || argument.startsWith(name + QLatin1Char('='));
}

} // namespace

QString usageText()
{
    return QStringLiteral(
        "Usage: samsactl [options] COMMAND [ARGUMENTS]\n"
        "Scriptable access to Kafka clusters, with the same connection code and profiles as Samsa.\n"
        "\n"
        "Commands:\n"
        "  profiles                    List the saved connection profiles.\n"
        "  brokers                     List the brokers of a cluster.\n"
        "  topics                      List topics with partitions, replication and message counts.\n"
        "  describe-topic TOPIC        Show the partitions of a topic with leaders, replicas and offsets.\n"
        "  configs topic|broker NAME   Show the configuration of a topic or of a broker (by id).\n"
        "  sample-data                 Create the demo topics orders (Avro), clickstream (JSON) and telemetry\n"
        "                              (Avro, 12 partitions), keep messages flowing, and run one consumer\n"
        "                              group that keeps up and one that falls behind. Without --bootstrap\n"
        "                              or --profile: the local broker (profile \"Local\", or 127.0.0.1:9092).\n"
        "\n"
        "Options:\n"
        "  --bootstrap HOST:PORT[,...] Connect to these bootstrap servers (plaintext).\n"
        "  --profile NAME              Connect with a saved profile; its passwords come from the keychain.\n"
        "  --json                      Print JSON instead of aligned columns.\n"
        "  --timeout MS                Bound of each network step (default 10000).\n"
        "  --rate N                    sample-data: messages per second, all topics together (default 50).\n"
        "  --duration S                sample-data: stop after S seconds (default: run until Ctrl+C).\n"
        "  --registry URL              sample-data: Schema Registry (default: the profile's, else\n"
        "                              http://127.0.0.1:8081).\n"
        "  -h, --help                  Show this help and exit.\n"
        "  -v, --version               Show the version and exit.\n"
        "\n"
        "Exit status: 0 on success, 1 when the cluster request failed (error on stderr), 2 on bad usage.\n");
}

bool parseOptions(const QStringList& arguments, CtlOptions* options, QString* error)
{
    QStringList positional;
    for (qsizetype index = 1; index < arguments.size(); ++index) {
        const QString& argument = arguments.at(index);
        if (argument == QLatin1String("-h") || argument == QLatin1String("--help")) {
            options->action = CtlOptions::Action::Help;
            return true;
        }
        if (argument == QLatin1String("-v") || argument == QLatin1String("--version")) {
            options->action = CtlOptions::Action::Version;
            return true;
        }
        if (argument == QLatin1String("--json")) {
            options->json = true;
        } else if (matchesOption(argument, QStringLiteral("--bootstrap"))) {
            if (!takeValue(arguments, &index, QStringLiteral("--bootstrap"), &options->bootstrap, error))
                return false;
        } else if (matchesOption(argument, QStringLiteral("--profile"))) {
            if (!takeValue(arguments, &index, QStringLiteral("--profile"), &options->profile, error))
                return false;
        } else if (matchesOption(argument, QStringLiteral("--timeout"))) {
            QString value;
            if (!takeValue(arguments, &index, QStringLiteral("--timeout"), &value, error))
                return false;
            bool isNumber = false;
            options->timeoutMs = value.toInt(&isNumber);
            if (!isNumber || options->timeoutMs < 100 || options->timeoutMs > 600000) {
                *error = QStringLiteral("--timeout needs milliseconds between 100 and 600000, not '%1'").arg(value);
                return false;
            }
        } else if (matchesOption(argument, QStringLiteral("--rate"))
            || matchesOption(argument, QStringLiteral("--duration"))) {
            const QString name = argument.section(QLatin1Char('='), 0, 0);
            QString value;
            if (!takeValue(arguments, &index, name, &value, error))
                return false;
            bool isNumber = false;
            const int number = value.toInt(&isNumber);
            const bool isRate = name == QLatin1String("--rate");
            if (!isNumber || number < 1 || number > (isRate ? 100000 : 86400 * 365)) {
                *error = isRate ? QStringLiteral("--rate needs messages per second between 1 and 100000, not '%1'").arg(value)
                                : QStringLiteral("--duration needs a number of seconds, at least 1, not '%1'").arg(value);
                return false;
            }
            (isRate ? options->rate : options->durationSeconds) = number;
        } else if (matchesOption(argument, QStringLiteral("--registry"))) {
            if (!takeValue(arguments, &index, QStringLiteral("--registry"), &options->registry, error))
                return false;
            const QUrl url(options->registry, QUrl::StrictMode);
            if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
                || url.host().isEmpty()) {
                *error = QStringLiteral("--registry needs an http(s) URL, not '%1'").arg(options->registry);
                return false;
            }
        } else if (argument.startsWith(QLatin1Char('-')) && argument.size() > 1) {
            *error = QStringLiteral("unknown option '%1'").arg(argument);
            return false;
        } else {
            positional.append(argument);
        }
    }
    if (positional.isEmpty()) {
        *error = QStringLiteral("no command given");
        return false;
    }
    const QString command = positional.takeFirst();
    const auto spec = commands().constFind(command);
    if (spec == commands().constEnd()) {
        *error = QStringLiteral("unknown command '%1'").arg(command);
        return false;
    }
    if (positional.size() != spec->argumentCount) {
        *error = QStringLiteral("usage: samsactl %1").arg(QString::fromLatin1(spec->synopsis));
        return false;
    }
    options->action = spec->action;
    options->arguments = positional;
    if (options->action == CtlOptions::Action::Configs) {
        const QString type = positional.first();
        if (type != QLatin1String("topic") && type != QLatin1String("broker")) {
            *error = QStringLiteral("configs needs 'topic' or 'broker', not '%1'").arg(type);
            return false;
        }
    }
    const bool sampleOnly = options->rate != CtlOptions().rate || options->durationSeconds != 0 || !options->registry.isEmpty();
    if (sampleOnly && options->action != CtlOptions::Action::SampleData) {
        *error = QStringLiteral("--rate, --duration and --registry belong to sample-data");
        return false;
    }
    if (options->action == CtlOptions::Action::SampleData) {
        if (!options->bootstrap.isEmpty() && !options->profile.isEmpty()) {
            *error = QStringLiteral("sample-data takes at most one of --bootstrap or --profile");
            return false;
        }
    } else if (options->needsCluster()) {
        if (options->bootstrap.isEmpty() == options->profile.isEmpty()) {
            *error = QStringLiteral("%1 needs exactly one of --bootstrap or --profile").arg(command);
            return false;
        }
    } else if (!options->bootstrap.isEmpty() || !options->profile.isEmpty()) {
        *error = QStringLiteral("%1 takes no --bootstrap or --profile").arg(command);
        return false;
    }
    return true;
}

} // namespace Samsa::Ctl

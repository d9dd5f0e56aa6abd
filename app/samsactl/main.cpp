// samsactl: a small scriptable companion of Samsa. It reads the same profiles and keychain entries
// and talks to clusters through the same KafkaClusterSession as the desktop console.

#include "aclcommand.h"
#include "clustercommand.h"
#include "clusteroutput.h"
#include "consoleoutput.h"
#include "consumecommand.h"
#include "ctloptions.h"
#include "groupactioncommand.h"
#include "helptext.h"
#include "lagcommand.h"
#include "producecommand.h"
#include "sampledatacommand.h"
#include "topicactioncommand.h"
#include "kafka/kafkaclustersession.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <csignal>
#include <cstdio>

using namespace Samsa;
using namespace Samsa::Ctl;

namespace {

int usageError(const QString& message, const QString& command = {})
{
    const QString help = command.isEmpty() ? QStringLiteral("samsactl --help")
                                           : QStringLiteral("samsactl %1 --help").arg(command);
    std::fprintf(stderr, "samsactl: %s\nTry '%s'.\n", message.toLocal8Bit().constData(), help.toLocal8Bit().constData());
    return int(ExitCode::Usage);
}

QString helpText(const QString& command)
{
    for (const CommandSpec& spec : commandSpecs()) {
        if (spec.name == command)
            return commandHelp(spec);
    }
    return generalHelp();
}

int clusterError(const QString& message)
{
    std::fprintf(stderr, "samsactl: %s\n", message.toLocal8Bit().constData());
    return int(ExitCode::ClusterError);
}

// Starts the command once the profile's secrets are read (from the keychain, asynchronously: it may
// even ask the user), runs the event loop until the command finishes, and returns its exit code.
template<typename Command>
int runCommand(QCoreApplication& app, Command& command, const ConnectionProfile& profile, int* exitCode)
{
    bool done = false;
    QObject::connect(&command, &Command::finished, &app, [exitCode, &done](int code) {
        *exitCode = code;
        done = true;
        QCoreApplication::exit(code);
    });
    SecretStore secrets;
    if (profile.id != 0) {
        QObject::connect(&secrets, &SecretStore::secretsRead, &command,
            [&command, &profile](qint64 id, const ProfileSecrets& values, const QString& readError) {
                if (id != profile.id)
                    return;
                if (!readError.isEmpty())
                    std::fprintf(stderr, "samsactl: passwords unavailable: %s\n", readError.toLocal8Bit().constData());
                command.start(profile, values);
            });
        secrets.read(profile.id);
    } else {
        command.start(profile, {});
    }
    // A command may finish inside start() (bad input found at once); exit() does nothing before exec().
    if (!done)
        app.exec();
    return *exitCode;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    // The same names as the desktop application, so that both find the same settings.
    QCoreApplication::setOrganizationName(QStringLiteral("samsa"));
    QCoreApplication::setApplicationName(QStringLiteral("samsa"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SAMSA_VERSION));

    CtlOptions options;
    QString error;
    if (!parseOptions(QCoreApplication::arguments(), &options, &error))
        return usageError(error, options.helpCommand);
    if (options.action == Action::Help) {
        writeOut(helpText(options.helpCommand).toUtf8());
        return int(ExitCode::Success);
    }
    if (options.action == Action::Version) {
        writeOut(QByteArrayLiteral("samsactl " SAMSA_VERSION "\n"));
        return int(ExitCode::Success);
    }

    ConnectionProfile profile;
    std::unique_ptr<ProfileStore> store;
    // sample-data without a target: the local broker, by its profile when there is one.
    const bool localDefault
        = options.action == Action::SampleData && options.profile.isEmpty() && options.bootstrap.isEmpty();
    if (options.action == Action::Profiles || !options.profile.isEmpty() || localDefault) {
        store = std::make_unique<ProfileStore>();
        if (!store->open())
            return clusterError(QStringLiteral("cannot open the profile database: %1").arg(store->errorText()));
    }
    if (options.action == Action::Profiles) {
        const QList<ConnectionProfile> profiles = store->profiles();
        writeOut(options.json ? QJsonDocument(profilesJson(profiles)).toJson(QJsonDocument::Indented)
                              : profilesText(profiles).toUtf8());
        return int(ExitCode::Success);
    }

    if (localDefault) {
        const std::optional<ConnectionProfile> local = store->profileByName(QStringLiteral("Local"));
        if (local) {
            profile = *local;
        } else {
            profile.name = QStringLiteral("Local");
            profile.bootstrapServers = QStringLiteral("127.0.0.1:9092");
        }
    } else if (!options.profile.isEmpty()) {
        const std::optional<ConnectionProfile> found = store->profileByName(options.profile);
        if (!found)
            return usageError(QStringLiteral("no profile named '%1' (see 'samsactl profiles')").arg(options.profile),
                options.helpCommand);
        profile = *found;
    } else {
        profile.name = QStringLiteral("samsactl");
        profile.bootstrapServers = options.bootstrap;
    }

    int exitCode = int(ExitCode::ClusterError);
    if (options.action == Action::SampleData) {
        SampleDataCommand command(options);
        exitCode = runCommand(app, command, profile, &exitCode);
    } else if (options.action == Action::Consume) {
        // A reader that goes away (`| head`) is noticed as a failed write, not by being killed.
        std::signal(SIGPIPE, SIG_IGN);
        ConsumeCommand command(options);
        exitCode = runCommand(app, command, profile, &exitCode);
    } else if (options.action == Action::GroupReset || options.action == Action::GroupDelete
        || options.action == Action::GroupDeleteOffsets) {
        GroupActionCommand command(options);
        exitCode = runCommand(app, command, profile, &exitCode);
    } else if (options.action == Action::TopicCreate || options.action == Action::TopicDelete
        || options.action == Action::TopicPurge || options.action == Action::TopicAlterConfig
        || options.action == Action::TopicClone) {
        TopicActionCommand command(options);
        exitCode = runCommand(app, command, profile, &exitCode);
    } else if (options.action == Action::AclList || options.action == Action::AclCreate
        || options.action == Action::AclDelete) {
        AclCommand command(options);
        exitCode = runCommand(app, command, profile, &exitCode);
    } else if (options.action == Action::Lag) {
        LagCommand command(options);
        exitCode = runCommand(app, command, profile, &exitCode);
    } else if (options.action == Action::Produce) {
        ProduceCommand command(options);
        exitCode = runCommand(app, command, profile, &exitCode);
    } else {
        ClusterCommand command(options);
        exitCode = runCommand(app, command, profile, &exitCode);
    }
    // The session's worker ends once its last librdkafka call returns; wait briefly for it.
    KafkaClusterSession::waitForWorkers(3000);
    return exitCode;
}

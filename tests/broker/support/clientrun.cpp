#include "clientrun.h"

#include <QProcess>

namespace Samsa::Test {

ClientRun runClient(const QString& program, const QStringList& arguments, const QByteArray& input,
    const QProcessEnvironment& environment, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    ClientRun run;
    if (!process.waitForStarted(10000)) {
        run.output = QStringLiteral("cannot start ") + program + QStringLiteral(": ") + process.errorString();
        return run;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        run.output = QStringLiteral("timed out: ") + QString::fromUtf8(process.readAll());
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.output = QString::fromUtf8(process.readAll());
    return run;
}

QProcessEnvironment nodeEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("NODE_PATH"),
        qEnvironmentVariable("SAMSA_SOURCE_DIR") + QStringLiteral("/.npm-peers/node_modules"));
    return environment;
}

} // namespace Samsa::Test

#pragma once

// Runs a command-line program (samsactl, kcat) to its end and keeps its exit code, stdout and
// stderr apart: the samsactl tests check what each stream says.

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <initializer_list>

namespace Samsa::Test {

struct ProgramRun {
    int exitCode = -1; // -1: crashed or hung (err says so)
    QByteArray out;
    QByteArray err;
};

// `input` goes to the program's stdin, which is then closed.
inline ProgramRun runProgram(const QString& program, const QStringList& arguments, const QByteArray& input = {})
{
    QProcess process;
    process.start(program, arguments);
    if (process.waitForStarted(10000)) {
        process.write(input);
        process.closeWriteChannel();
    }
    ProgramRun run;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        process.waitForFinished();
        run.err = program.toUtf8() + " crashed or hung";
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

// A command line written as string literals.
inline QStringList args(std::initializer_list<const char*> list)
{
    QStringList result;
    for (const char* item : list)
        result.append(QString::fromUtf8(item));
    return result;
}

// The JSON object a program printed; an empty object (and a warning with the text) otherwise.
inline QJsonObject parseObject(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s\n%s", qPrintable(error.errorString()), json.constData());
    return document.object();
}

} // namespace Samsa::Test

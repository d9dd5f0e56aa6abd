#include "helptext.h"

#include "commandtable.h"

namespace Samsa::Ctl {

namespace {

constexpr int NameColumn = 32;
constexpr int LineWidth = 110;

// Appends "  name  description", the description wrapped at word boundaries and indented.
void appendEntry(QString& out, const QString& name, const QString& description)
{
    QString line = QStringLiteral("  ") + name;
    const QString indent(NameColumn, QLatin1Char(' '));
    if (line.size() + 1 >= NameColumn) {
        out += line + QLatin1Char('\n');
        line = indent;
    } else {
        line = line.leftJustified(NameColumn);
    }
    bool first = true;
    for (const QString& word : description.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!first && line.size() + 1 + word.size() > LineWidth) {
            out += line + QLatin1Char('\n');
            line = indent;
            first = true;
        }
        if (!first)
            line += QLatin1Char(' ');
        line += word;
        first = false;
    }
    out += line + QLatin1Char('\n');
}

QString optionLabel(const QCommandLineOption& option)
{
    QStringList parts;
    for (const QString& name : option.names())
        parts.append(name.size() == 1 ? QStringLiteral("-") + name : QStringLiteral("--") + name);
    QString label = parts.join(QStringLiteral(", "));
    if (option.names().constFirst().size() > 1)
        label.prepend(QStringLiteral("    ")); // long-only options line up with the long names of short ones
    if (!option.valueName().isEmpty())
        label += QLatin1Char(' ') + option.valueName();
    return label;
}

void appendOptions(QString& out, const QStringList& names, const QHash<QString, QString>& descriptions = {})
{
    for (const QString& name : names) {
        if (const QCommandLineOption* option = findOption(name))
            appendEntry(out, optionLabel(*option), descriptions.value(name, option->description()));
    }
}

QString exitStatusText()
{
    return QStringLiteral("Exit status:\n"
                          "  0  success\n"
                          "  1  a cluster or registry request failed, or some messages could not be decoded or sent\n"
                          "     (the reasons are on stderr, or in the \"error\" field of consume's lines)\n"
                          "  2  bad usage: unknown command or option, missing or invalid argument\n");
}

} // namespace

QString commandSynopsis(const CommandSpec& spec)
{
    QString synopsis = QStringLiteral("samsactl ") + spec.name;
    for (const QString& argument : spec.argumentNames)
        synopsis += QLatin1Char(' ') + argument;
    return synopsis + QStringLiteral(" [options]");
}

QString generalHelp()
{
    QString out = QStringLiteral("Usage: samsactl COMMAND [ARGUMENTS] [options]\n"
                                 "Scriptable access to Kafka clusters, with the same connection code and profiles "
                                 "as Samsa.\n\nCommands:\n");
    for (const CommandSpec& spec : commandSpecs()) {
        QString name = spec.name;
        for (const QString& argument : spec.argumentNames)
            name += QLatin1Char(' ') + argument;
        appendEntry(out, name, spec.summary);
    }
    out += QStringLiteral("\nOptions of every command:\n");
    appendOptions(out, globalOptionNames());
    out += QStringLiteral("\n'samsactl COMMAND --help' (or 'samsactl help COMMAND') shows the options of a command.\n\n");
    return out + exitStatusText();
}

QString commandHelp(const CommandSpec& spec)
{
    QString out = QStringLiteral("Usage: ") + commandSynopsis(spec) + QLatin1Char('\n') + spec.summary
        + QLatin1Char('\n');
    if (!spec.details.isEmpty())
        out += QLatin1Char('\n') + spec.details + QLatin1Char('\n');
    if (!spec.options.isEmpty()) {
        out += QStringLiteral("\nOptions:\n");
        appendOptions(out, spec.options, spec.optionDescriptions);
    }
    if (spec.needsCluster) {
        out += QStringLiteral("\nConnection and other options:\n");
        appendOptions(out, globalOptionNames());
    } else {
        out += QStringLiteral("\nOther options:\n");
        appendOptions(out, { QStringLiteral("help"), QStringLiteral("version") });
    }
    return out + QLatin1Char('\n') + exitStatusText();
}

} // namespace Samsa::Ctl

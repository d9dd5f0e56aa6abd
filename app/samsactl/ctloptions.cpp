#include "ctloptions.h"

#include "topics/topicname.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QUrl>
#include <limits>

namespace Samsa::Ctl {

namespace {

QString optionText(const QString& longName) { return QStringLiteral("--") + longName; }

// The long name of an option as the parser reports it (it reports whichever name was typed).
QString longName(const QString& typed)
{
    const QCommandLineOption* option = findOption(typed);
    return option ? option->names().constLast() : typed;
}

class Validator {
public:
    Validator(const QCommandLineParser& parser, QString* error)
        : m_parser(parser)
        , m_error(error)
    {
    }

    bool ok() const { return m_error->isEmpty(); }

    // The option's value when given once; an error when given more than once or empty.
    std::optional<QString> single(const char* name)
    {
        const QString option = QString::fromLatin1(name);
        const QStringList values = m_parser.values(option);
        if (values.isEmpty() || !ok())
            return std::nullopt;
        if (values.size() > 1)
            return failed(QStringLiteral("%1 is given more than once").arg(optionText(option)));
        if (values.first().trimmed().isEmpty())
            return failed(QStringLiteral("option %1 needs a value").arg(optionText(option)));
        return values.first().trimmed();
    }

    void number(const char* name, qint64 minimum, qint64 maximum, const QString& what, qint64* target)
    {
        const std::optional<QString> value = single(name);
        if (value)
            *target = parseNumber(QString::fromLatin1(name), *value, minimum, maximum, what);
    }

    void number(const char* name, qint64 minimum, qint64 maximum, const QString& what, int* target)
    {
        qint64 wide = *target;
        number(name, minimum, maximum, what, &wide);
        *target = int(wide);
    }

    qint64 parseNumber(const QString& name, const QString& value, qint64 minimum, qint64 maximum, const QString& what)
    {
        bool isNumber = false;
        const qint64 number = value.toLongLong(&isNumber);
        if (!isNumber || number < minimum || number > maximum) {
            failed(QStringLiteral("%1 needs %2, not '%3'").arg(optionText(name), what, value));
            return minimum;
        }
        return number;
    }

    void format(const char* name, const QList<MessageFormat>& allowed, MessageFormat* target)
    {
        const std::optional<QString> value = single(name);
        if (!value)
            return;
        MessageFormat format = MessageFormat::Auto;
        if (!parseMessageFormat(*value, &format) || !allowed.contains(format)) {
            QStringList allowedNames;
            for (MessageFormat candidate : allowed)
                allowedNames.append(messageFormatName(candidate));
            failed(QStringLiteral("%1 needs one of %2, not '%3'")
                       .arg(optionText(QString::fromLatin1(name)), allowedNames.join(QStringLiteral(", ")), *value));
            return;
        }
        *target = format;
    }

    std::nullopt_t failed(const QString& message)
    {
        if (ok())
            *m_error = message;
        return std::nullopt;
    }

private:
    const QCommandLineParser& m_parser;
    QString* m_error;
};

void readConsumeOptions(const QCommandLineParser& parser, Validator& check, ConsumeOptions* consume)
{
    if (const std::optional<QString> from = check.single("from")) {
        if (*from == QLatin1String("beginning")) {
            consume->from = ConsumeOptions::From::Beginning;
        } else if (*from == QLatin1String("end")) {
            consume->from = ConsumeOptions::From::End;
        } else if (from->startsWith(QLatin1Char('@'))) {
            consume->from = ConsumeOptions::From::Timestamp;
            bool isNumber = false;
            consume->fromValue = from->mid(1).toLongLong(&isNumber);
            if (!isNumber || consume->fromValue < 0)
                check.failed(QStringLiteral("--from @EPOCH_MS needs milliseconds since 1970, not '%1'").arg(*from));
        } else {
            consume->from = ConsumeOptions::From::Offset;
            consume->fromValue = check.parseNumber(QStringLiteral("from"), *from, 0,
                std::numeric_limits<qint64>::max(), QStringLiteral("beginning, end, an offset or @EPOCH_MS"));
        }
    }
    for (const QString& value : parser.values(QStringLiteral("partition"))) {
        const int partition = int(check.parseNumber(QStringLiteral("partition"), value.trimmed(), 0, 1000000,
            QStringLiteral("a partition number")));
        if (!consume->partitions.contains(partition))
            consume->partitions.append(partition);
    }
    check.number("count", 1, std::numeric_limits<qint64>::max(), QStringLiteral("a number of messages, at least 1"),
        &consume->count);
    consume->follow = parser.isSet(QStringLiteral("follow"));
    const QList<MessageFormat> formats = allMessageFormats();
    check.format("key-format", formats, &consume->keyFormat);
    check.format("value-format", formats, &consume->valueFormat);
    if (const std::optional<QString> file = check.single("schema-file"))
        consume->schemaFile = *file;
    const auto needsFile = [](MessageFormat format) { return format == MessageFormat::AvroFile; };
    if ((needsFile(consume->keyFormat) || needsFile(consume->valueFormat)) && consume->schemaFile.isEmpty())
        check.failed(QStringLiteral("the format avro-file needs --schema-file FILE"));
}

void readProduceOptions(const QCommandLineParser& parser, Validator& check, ProduceOptions* produce)
{
    check.format("value-format",
        { MessageFormat::Json, MessageFormat::String, MessageFormat::AvroRegistry, MessageFormat::Hex },
        &produce->valueFormat);
    if (const std::optional<QString> subject = check.single("subject"))
        produce->subject = *subject;
    if (!produce->subject.isEmpty() && produce->valueFormat != MessageFormat::AvroRegistry)
        check.failed(QStringLiteral("--subject needs --value-format avro"));
    if (const std::optional<QString> field = check.single("key-field"))
        produce->keyField = *field;
    const bool structured
        = produce->valueFormat == MessageFormat::Json || produce->valueFormat == MessageFormat::AvroRegistry;
    if (!produce->keyField.isEmpty() && !structured)
        check.failed(QStringLiteral("--key-field needs --value-format json or avro (a value with fields)"));
    check.number("partition", 0, 1000000, QStringLiteral("a partition number"), &produce->partition);
    produce->envelope = parser.isSet(QStringLiteral("envelope"));
}

void readResetOptions(const QCommandLineParser& parser, Validator& check, Action action, GroupResetOptions* reset)
{
    if (const std::optional<QString> topic = check.single("topic"))
        reset->topic = *topic;
    if (action == Action::GroupDeleteOffsets) {
        if (reset->topic.isEmpty())
            check.failed(QStringLiteral("group delete-offsets needs --topic"));
        return;
    }
    for (const QString& value : parser.values(QStringLiteral("partition"))) {
        const int partition = int(check.parseNumber(QStringLiteral("partition"), value.trimmed(), 0, 1000000,
            QStringLiteral("a partition number")));
        if (!reset->partitions.contains(partition))
            reset->partitions.append(partition);
    }
    if (!reset->partitions.isEmpty() && reset->topic.isEmpty())
        check.failed(QStringLiteral("--partition needs --topic"));
    reset->dryRun = parser.isSet(QStringLiteral("dry-run"));
    int targets = 0;
    using Kind = OffsetResetTarget::Kind;
    if (parser.isSet(QStringLiteral("to-earliest"))) {
        reset->target = { Kind::Earliest, 0 };
        ++targets;
    }
    if (parser.isSet(QStringLiteral("to-latest"))) {
        reset->target = { Kind::Latest, 0 };
        ++targets;
    }
    if (const std::optional<QString> time = check.single("to-datetime")) {
        ++targets;
        qint64 ms = -1;
        if (time->startsWith(QLatin1Char('@'))) {
            bool isNumber = false;
            ms = time->mid(1).toLongLong(&isNumber);
            if (!isNumber)
                ms = -1;
        } else {
            const QDateTime parsed = QDateTime::fromString(*time, Qt::ISODateWithMs);
            ms = parsed.isValid() ? parsed.toMSecsSinceEpoch() : -1;
        }
        if (ms < 0)
            check.failed(QStringLiteral("--to-datetime needs an ISO-8601 time or @EPOCH_MS, not '%1'").arg(*time));
        reset->target = { Kind::DateTime, ms };
    }
    if (parser.isSet(QStringLiteral("to-offset"))) {
        ++targets;
        qint64 offset = 0;
        check.number("to-offset", 0, std::numeric_limits<qint64>::max(), QStringLiteral("an offset (0 or more)"), &offset);
        reset->target = { Kind::Offset, offset };
    }
    if (parser.isSet(QStringLiteral("shift-by"))) {
        ++targets;
        qint64 shift = 0;
        check.number("shift-by", std::numeric_limits<qint64>::min() / 2, std::numeric_limits<qint64>::max() / 2,
            QStringLiteral("a whole number"), &shift);
        reset->target = { Kind::Shift, shift };
    }
    if (targets != 1)
        check.failed(QStringLiteral("group reset needs exactly one of --to-earliest, --to-latest, --to-datetime, "
                                    "--to-offset, --shift-by"));
}

// KEY=VALUE with a non-empty key; false with the reason in *error.
bool splitConfig(const QString& option, const QString& text, QPair<QString, QString>* entry, QString* error)
{
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    if (equals <= 0) {
        *error = QStringLiteral("%1 needs KEY=VALUE, not '%2'").arg(optionText(option), text);
        return false;
    }
    *entry = { text.left(equals).trimmed(), text.mid(equals + 1) };
    if (entry->second.isNull())
        entry->second = QLatin1String(""); // "key=" sets an empty value, never a removal
    return true;
}

void readTopicOptions(const QCommandLineParser& parser, Validator& check, Action action, TopicActionOptions* topic)
{
    check.number("partitions", 1, 1000000, QStringLiteral("a number of partitions, at least 1"), &topic->partitions);
    check.number("replication-factor", 1, 32767, QStringLiteral("a replication factor, at least 1"),
        &topic->replicationFactor);
    QString error;
    const QString configOption = action == Action::TopicCreate ? QStringLiteral("config") : QStringLiteral("add-config");
    for (const QString& value : parser.values(configOption)) {
        QPair<QString, QString> entry;
        if (!splitConfig(configOption, value, &entry, &error))
            check.failed(error);
        else if (std::any_of(topic->configs.cbegin(), topic->configs.cend(), [&](const auto& e) { return e.first == entry.first; }))
            check.failed(QStringLiteral("%1 names %2 more than once").arg(optionText(configOption), entry.first));
        else
            topic->configs.append(entry);
    }
    for (const QString& value : parser.values(QStringLiteral("delete-config"))) {
        const QString key = value.trimmed();
        if (key.isEmpty() || key.contains(QLatin1Char('=')))
            check.failed(QStringLiteral("--delete-config needs a config name, not '%1'").arg(value));
        else if (std::any_of(topic->configs.cbegin(), topic->configs.cend(), [&](const auto& e) { return e.first == key; }))
            check.failed(QStringLiteral("%1 is both set and deleted").arg(key));
        else
            topic->configs.append({ key, QString() });
    }
    if (action == Action::TopicClone) {
        if (parser.isSet(QStringLiteral("messages")) && parser.isSet(QStringLiteral("last-messages")))
            check.failed(QStringLiteral("--messages and --last-messages exclude each other"));
        topic->cloneLast = parser.isSet(QStringLiteral("last-messages"));
        check.number(topic->cloneLast ? "last-messages" : "messages", 1, std::numeric_limits<qint64>::max(),
            QStringLiteral("a number of messages, at least 1"), &topic->cloneMessages);
        return;
    }
    if (action == Action::TopicAlterConfig && topic->configs.isEmpty())
        check.failed(QStringLiteral("topic alter-config needs --add-config or --delete-config"));
    if (action != Action::TopicPurge)
        return;
    for (const QString& value : parser.values(QStringLiteral("partition"))) {
        const QStringList parts = value.trimmed().split(QLatin1Char(':'));
        if (parts.size() > 2) {
            check.failed(QStringLiteral("--partition needs N or N:OFFSET, not '%1'").arg(value));
            break;
        }
        const int partition = int(check.parseNumber(QStringLiteral("partition"), parts.first(), 0, 1000000,
            QStringLiteral("N or N:OFFSET")));
        const qint64 offset = parts.size() == 2 ? check.parseNumber(QStringLiteral("partition"), parts.at(1), 0,
                                                      std::numeric_limits<qint64>::max(), QStringLiteral("N or N:OFFSET"))
                                                : -1;
        if (std::any_of(topic->purge.cbegin(), topic->purge.cend(), [&](const auto& p) { return p.first == partition; }))
            check.failed(QStringLiteral("--partition %1 is given more than once").arg(partition));
        topic->purge.append({ partition, offset });
    }
}

bool checkCommandOptions(const QCommandLineParser& parser, const CommandSpec& spec, QString* error)
{
    for (const QString& typed : parser.optionNames()) {
        const QString name = longName(typed);
        if (!globalOptionNames().contains(name) && !spec.options.contains(name)) {
            *error = QStringLiteral("option %1 does not apply to %2").arg(optionText(name), spec.name);
            return false;
        }
    }
    return true;
}

bool checkArguments(const QStringList& arguments, const CommandSpec& spec, QString* error)
{
    if (arguments.size() < spec.argumentNames.size()) {
        *error = QStringLiteral("%1 needs %2").arg(spec.name, spec.argumentNames.mid(arguments.size()).join(QLatin1Char(' ')));
        return false;
    }
    const bool variadic = !spec.argumentNames.isEmpty() && spec.argumentNames.constLast().endsWith(QLatin1String("..."));
    if (arguments.size() > spec.argumentNames.size() && !variadic) {
        *error = QStringLiteral("unexpected argument '%1' for %2").arg(arguments.at(spec.argumentNames.size()), spec.name);
        return false;
    }
    for (qsizetype index = 0; index < arguments.size(); ++index) {
        if (arguments.at(index).trimmed().isEmpty()) {
            *error = QStringLiteral("%1 needs a non-empty %2")
                         .arg(spec.name, spec.argumentNames.at(std::min(index, spec.argumentNames.size() - 1)));
            return false;
        }
    }
    const bool namesTopics = spec.action == Action::TopicCreate || spec.action == Action::TopicDelete
        || spec.action == Action::TopicPurge || spec.action == Action::TopicAlterConfig
        || spec.action == Action::TopicClone;
    for (const QString& name : arguments) {
        const QString problem = namesTopics ? TopicName::problem(name) : QString();
        if (!problem.isEmpty()) {
            *error = QStringLiteral("'%1': %2").arg(name, problem);
            return false;
        }
    }
    if (spec.action == Action::Configs && arguments.first() != QLatin1String("topic")
        && arguments.first() != QLatin1String("broker")) {
        *error = QStringLiteral("configs needs 'topic' or 'broker', not '%1'").arg(arguments.first());
        return false;
    }
    return true;
}

bool checkCluster(const CtlOptions& options, const CommandSpec& spec, QString* error)
{
    const bool bootstrap = !options.bootstrap.isEmpty();
    const bool profile = !options.profile.isEmpty();
    if (!spec.needsCluster) {
        if (bootstrap || profile) {
            *error = QStringLiteral("%1 takes no --bootstrap or --profile").arg(spec.name);
            return false;
        }
    } else if (spec.action == Action::SampleData) {
        if (bootstrap && profile) {
            *error = QStringLiteral("sample-data takes at most one of --bootstrap or --profile");
            return false;
        }
    } else if (bootstrap == profile) {
        *error = QStringLiteral("%1 needs exactly one of --bootstrap or --profile").arg(spec.name);
        return false;
    }
    return true;
}

} // namespace

bool CtlOptions::needsCluster() const
{
    return action != Action::Help && action != Action::Version && action != Action::Profiles;
}

bool parseOptions(const QStringList& arguments, CtlOptions* options, QString* error)
{
    error->clear();
    QCommandLineParser parser;
    // Options may come before or after the command and its arguments; "--" ends the options.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    parser.addOptions(allOptions());
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        // The command, when the words after the program name start with one, for the hint.
        if (const CommandSpec* spec = findCommand(arguments.mid(1)))
            options->helpCommand = spec->name;
        return false;
    }
    QStringList positional = parser.positionalArguments();
    if (parser.isSet(QStringLiteral("version"))) {
        options->action = Action::Version;
        return true;
    }
    const bool help = parser.isSet(QStringLiteral("help"));
    if (!positional.isEmpty() && positional.first() == QLatin1String("help")) {
        positional.removeFirst();
        if (positional.isEmpty()) {
            options->action = Action::Help;
            return true;
        }
        const CommandSpec* spec = findCommand(positional);
        if (!spec) {
            *error = QStringLiteral("no help for unknown command '%1'").arg(positional.join(QLatin1Char(' ')));
            return false;
        }
        options->action = Action::Help;
        options->helpCommand = spec->name;
        return true;
    }
    if (positional.isEmpty()) {
        if (help) {
            options->action = Action::Help;
            return true;
        }
        *error = QStringLiteral("no command given");
        return false;
    }
    const CommandSpec* spec = findCommand(positional);
    if (!spec) {
        if (positional.first() == QLatin1String("topic"))
            *error = QStringLiteral("topic needs a subcommand: create, delete, purge, alter-config or clone");
        else if (positional.first() == QLatin1String("acl"))
            *error = QStringLiteral("acl needs a subcommand: list, create or delete");
        else if (positional.first() == QLatin1String("group"))
            *error = QStringLiteral("group needs a subcommand: group describe GROUP");
        else
            *error = QStringLiteral("unknown command '%1'").arg(positional.first());
        return false;
    }
    options->helpCommand = spec->name;
    if (help) {
        options->action = Action::Help;
        return true;
    }
    options->action = spec->action;
    options->arguments = positional.mid(spec->name.count(QLatin1Char(' ')) + 1);
    if (!checkCommandOptions(parser, *spec, error) || !checkArguments(options->arguments, *spec, error))
        return false;

    Validator check(parser, error);
    if (const std::optional<QString> bootstrap = check.single("bootstrap"))
        options->bootstrap = *bootstrap;
    if (const std::optional<QString> profile = check.single("profile"))
        options->profile = *profile;
    if (const std::optional<QString> registry = check.single("registry")) {
        options->registry = *registry;
        const QUrl url(options->registry, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.host().isEmpty())
            check.failed(QStringLiteral("--registry needs an http(s) URL, not '%1'").arg(options->registry));
    }
    check.number("timeout", 100, 600000, QStringLiteral("milliseconds between 100 and 600000"), &options->timeoutMs);
    options->json = parser.isSet(QStringLiteral("json"));
    check.number("rate", 1, 100000, QStringLiteral("messages per second between 1 and 100000"), &options->rate);
    check.number("duration", 1, 86400 * 365, QStringLiteral("a number of seconds, at least 1"),
        &options->durationSeconds);
    if (options->action == Action::Consume)
        readConsumeOptions(parser, check, &options->consume);
    if (options->action == Action::Produce)
        readProduceOptions(parser, check, &options->produce);
    if (options->action == Action::GroupReset || options->action == Action::GroupDeleteOffsets)
        readResetOptions(parser, check, options->action, &options->reset);
    if (options->action == Action::TopicCreate || options->action == Action::TopicPurge
        || options->action == Action::TopicAlterConfig || options->action == Action::TopicClone)
        readTopicOptions(parser, check, options->action, &options->topic);
    if (options->action == Action::AclList || options->action == Action::AclCreate
        || options->action == Action::AclDelete) {
        if (const QString aclError = readAclOptions(parser, options->action, &options->acl); !aclError.isEmpty())
            check.failed(aclError);
    }
    if (!check.ok())
        return false;
    return checkCluster(*options, *spec, error);
}

} // namespace Samsa::Ctl

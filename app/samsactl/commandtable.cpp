#include "commandtable.h"

namespace Samsa::Ctl {

namespace {

QString text(const char* latin1) { return QString::fromLatin1(latin1); }

QStringList names(std::initializer_list<const char*> list)
{
    QStringList result;
    for (const char* name : list)
        result.append(QString::fromLatin1(name));
    return result;
}

QCommandLineOption option(std::initializer_list<const char*> optionNames, const char* description,
    const char* valueName = nullptr)
{
    if (valueName)
        return QCommandLineOption(names(optionNames), text(description), text(valueName));
    return QCommandLineOption(names(optionNames), text(description));
}

} // namespace

const QList<QCommandLineOption>& allOptions()
{
    static const QList<QCommandLineOption> options {
        // Connection and global options (every command).
        option({ "b", "bootstrap" }, "Connect to these bootstrap servers (plaintext).", "HOST:PORT[,...]"),
        option({ "p", "profile" }, "Connect with a saved profile; its passwords come from the keychain.", "NAME"),
        option({ "registry" },
            "Schema Registry (default: the profile's, else http://127.0.0.1:8081 for a cluster on this machine).", "URL"),
        option({ "timeout" }, "Bound of each network step in milliseconds (default 10000).", "MS"),
        option({ "h", "help" }, "Show the help (of the command when one is given) and exit."),
        option({ "v", "version" }, "Show the version and exit."),
        // Output.
        option({ "json" }, "Print JSON instead of aligned columns."),
        // sample-data
        option({ "rate" }, "Messages per second, all topics together (default 50).", "N"),
        option({ "duration" }, "Stop after S seconds (default: run until Ctrl+C).", "S"),
        // consume
        option({ "from" },
            "Where to start in each partition: beginning (default), end, an OFFSET, or @EPOCH_MS (the first "
            "message at or after that time).",
            "WHERE"),
        option({ "partition" }, "Read only partition N (repeat for several; default: all).", "N"),
        option({ "count" }, "Stop after N messages (all partitions together).", "N"),
        option({ "follow" }, "Keep waiting for new messages until Ctrl+C or SIGTERM."),
        option({ "key-format" }, "How to decode keys (default auto).", "FORMAT"),
        option({ "value-format" }, "How to decode values (default auto).", "FORMAT"),
        option({ "schema-file" }, "Avro schema (.avsc) for the formats avro-file and avro-single-object.", "FILE"),
        // produce
        option({ "subject" }, "Schema Registry subject of the Avro schema (default TOPIC-value).", "SUBJECT"),
        option({ "key-field" }, "Take each message's key from this field of its value (a JSON object).", "NAME"),
        option({ "envelope" },
            "Each line is an object {\"key\", \"value\", \"headers\", \"partition\", \"timestamp\"} (what "
            "consume prints) instead of the bare value."),
        // group reset / delete-offsets
        option({ "topic" }, "Only this topic (default: every topic the group has committed offsets for).", "TOPIC"),
        option({ "to-earliest" }, "Move to the start of each partition's log."),
        option({ "to-latest" }, "Move to the end of each partition's log (skip everything not read yet)."),
        option({ "to-datetime" },
            "Move to the first message at or after this time: ISO-8601 (2026-11-25T10:00:00Z) or @EPOCH_MS.", "TIME"),
        option({ "to-offset" }, "Move to this offset (within each partition's log).", "N"),
        option({ "shift-by" }, "Move by N from the committed offset (negative: back; within the log).", "N"),
        option({ "dry-run" }, "Print the preview (old and new offsets) and change nothing."),
        // topic create / alter-config
        option({ "partitions" }, "Number of partitions (default: the broker's num.partitions).", "N"),
        option({ "replication-factor" }, "Replicas of each partition (default: the broker's default.replication.factor).",
            "N"),
        option({ "config" }, "A config override of the new topic (repeat for several).", "KEY=VALUE"),
        option({ "add-config" }, "Set this override (repeat for several).", "KEY=VALUE"),
        option({ "delete-config" }, "Remove this override: the default applies again (repeat for several).", "KEY"),
        // topic clone
        option({ "messages" }, "Copy the first N messages of each partition.", "N"),
        option({ "last-messages" }, "Copy the last N messages of each partition.", "N"),
        // acl list / create / delete
        option({ "principal" }, "Only ACLs of this principal (User:alice).", "TYPE:NAME"),
        option({ "operation" },
            "Only ACLs of this operation: all, read, write, create, delete, alter, describe, cluster-action, "
            "describe-configs, alter-configs or idempotent-write.",
            "OPERATION"),
        option({ "resource-type" }, "Only ACLs of this resource type: topic, group, cluster or transactional-id.",
            "TYPE"),
        option({ "resource" }, "Only ACLs of this resource name.", "NAME"),
        option({ "pattern" },
            "Only ACLs of this pattern type: literal, prefixed, or match (the literal, '*' and prefixed ACLs that "
            "cover --resource); default any.",
            "TYPE"),
        option({ "host" }, "Only ACLs of this host.", "HOST"),
        option({ "permission" }, "Only ACLs that allow or that deny.", "allow|deny"),
        option({ "deny" }, "Deny instead of allow (a DENY wins over every ALLOW)."),
        option({ "yes" }, "Really delete: without it, only show what the filter matches."),
    };
    return options;
}

const QCommandLineOption* findOption(const QString& name)
{
    for (const QCommandLineOption& candidate : allOptions()) {
        if (candidate.names().contains(name))
            return &candidate;
    }
    return nullptr;
}

const QStringList& globalOptionNames()
{
    static const QStringList global = names({ "bootstrap", "profile", "registry", "timeout", "help", "version" });
    return global;
}

const QList<CommandSpec>& commandSpecs()
{
    static const QList<CommandSpec> specs {
        { Action::Profiles, text("profiles"), {}, text("List the saved connection profiles."), {}, names({ "json" }),
            false },
        { Action::Brokers, text("brokers"), {}, text("List the brokers of a cluster."), {}, names({ "json" }) },
        { Action::Topics, text("topics"), {}, text("List topics with partitions, replication and message counts."), {},
            names({ "json" }) },
        { Action::DescribeTopic, text("describe-topic"), names({ "TOPIC" }),
            text("Show the partitions of a topic with leaders, replicas and offsets."), {}, names({ "json" }) },
        { Action::Configs, text("configs"), names({ "topic|broker", "NAME" }),
            text("Show the configuration of a topic or of a broker (by id)."), {}, names({ "json" }) },
        { Action::Consume, text("consume"), names({ "TOPIC" }), text("Print messages as JSON Lines."),
            text("Prints one JSON object per message and line, in offset order within each partition:\n"
                 "  {\"topic\":\"orders\",\"partition\":0,\"offset\":42,\"timestamp\":1700000000000,\n"
                 "   \"timestampType\":\"CreateTime\",\"key\":\"c-7\",\"value\":{\"id\":1},\"headers\":[{\"key\":\"h\","
                 "\"value\":\"v\"}]}\n"
                 "JSON and Avro keys and values are embedded as JSON (an Avro record is its plain JSON object),\n"
                 "other formats as strings, null as null. A message that cannot be decoded is still printed, with\n"
                 "an \"error\" field naming the reason and the raw bytes in \"keyBase64\"/\"valueBase64\"; the exit\n"
                 "status is then 1. Without --follow, reading stops at the end offsets found when it starts.\n"
                 "Formats: auto (Confluent-framed Avro, JSON, UTF-8 text, else hex), string, json, avro (Schema\n"
                 "Registry), avro-file and avro-single-object (with --schema-file), hex, base64, int32, int64, double."),
            names({ "from", "partition", "count", "follow", "key-format", "value-format", "schema-file" }) },
        { Action::Produce, text("produce"), names({ "TOPIC" }), text("Send messages read as JSON Lines from stdin."),
            text("Reads standard input line by line; each non-empty line is one message. By default a line is the\n"
                 "value, encoded by --value-format:\n"
                 "  json    a JSON value, checked, sent as written (default)\n"
                 "  string  the line as UTF-8 text, not parsed\n"
                 "  avro    a JSON object checked against the latest schema of --subject in the Schema Registry,\n"
                 "          sent as Avro binary with the Confluent framing (magic byte, schema id)\n"
                 "  hex     the bytes in hexadecimal\n"
                 "With --envelope each line is an object {\"key\": string|null, \"value\": ..., \"headers\":\n"
                 "[{\"key\",\"value\"}] or {name: value}, \"partition\": N, \"timestamp\": EPOCH_MS}; every field but\n"
                 "\"value\" is optional and others (topic, offset, timestampType) are ignored, so what consume prints\n"
                 "can be produced again. --key-field takes the key from a field of the value instead.\n"
                 "Prints a summary on stdout; each line that fails is reported on stderr with its line number,\n"
                 "and the exit status is then 1. Lines that fail are not sent; the others are."),
            names({ "value-format", "subject", "key-field", "partition", "envelope" }), true,
            { { text("value-format"), text("json (default), string, avro or hex, as described above.") },
                { text("partition"),
                    text("Send every message to partition N (default: the envelope's \"partition\", else by "
                         "key with murmur2 as Java clients do).") } } },
        { Action::Groups, text("groups"), {}, text("List consumer groups with their states."), {}, names({ "json" }) },
        { Action::GroupDescribe, text("group describe"), names({ "GROUP" }),
            text("Show a group's members, assignments and committed offsets."), {}, names({ "json" }) },
        { Action::GroupReset, text("group reset"), names({ "GROUP" }),
            text("Reset a group's committed offsets (the group must have no running consumers)."),
            text("Choose exactly one target: --to-earliest, --to-latest, --to-datetime TIME, --to-offset N or\n"
                 "--shift-by N. Without --topic every topic the group has committed offsets for is reset; with\n"
                 "--topic, every partition of it or those given with --partition. New offsets always stay within\n"
                 "each partition's log. Prints each partition's current and new offset; with --dry-run nothing\n"
                 "is changed. Kafka refuses while the group has members: stop its consumers first."),
            names({ "topic", "partition", "to-earliest", "to-latest", "to-datetime", "to-offset", "shift-by", "dry-run",
                "json" }),
            true, { { text("partition"), text("Only partition N of --topic (repeat for several).") } } },
        { Action::GroupDelete, text("group delete"), names({ "GROUP" }),
            text("Delete a consumer group and its committed offsets (it must have no members)."), {}, {} },
        { Action::GroupDeleteOffsets, text("group delete-offsets"), names({ "GROUP" }),
            text("Delete a group's committed offsets of one topic (--topic)."), {}, names({ "topic" }) },
        { Action::Lag, text("lag"), names({ "GROUP" }),
            text("Show a group's lag, time lag, consume rate and health, per partition and in total."),
            text("Samples the cluster once with the metrics engine of the desktop app. The app's last 15\n"
                 "minutes of this cluster are first read from its history (history.db, read only), so rates,\n"
                 "time lag and health go on from the app's rounds and agree with its group page.\n"
                 "Without that history the numbers come from this one round: lag is exact, time lag and\n"
                 "rates need a second round and say so."),
            names({ "json" }) },
        { Action::TopicCreate, text("topic create"), names({ "TOPIC" }), text("Create a topic."),
            text("The name must have 1 to 249 characters of a-z, A-Z, 0-9, '.', '_' and '-' and be neither '.'\n"
                 "nor '..'. Kafka writes '.' as '_' in metric names, so 'a.b' and 'a_b' collide there (a warning\n"
                 "on stderr). Prints the topic's result."),
            names({ "partitions", "replication-factor", "config", "json" }) },
        { Action::TopicDelete, text("topic delete"), names({ "TOPIC..." }),
            text("Delete one or more topics and all their messages."),
            text("Each topic is deleted on its own: one that fails (unknown, internal) does not stop the others.\n"
                 "Prints every topic's result; the exit status is 1 when any failed."),
            names({ "json" }) },
        { Action::TopicPurge, text("topic purge"), names({ "TOPIC" }),
            text("Delete a topic's messages (DeleteRecords), to the end or up to an offset."),
            text("Without --partition every partition is purged to its end: the log start moves to the end\n"
                 "offset and the messages are gone. --partition N purges partition N to its end, --partition\n"
                 "N:OFFSET deletes partition N's messages before OFFSET. Prints each partition's new start offset."),
            names({ "partition", "json" }), true,
            { { text("partition"), text("Purge partition N (to its end), or N:OFFSET (the messages before OFFSET); "
                                        "repeat for several.") } } },
        { Action::TopicAlterConfig, text("topic alter-config"), names({ "TOPIC" }),
            text("Set or remove config overrides of a topic."),
            text("librdkafka (2.0.2) offers only AlterConfigs, which replaces the topic's whole set of overrides:\n"
                 "samsactl reads the current overrides first and sends them all with the change, so the others\n"
                 "stay. A change made by someone else between the read and the write is lost."),
            names({ "add-config", "delete-config", "json" }) },
        { Action::TopicClone, text("topic clone"), names({ "SOURCE", "NEW" }),
            text("Create a topic like another, optionally with some of its messages."),
            text("NEW gets SOURCE's partitions, replication factor and config overrides (not the defaults it\n"
                 "inherits); --partitions and --replication-factor change the first two. --messages N or\n"
                 "--last-messages N copy the first or last N messages of each partition to the same partition,\n"
                 "with keys, values, headers and timestamps (offsets start again at 0). Prints what was done."),
            names({ "partitions", "replication-factor", "messages", "last-messages", "json" }) },
        { Action::AclList, text("acl list"), {}, text("List ACLs, all or those a filter matches."),
            text("Each filter option narrows the list; without any, every ACL is listed. Listing needs DESCRIBE on\n"
                 "the cluster; a cluster without an authorizer answers that security is disabled."),
            names({ "principal", "operation", "resource-type", "resource", "pattern", "host", "permission", "json" }) },
        { Action::AclCreate, text("acl create"), {}, text("Create ACLs: one per --operation."),
            text("Example: samsactl acl create --principal User:alice --operation read --operation describe\n"
                 "  --resource-type topic --resource orders\n"
                 "--resource '*' means every resource of the type; with --pattern prefixed, every name that starts\n"
                 "with --resource. A cluster ACL needs no --resource (its name is kafka-cluster). Each operation must\n"
                 "be one Kafka allows on the type. Prints every ACL's result; creating needs ALTER on the cluster."),
            names({ "principal", "operation", "resource-type", "resource", "pattern", "host", "deny", "json" }), true,
            { { text("principal"), text("Whom the ACL is for: TYPE:NAME (User:alice; User:* for every user).") },
                { text("operation"), text("What it allows or denies (repeat for several): all, read, write, create, "
                                          "delete, alter, describe, cluster-action, describe-configs, alter-configs "
                                          "or idempotent-write.") },
                { text("resource-type"), text("topic, group, cluster or transactional-id.") },
                { text("resource"), text("The topic or group name, '*' for every one, or the prefix.") },
                { text("pattern"), text("literal (default) or prefixed.") },
                { text("host"), text("The client address it applies to (default *: every host).") } } },
        { Action::AclDelete, text("acl delete"), {}, text("Delete the ACLs a filter matches."),
            text("Takes the filter options of acl list. Without --yes it only prints the ACLs the filter matches\n"
                 "and exits with status 2; with --yes it deletes them and prints each ACL deleted. Without filter\n"
                 "options the filter matches every ACL. Deleting needs ALTER on the cluster."),
            names({ "principal", "operation", "resource-type", "resource", "pattern", "host", "permission", "yes",
                "json" }) },
        { Action::SampleData, text("sample-data"), {},
            text("Create demo topics and keep messages flowing (Ctrl+C stops)."),
            text("Creates the demo topics orders (Avro), clickstream (JSON) and telemetry (Avro, 12 partitions),\n"
                 "keeps messages flowing, and runs one consumer group that keeps up and one that falls behind.\n"
                 "Without --bootstrap or --profile: the local broker (profile \"Local\", or 127.0.0.1:9092)."),
            names({ "rate", "duration" }) },
    };
    return specs;
}

const CommandSpec* findCommand(const QStringList& positional)
{
    for (const CommandSpec& spec : commandSpecs()) {
        const QStringList words = spec.name.split(QLatin1Char(' '));
        if (positional.size() >= words.size() && positional.mid(0, words.size()) == words)
            return &spec;
    }
    return nullptr;
}

} // namespace Samsa::Ctl

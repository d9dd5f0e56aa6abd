#pragma once

// Turning what a user typed into the bytes of a Kafka record, for the Produce dialog (and anything
// else that produces from text): UTF-8 text, JSON that must parse (errors by line and column), hex
// (whitespace allowed, errors by position); and the Schema Registry subject a value is registered
// under for each of Confluent's subject naming strategies.
// Avro values are encoded by AvroJsonEncoder (core/decoding), which needs the schema.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Samsa {

struct PayloadResult {
    QByteArray bytes;
    QString error; // empty on success

    bool ok() const { return error.isEmpty(); }
};

// The text as UTF-8.
PayloadResult encodeTextPayload(const QString& text);
// The text, when it is one JSON value (object, array, string, number, true, false, null), as
// compact UTF-8; otherwise "line L, column C: <what the parser says>".
PayloadResult encodeJsonPayload(const QString& text);
// Pairs of hex digits, upper or lower case; spaces, tabs, newlines and an optional leading "0x"
// are ignored. "character 7 ('g') is not a hex digit", "odd number of hex digits (5)".
PayloadResult encodeHexPayload(const QString& text);

// 1-based line and column of the UTF-16 position `offset` in `text`.
struct TextPosition {
    int line = 1;
    int column = 1;
};
TextPosition textPosition(const QString& text, qsizetype offset);

// Which subject a topic's value (or key) schema is registered under.
enum class SubjectNameStrategy { TopicName, RecordName, TopicRecordName };

QString subjectNameStrategyName(SubjectNameStrategy strategy); // "TopicNameStrategy", ...
// TopicName: "<topic>-value" ("-key" for keys); RecordName: the record's full name;
// TopicRecordName: "<topic>-<record full name>". Empty when the strategy needs a record name that
// is not given.
QString subjectName(SubjectNameStrategy strategy, const QString& topic, const QString& recordFullName, bool isKey = false);
// Of `subjects`, those that can belong to `topic` under `strategy`, sorted: TopicName: only
// "<topic>-value" / "<topic>-key"; TopicRecordName: "<topic>-<something>" other than those two;
// RecordName: subjects that are not "<anything>-value" / "-key".
QStringList candidateSubjects(SubjectNameStrategy strategy, const QString& topic, const QStringList& subjects,
    bool isKey = false);

} // namespace Samsa

#pragma once

// Helpers for the Avro tests: the fixture corpus (tests/data/avro), hand-written binary datums and
// exact JSON comparison (samsa::Json keeps 64-bit integers exact, unlike QJsonDocument).

#include "avroschema/json.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <QtTest>

namespace Samsa::Test {

struct AvroFixture {
    int schemaId = 0;
    QString subject;
    QByteArray wire; // Confluent-framed
    samsa::Json expected;
    QByteArray expectedText;
};

inline QString avroDataDir()
{
    return qEnvironmentVariable("SAMSA_SOURCE_DIR") + QStringLiteral("/tests/data/avro");
}

inline QByteArray readAvroSchema(int id)
{
    QFile file(avroDataDir() + QStringLiteral("/schemas/%1.avsc").arg(id));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline QList<AvroFixture> readAvroFixtures()
{
    QList<AvroFixture> out;
    QFile file(avroDataDir() + QStringLiteral("/messages.jsonl"));
    if (!file.open(QIODevice::ReadOnly))
        return out;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        std::string error;
        const auto json = samsa::parseJson(line.toStdString(), &error);
        if (!json)
            return {};
        AvroFixture fixture;
        fixture.schemaId = static_cast<int>(json->find("schema_id")->integer());
        fixture.subject = QString::fromStdString(json->find("subject")->string());
        fixture.wire = QByteArray::fromHex(QByteArray::fromStdString(json->find("wire_hex")->string()));
        fixture.expected = *json->find("expected");
        fixture.expectedText = QByteArray::fromStdString(fixture.expected.dump());
        out.append(fixture);
    }
    return out;
}

// Parses JSON text exactly; a failure shows the text.
inline samsa::Json parseExact(const QByteArray& text)
{
    std::string error;
    const auto json = samsa::parseJson(std::string_view(text.constData(), size_t(text.size())), &error, 512);
    if (!json)
        qWarning("not JSON (%s): %s", error.c_str(), text.left(300).constData());
    return json.value_or(samsa::Json("<invalid JSON>"));
}

// Empty when both texts hold the same JSON value, else both in full (QCOMPARE cuts long strings).
inline QString jsonMismatch(const QByteArray& actual, const QByteArray& expected)
{
    if (parseExact(actual) == parseExact(expected))
        return {};
    return QStringLiteral("\n  actual:   %1\n  expected: %2")
        .arg(QString::fromStdString(parseExact(actual).dump()), QString::fromStdString(parseExact(expected).dump()));
}

#define SAMSA_COMPARE_JSON(actual, expected)                                                                           \
    do {                                                                                                               \
        const QString mismatch = Samsa::Test::jsonMismatch((actual), (expected));                                     \
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));                                                            \
    } while (false)

// Avro binary writing by hand, independent of the code under test.
inline QByteArray avroLong(int64_t value)
{
    uint64_t raw = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
    QByteArray out;
    do {
        uint8_t b = raw & 0x7f;
        raw >>= 7;
        if (raw)
            b |= 0x80;
        out += char(b);
    } while (raw);
    return out;
}

inline QByteArray avroBytes(const QByteArray& bytes)
{
    return avroLong(bytes.size()) + bytes;
}

inline QByteArray avroDouble(double value)
{
    QByteArray out(8, '\0');
    memcpy(out.data(), &value, 8); // little-endian machine, as Avro writes doubles
    return out;
}

inline QByteArray avroFloat(float value)
{
    QByteArray out(4, '\0');
    memcpy(out.data(), &value, 4);
    return out;
}

} // namespace Samsa::Test

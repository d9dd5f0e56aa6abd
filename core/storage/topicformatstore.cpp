#include "topicformatstore.h"

#include "samsadatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Samsa {

namespace {

MessageFormat formatFromName(const QString& name)
{
    MessageFormat format = MessageFormat::Auto;
    return parseMessageFormat(name, &format) ? format : MessageFormat::Auto;
}

// QSqlQuery binds a null QString as NULL, which the NOT NULL columns refuse.
QString text(const QString& value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

} // namespace

TopicFormatStore::TopicFormatStore()
    : m_connectionName(SamsaDatabase::newConnectionName(QStringLiteral("topic-formats")))
{
}

TopicFormatStore::~TopicFormatStore()
{
    SamsaDatabase::close(m_connectionName);
}

bool TopicFormatStore::open(const QString& path)
{
    m_errorText.clear();
    m_open = SamsaDatabase::open(m_connectionName, path, &m_errorText);
    return m_open;
}

bool TopicFormatStore::isOpen() const
{
    return m_open;
}

QString TopicFormatStore::errorText() const
{
    return m_errorText;
}

TopicFormats TopicFormatStore::formats(const QString& cluster, const QString& topic) const
{
    TopicFormats formats;
    if (!m_open)
        return formats;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("SELECT key_format, value_format, key_schema_file, value_schema_file, key_subject, "
                                 "value_subject FROM topic_formats WHERE cluster = ? AND topic = ?"));
    query.addBindValue(cluster);
    query.addBindValue(topic);
    if (!query.exec() || !query.next())
        return formats;
    formats.keyFormat = formatFromName(query.value(0).toString());
    formats.valueFormat = formatFromName(query.value(1).toString());
    formats.keySchemaFile = query.value(2).toString();
    formats.valueSchemaFile = query.value(3).toString();
    formats.keySubject = query.value(4).toString();
    formats.valueSubject = query.value(5).toString();
    return formats;
}

bool TopicFormatStore::setFormats(const QString& cluster, const QString& topic, const TopicFormats& formats)
{
    m_errorText.clear();
    if (!m_open) {
        m_errorText = QStringLiteral("The database is not open.");
        return false;
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO topic_formats (cluster, topic, key_format, value_format, "
                                 "key_schema_file, value_schema_file, key_subject, value_subject) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(text(cluster));
    query.addBindValue(text(topic));
    query.addBindValue(messageFormatName(formats.keyFormat));
    query.addBindValue(messageFormatName(formats.valueFormat));
    query.addBindValue(text(formats.keySchemaFile));
    query.addBindValue(text(formats.valueSchemaFile));
    query.addBindValue(text(formats.keySubject));
    query.addBindValue(text(formats.valueSubject));
    if (!query.exec()) {
        m_errorText = QStringLiteral("Cannot remember the formats of %1: %2").arg(topic, query.lastError().text());
        return false;
    }
    return true;
}

bool TopicFormatStore::remove(const QString& cluster, const QString& topic)
{
    m_errorText.clear();
    if (!m_open) {
        m_errorText = QStringLiteral("The database is not open.");
        return false;
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("DELETE FROM topic_formats WHERE cluster = ? AND topic = ?"));
    query.addBindValue(cluster);
    query.addBindValue(topic);
    if (!query.exec()) {
        m_errorText = QStringLiteral("Cannot forget the formats of %1: %2").arg(topic, query.lastError().text());
        return false;
    }
    return true;
}

} // namespace Samsa

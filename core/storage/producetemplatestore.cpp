#include "producetemplatestore.h"

#include "samsadatabase.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace Samsa {

ProduceTemplateStore::ProduceTemplateStore()
    : m_connectionName(SamsaDatabase::newConnectionName(QStringLiteral("produce-templates")))
{
}

ProduceTemplateStore::~ProduceTemplateStore()
{
    SamsaDatabase::close(m_connectionName);
}

bool ProduceTemplateStore::open(const QString& path)
{
    m_errorText.clear();
    m_open = SamsaDatabase::open(m_connectionName, path, &m_errorText);
    return m_open;
}

bool ProduceTemplateStore::isOpen() const
{
    return m_open;
}

QString ProduceTemplateStore::errorText() const
{
    return m_errorText;
}

QList<ProduceTemplate> ProduceTemplateStore::templates(const QString& cluster, const QString& topic) const
{
    QList<ProduceTemplate> result;
    if (!m_open)
        return result;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("SELECT id, name, message_json, created_ms FROM produce_templates "
                                 "WHERE cluster = ? AND topic = ? ORDER BY created_ms DESC, id DESC"));
    query.addBindValue(cluster);
    query.addBindValue(topic);
    if (!query.exec())
        return result;
    while (query.next()) {
        ProduceTemplate entry;
        entry.id = query.value(0).toLongLong();
        entry.name = query.value(1).toString();
        entry.messageJson = query.value(2).toString().toUtf8();
        entry.created = QDateTime::fromMSecsSinceEpoch(query.value(3).toLongLong(), Qt::UTC);
        result.append(entry);
    }
    return result;
}

qint64 ProduceTemplateStore::add(
    const QString& cluster, const QString& topic, const QString& name, const QByteArray& messageJson)
{
    m_errorText.clear();
    if (!m_open) {
        m_errorText = QStringLiteral("The database is not open.");
        return 0;
    }
    QJsonParseError parseError;
    if (!QJsonDocument::fromJson(messageJson, &parseError).isObject()) {
        m_errorText = QStringLiteral("A template must be a JSON object: %1").arg(parseError.errorString());
        return 0;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction()) {
        m_errorText = QStringLiteral("Cannot keep the template: %1").arg(db.lastError().text());
        return 0;
    }
    // Newest first must hold for messages sent within one millisecond too, so a template used
    // again always moves to the top: its time is at least one past the newest of its topic.
    qint64 now = QDateTime::currentMSecsSinceEpoch();
    {
        QSqlQuery newest(db);
        newest.prepare(QStringLiteral("SELECT MAX(created_ms) FROM produce_templates WHERE cluster = ? AND topic = ?"));
        newest.addBindValue(cluster);
        newest.addBindValue(topic);
        if (newest.exec() && newest.next() && !newest.value(0).isNull())
            now = std::max(now, newest.value(0).toLongLong() + 1);
    }
    const QString json = QString::fromUtf8(messageJson);
    const QString shownName = name.isNull() ? QStringLiteral("") : name;
    QString error;
    qint64 id = 0;
    {
        QSqlQuery same(db);
        same.prepare(QStringLiteral(
            "SELECT id FROM produce_templates WHERE cluster = ? AND topic = ? AND message_json = ? LIMIT 1"));
        same.addBindValue(cluster);
        same.addBindValue(topic);
        same.addBindValue(json);
        if (same.exec() && same.next())
            id = same.value(0).toLongLong();
        QSqlQuery write(db);
        if (id != 0) {
            write.prepare(QStringLiteral("UPDATE produce_templates SET name = ?, created_ms = ? WHERE id = ?"));
            write.addBindValue(shownName);
            write.addBindValue(now);
            write.addBindValue(id);
        } else {
            write.prepare(QStringLiteral("INSERT INTO produce_templates (cluster, topic, name, message_json, created_ms) "
                                         "VALUES (?, ?, ?, ?, ?)"));
            write.addBindValue(cluster);
            write.addBindValue(topic);
            write.addBindValue(shownName);
            write.addBindValue(json);
            write.addBindValue(now);
        }
        if (!write.exec())
            error = write.lastError().text();
        else if (id == 0)
            id = write.lastInsertId().toLongLong();
    }
    if (error.isEmpty()) {
        QSqlQuery trim(db);
        trim.prepare(QStringLiteral("DELETE FROM produce_templates WHERE cluster = ? AND topic = ? AND id NOT IN "
                                    "(SELECT id FROM produce_templates WHERE cluster = ? AND topic = ? "
                                    "ORDER BY created_ms DESC, id DESC LIMIT ?)"));
        trim.addBindValue(cluster);
        trim.addBindValue(topic);
        trim.addBindValue(cluster);
        trim.addBindValue(topic);
        trim.addBindValue(MaxPerTopic);
        if (!trim.exec())
            error = trim.lastError().text();
    }
    if (error.isEmpty() && !db.commit())
        error = db.lastError().text();
    if (!error.isEmpty()) {
        db.rollback();
        m_errorText = QStringLiteral("Cannot keep the template: %1").arg(error);
        return 0;
    }
    return id;
}

bool ProduceTemplateStore::remove(qint64 id)
{
    m_errorText.clear();
    if (!m_open) {
        m_errorText = QStringLiteral("The database is not open.");
        return false;
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("DELETE FROM produce_templates WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        m_errorText = QStringLiteral("Cannot delete the template: %1").arg(query.lastError().text());
        return false;
    }
    return query.numRowsAffected() > 0;
}

} // namespace Samsa

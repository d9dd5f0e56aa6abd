#pragma once

// Where an Avro value's schema comes from in the Produce dialog: the subject naming strategy
// (TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy), the subject (those that fit
// the strategy and topic are offered; any can be typed) and the version or "latest". The chosen
// version is fetched from the registry asynchronously; schemaChanged tells when it arrived.

#include "produce/producepayload.h"
#include "registry/registrytypes.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace Samsa {

class SchemaRegistryClient;

class AvroSchemaPicker : public QWidget {
    Q_OBJECT
public:
    // `client` may be null (no registry configured): the picker then says so.
    AvroSchemaPicker(SchemaRegistryClient* client, QWidget* parent = nullptr);

    void setTopic(const QString& topic);
    // Lists the registry's subjects again (the first time the picker is shown, and on demand).
    void reload();

    // The fetched schema (id >= 0) of the chosen subject and version; id -1 while none.
    const SchemaVersion& schema() const { return m_schema; }
    bool hasSchema() const { return m_schema.id >= 0 && !m_loading; }
    QString subject() const;
    QString status() const;

    void setSubject(const QString& subject, const QString& version = QStringLiteral("latest"));

Q_SIGNALS:
    void schemaChanged();

private:
    void fillSubjects();
    void chooseSubject();
    void fetchSchema();
    void checkStrategy();
    SubjectNameStrategy strategy() const;

    SchemaRegistryClient* m_client;
    QString m_topic;
    QStringList m_subjects;
    SchemaVersion m_schema;
    bool m_loading = false;
    int m_generation = 0;
    QString m_pendingVersion;

    QComboBox* m_strategy;
    QComboBox* m_subject;
    QComboBox* m_version;
    QLabel* m_status;
};

} // namespace Samsa

#pragma once

// Recent messages produced to a topic, kept as templates in samsa.db (table produce_templates):
// the newest MaxPerTopic per cluster and topic. The message itself is JSON the produce dialog
// writes and reads (key, value, headers, formats); this store does not look inside, apart from
// checking that it is JSON. Clusters are named by clusterStorageKey().
//
// Synchronous and small, like ProfileStore; each instance has its own connection and is used on
// the thread that opened it.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Samsa {

struct ProduceTemplate {
    qint64 id = 0;
    QString name;
    QByteArray messageJson;
    QDateTime created; // UTC
};

class ProduceTemplateStore {
public:
    static constexpr int MaxPerTopic = 20;

    ProduceTemplateStore();
    ~ProduceTemplateStore();
    ProduceTemplateStore(const ProduceTemplateStore&) = delete;
    ProduceTemplateStore& operator=(const ProduceTemplateStore&) = delete;

    bool open(const QString& path);
    bool isOpen() const;
    QString errorText() const;

    // Newest first.
    QList<ProduceTemplate> templates(const QString& cluster, const QString& topic) const;
    // Keeps a message; the same JSON again moves the existing template to the top (renamed)
    // instead of adding a copy. The oldest beyond MaxPerTopic are dropped. Returns the id, or 0
    // with errorText() set (also when messageJson is not a JSON object).
    qint64 add(const QString& cluster, const QString& topic, const QString& name, const QByteArray& messageJson);
    bool remove(qint64 id);

private:
    QString m_connectionName;
    QString m_errorText;
    bool m_open = false;
};

} // namespace Samsa

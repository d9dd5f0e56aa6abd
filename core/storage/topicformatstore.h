#pragma once

// The key and value formats chosen per topic, remembered in samsa.db (table topic_formats) so a
// topic's browser opens with them next time. Clusters are named by clusterStorageKey().
//
// Synchronous and small (one indexed row per call), like ProfileStore; each instance has its own
// connection and is used on the thread that opened it.

#include "decoding/messageformat.h"

#include <QString>

namespace Samsa {

struct TopicFormats {
    MessageFormat keyFormat = MessageFormat::Auto;
    MessageFormat valueFormat = MessageFormat::Auto;
    QString keySchemaFile; // .avsc for AvroFile / AvroSingleObject
    QString valueSchemaFile;
    QString keySubject; // Schema Registry subject chosen for producing, empty for the naming strategy's
    QString valueSubject;

    bool operator==(const TopicFormats&) const = default;
};

class TopicFormatStore {
public:
    TopicFormatStore();
    ~TopicFormatStore();
    TopicFormatStore(const TopicFormatStore&) = delete;
    TopicFormatStore& operator=(const TopicFormatStore&) = delete;

    // Opens (creating and migrating as needed); false with errorText() set.
    bool open(const QString& path);
    bool isOpen() const;
    QString errorText() const;

    // The stored formats, or the defaults (Auto for both) when none are stored or on error. A
    // format name this version does not know (written by a newer Samsa) reads as Auto.
    TopicFormats formats(const QString& cluster, const QString& topic) const;
    bool setFormats(const QString& cluster, const QString& topic, const TopicFormats& formats);
    bool remove(const QString& cluster, const QString& topic);

private:
    QString m_connectionName;
    QString m_errorText;
    bool m_open = false;
};

} // namespace Samsa

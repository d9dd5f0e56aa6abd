#pragma once

// A topic's messages ("cluster · topic · Messages"): the read bar (partitions, where to start, how
// many, live tail, formats, Read / Stop), a progress line, find by key, the filter bar, the table and
// the selected message in full below it. Reading runs on the MessageReader's worker thread,
// filtering and sorting on the model's; nothing here waits on the network or the disk.
//
// On the table: Ctrl+C copies the selected messages as JSON (one line each), the context menu
// also compares two of them and exports the selection or everything loaded.

#include "decoding/payloaddecoder.h"
#include "messages/readrequest.h"
#include "storage/topicformatstore.h"

#include <QPointer>
#include <QWidget>
#include <memory>

class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;

namespace Samsa {

class ClusterSession;
class DataTableView;
class FilterBar;
class MessageBar;
class MessageDetailPane;
class MessageReader;
class MessagesModel;
class ReadBar;
class SchemaCache;

class MessageBrowserPage : public QWidget {
    Q_OBJECT
public:
    // databasePath: samsa.db, for the formats remembered per topic and the schema cache; empty keeps
    // both in memory only.
    MessageBrowserPage(ClusterSession* session, const QString& topic, const QString& databasePath,
        QWidget* parent = nullptr);
    ~MessageBrowserPage() override;

    QString topic() const { return m_topic; }
    QString title() const;
    MessagesModel* model() const { return m_model; }
    bool isReading() const;

public Q_SLOTS:
    void read();
    void findKey(const QString& key);
    void stop();
    void copySelectionAsJson();
    void compareSelection();
    void exportMessages(bool selectionOnly);

private:
    void startRead(ReadRequest request);
    void showPlan(const ReadPlan& plan);
    void showProgress(const ReadProgress& progress);
    void readEnded(const QString& reason, bool failed);
    void showConnection(bool lost, const QString& cause);
    void applyFilter();
    void applyFormats(bool remember);
    void updatePartitions();
    void showCurrent();
    void showContextMenu(const QPoint& position);
    QList<int> selectedRows() const;
    DecodeOptions options(MessageFormat format, const QString& schemaFile) const;

    QPointer<ClusterSession> m_session;
    QString m_topic;
    TopicFormatStore m_formatStore;
    TopicFormats m_formats;
    std::shared_ptr<SchemaCache> m_schemaCache;
    std::shared_ptr<PayloadDecoder> m_decoder;
    MessagesModel* m_model;
    MessageReader* m_reader;

    ReadBar* m_readBar;
    QLineEdit* m_findKey;
    QPushButton* m_findButton;
    QLabel* m_progress;
    QLabel* m_plan;
    MessageBar* m_message;
    FilterBar* m_filterBar;
    DataTableView* m_view;
    MessageDetailPane* m_detail;
    QSplitter* m_splitter;
    ReadProgress m_lastProgress;
    QString m_endReason;
    bool m_connectionLost = false; // a live tail waits for the cluster to come back
};

} // namespace Samsa

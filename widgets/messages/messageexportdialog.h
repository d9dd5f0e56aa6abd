#pragma once

// Export of loaded messages to a JSON Lines or CSV file: what is exported (the selection, the
// filter's matches or everything loaded), the format and the file, then a progress bar and Cancel
// while MessageExporter writes on its worker thread. A failure is shown in the dialog; the file is
// only replaced when the export succeeds.

#include "decoding/payloaddecoder.h"
#include "messages/recordstore.h"

#include <QDialog>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace Samsa {

class MessageExporter;
struct MessageExportResult;

class MessageExportDialog : public QDialog {
    Q_OBJECT
public:
    // indices: store indices in the order to write; empty with subset false means every record of
    // the snapshot.
    MessageExportDialog(const QString& topic, std::shared_ptr<const RecordStore::Snapshot> snapshot,
        std::shared_ptr<PayloadDecoder> decoder, const DecodeOptions& keyOptions, const DecodeOptions& valueOptions,
        const QList<qint64>& indices, bool subset, QWidget* parent = nullptr);
    ~MessageExportDialog() override;

    bool isExporting() const;

Q_SIGNALS:
    void exportFinished(bool ok);

protected:
    void reject() override;

private:
    void browse();
    void start();
    void finish(const MessageExportResult& result);
    void formatChanged();

    QString m_topic;
    std::shared_ptr<const RecordStore::Snapshot> m_snapshot;
    std::shared_ptr<PayloadDecoder> m_decoder;
    DecodeOptions m_keyOptions;
    DecodeOptions m_valueOptions;
    QList<qint64> m_indices;
    qint64 m_total = 0;
    MessageExporter* m_exporter;

    QComboBox* m_format;
    QLineEdit* m_path;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_export;
    QPushButton* m_cancel;
};

} // namespace Samsa

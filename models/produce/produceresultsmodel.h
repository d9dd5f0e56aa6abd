#pragma once

// What happened to each message the Produce dialog sent: its number in the batch, and either the
// partition and offset the broker gave it or the broker's error. Results arrive in batches and
// are appended (never a reset while sending), so the list scrolls while it fills.

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace Samsa {

struct ProduceResultRow {
    int index = 0; // 0-based position in the batch
    int partition = -1;
    qint64 offset = -1;
    QString error; // empty when the broker acknowledged the message

    bool ok() const { return error.isEmpty(); }
};

class ProduceResultsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NumberColumn, PartitionColumn, OffsetColumn, ResultColumn, ColumnCount };

    explicit ProduceResultsModel(QObject* parent = nullptr);

    void clear();
    void append(const QList<ProduceResultRow>& rows);

    int succeeded() const { return m_succeeded; }
    int failed() const { return int(m_rows.size()) - m_succeeded; }
    const ProduceResultRow& rowAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ProduceResultRow> m_rows;
    int m_succeeded = 0;
};

} // namespace Samsa

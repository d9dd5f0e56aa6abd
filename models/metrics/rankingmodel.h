#pragma once

// The top entries of a cluster's metrics by one measure, for the cluster dashboard: the groups
// lagging most or the busiest topics. Each row keeps its measure's recent values for a sparkline
// (SparklineRole, a QList<double>), so a trend shows without opening anything. Rows are re-ranked
// after every round; the model resets only when the ranking changes.

#include "metrics/metricssnapshot.h"

#include <QAbstractTableModel>
#include <QHash>

namespace Samsa {

class RankingModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Kind { LaggingGroups, BusiestTopics };
    enum Role { SparklineRole = Qt::UserRole + 1, KeyRole };
    static constexpr int ReadByColumn = 4; // of BusiestTopics
    // LaggingGroups: Group, Health, Lag, Time lag, Trend. BusiestTopics: Topic, Messages/s, Read by, Trend.
    RankingModel(Kind kind, int rows = 10, QObject* parent = nullptr);

    void addSnapshot(const MetricsSnapshot& snapshot);
    int trendColumn() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString key;
        double measure = 0;
        QStringList cells; // every column but the trend
    };
    Kind m_kind;
    int m_rows;
    QList<Row> m_ranked;
    QHash<QString, QList<double>> m_trends; // key -> recent measures, oldest first
};

} // namespace Samsa

#include "rankingmodel.h"

#include "text/durationtext.h"

#include <QLocale>
#include <algorithm>

namespace Samsa {

namespace {

constexpr qsizetype TrendPoints = 60; // five minutes at the default interval

} // namespace

RankingModel::RankingModel(Kind kind, int rows, QObject* parent)
    : QAbstractTableModel(parent)
    , m_kind(kind)
    , m_rows(rows)
{
}

int RankingModel::trendColumn() const
{
    return m_kind == Kind::LaggingGroups ? 4 : ReadByColumn + 1;
}

void RankingModel::addSnapshot(const MetricsSnapshot& snapshot)
{
    const QLocale locale;
    QList<Row> rows;
    QSet<QString> seen;
    if (m_kind == Kind::LaggingGroups) {
        for (const GroupMetrics& group : snapshot.groups) {
            const QString timeLag = group.timeLag.ms ? durationText(*group.timeLag.ms) : QStringLiteral("–");
            rows.append({ group.group, double(group.lag),
                { group.group, healthName(group.health), locale.toString(group.lag), timeLag } });
        }
    } else {
        for (const TopicMetrics& topic : snapshot.topics) {
            if (topic.topic.startsWith(QLatin1String("__")))
                continue; // Kafka's own (__consumer_offsets): its traffic is the groups' commits
            const double rate = topic.messagesPerSecond.value_or(0);
            const QString bytesRate = topic.bytesPerSecond
                ? locale.formattedDataSize(qint64(*topic.bytesPerSecond)) + QStringLiteral("/s")
                : QStringLiteral("–");
            const QString size = topic.logBytes >= 0 ? locale.formattedDataSize(topic.logBytes) : QStringLiteral("–");
            rows.append({ topic.topic, rate,
                { topic.topic, topic.messagesPerSecond ? locale.toString(rate, 'f', 1) : QStringLiteral("–"), bytesRate,
                    size, topic.groups.join(QStringLiteral(", ")) } });
        }
    }
    for (const Row& row : std::as_const(rows)) {
        QList<double>& trend = m_trends[row.key];
        trend.append(row.measure);
        if (trend.size() > TrendPoints)
            trend.removeFirst();
        seen.insert(row.key);
    }
    m_trends.removeIf([&seen](const auto& entry) { return !seen.contains(entry.key()); });
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return a.measure != b.measure ? a.measure > b.measure : a.key < b.key;
    });
    if (rows.size() > m_rows)
        rows.resize(m_rows);

    bool sameOrder = rows.size() == m_ranked.size();
    for (qsizetype i = 0; sameOrder && i < rows.size(); ++i)
        sameOrder = rows.at(i).key == m_ranked.at(i).key;
    if (!sameOrder) {
        beginResetModel();
        m_ranked = rows;
        endResetModel();
        return;
    }
    m_ranked = rows;
    if (!m_ranked.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_ranked.size()) - 1, columnCount() - 1));
}

int RankingModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_ranked.size());
}

int RankingModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : trendColumn() + 1;
}

QVariant RankingModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_ranked.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return index.column() < row.cells.size() ? QVariant(row.cells.at(index.column())) : QVariant();
    case SparklineRole:
        return QVariant::fromValue(m_trends.value(row.key));
    case KeyRole:
        return row.key;
    case Qt::TextAlignmentRole:
        if (index.column() > 0 && index.column() < trendColumn()
            && !(m_kind == Kind::BusiestTopics && index.column() == ReadByColumn))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant RankingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    const QStringList headers = m_kind == Kind::LaggingGroups
        ? QStringList { tr("Group"), tr("Health"), tr("Lag"), tr("Time lag"), tr("Lag, last 5 min") }
        : QStringList { tr("Topic"), tr("Messages/s"), tr("Bytes/s"), tr("Size"), tr("Read by"), tr("Messages/s, last 5 min") };
    return headers.value(section);
}

} // namespace Samsa

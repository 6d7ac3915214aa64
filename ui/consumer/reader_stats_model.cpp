#include "consumer/reader_stats_model.h"

#include <QLocale>

namespace kafkascope::ui {
namespace {

using consumer::ReaderStats;
using consumer::Summary;

QString number(std::int64_t v) { return QLocale().toString(static_cast<qlonglong>(v)); }

QString micros(std::int64_t us) {
    if (us < 1000) return QStringLiteral("%1 µs").arg(us);
    if (us < 1'000'000) return QStringLiteral("%1 ms").arg(static_cast<double>(us) / 1000.0, 0, 'f', 1);
    return QStringLiteral("%1 s").arg(static_cast<double>(us) / 1e6, 0, 'f', 2);
}

QString summary(const Summary& s, QString (*unit)(std::int64_t)) {
    if (s.count == 0) return QStringLiteral("-");
    return QStringLiteral("avg %1 · min %2 · max %3 (%4×)").arg(unit(s.avg()), unit(s.min), unit(s.max), number(s.count));
}

QString bytesText(std::int64_t b) { return QLocale().formattedDataSize(b, 1, QLocale::DataSizeTraditionalFormat); }

}  // namespace

ReaderStatsModel::ReaderStatsModel(QObject* parent) : QAbstractTableModel(parent) {
    // Captureless lambdas: one formatter per row, in kafka-go's order.
    m_fields = {
        {tr("Client id"), tr("Shown in the stats; the engine's own id goes on the wire"),
         [](const ReaderStats& s, double, double) { return QString::fromStdString(s.client_id); }},
        {tr("Topics"), {}, [](const ReaderStats& s, double, double) { return QString::fromStdString(s.topic); }},
        {tr("Rebalances"), tr("Generations this member has joined"),
         [](const ReaderStats& s, double, double) { return number(s.rebalances); }},
        {tr("Messages"), tr("Messages received from the brokers"),
         [](const ReaderStats& s, double, double) { return number(s.messages); }},
        {tr("Messages/s"), tr("Between the last two updates"),
         [](const ReaderStats&, double m, double) { return QLocale().toString(m, 'f', 0); }},
        {tr("Bytes"), tr("Key + value bytes received"),
         [](const ReaderStats& s, double, double) { return bytesText(s.bytes); }},
        {tr("Bytes/s"), tr("Between the last two updates"),
         [](const ReaderStats&, double, double b) { return bytesText(static_cast<std::int64_t>(b)); }},
        {tr("Fetches"), tr("Fetch requests answered"), [](const ReaderStats& s, double, double) { return number(s.fetches); }},
        {tr("Dials"), tr("Broker connections opened"), [](const ReaderStats& s, double, double) { return number(s.dials); }},
        {tr("Timeouts"), tr("Fetches that hit their deadline"),
         [](const ReaderStats& s, double, double) { return number(s.timeouts); }},
        {tr("Errors"), tr("Failed fetches, lookups and commits"),
         [](const ReaderStats& s, double, double) { return number(s.errors); }},
        {tr("Queue"), tr("Messages fetched and waiting / queue capacity"),
         [](const ReaderStats& s, double, double) {
             return QStringLiteral("%1 / %2").arg(number(s.queue_length), number(s.queue_capacity));
         }},
        {tr("Dial time"), tr("Leader lookup and connection"),
         [](const ReaderStats& s, double, double) { return summary(s.dial_time, micros); }},
        {tr("Wait time"), tr("A Fetch from send to decoded answer (broker wait included)"),
         [](const ReaderStats& s, double, double) { return summary(s.wait_time, micros); }},
        {tr("Read time"), tr("Handing a fetch's messages to the queue"),
         [](const ReaderStats& s, double, double) { return summary(s.read_time, micros); }},
        {tr("Fetch size"), tr("Messages per fetch"),
         [](const ReaderStats& s, double, double) { return summary(s.fetch_size, number); }},
        {tr("Fetch bytes"), tr("Record bytes per fetch"),
         [](const ReaderStats& s, double, double) { return summary(s.fetch_bytes, bytesText); }},
        {tr("Min / max bytes"), tr("Fetch size limits asked of the broker"),
         [](const ReaderStats& s, double, double) {
             return QStringLiteral("%1 / %2").arg(bytesText(s.min_bytes), bytesText(s.max_bytes));
         }},
        {tr("Max wait"), tr("How long a broker may hold an empty fetch"),
         [](const ReaderStats& s, double, double) { return QStringLiteral("%1 ms").arg(s.max_wait.count()); }},
        {tr("Offset / lag"), tr("-1 in a group, as in kafka-go: see the partitions table"),
         [](const ReaderStats& s, double, double) { return QStringLiteral("%1 / %2").arg(s.offset).arg(s.lag); }},
    };
}

void ReaderStatsModel::setStats(const consumer::ReaderStats& stats) {
    if (m_previous && m_sincePrevious.isValid()) {
        const double seconds = static_cast<double>(m_sincePrevious.nsecsElapsed()) / 1e9;
        if (seconds > 0.05) {
            m_messagesPerSecond = static_cast<double>(stats.messages - m_previous->messages) / seconds;
            m_bytesPerSecond = static_cast<double>(stats.bytes - m_previous->bytes) / seconds;
        }
    }
    m_previous = stats;
    m_sincePrevious.start();
    m_stats = stats;
    Q_EMIT dataChanged(index(0, Value), index(rowCount() - 1, Value));
}

void ReaderStatsModel::clear() {
    m_stats.reset();
    m_previous.reset();
    m_messagesPerSecond = m_bytesPerSecond = 0;
    Q_EMIT dataChanged(index(0, Value), index(rowCount() - 1, Value));
}

QString ReaderStatsModel::valueOf(const QString& name) const {
    for (int row = 0; row < rowCount(); ++row) {
        if (m_fields[static_cast<std::size_t>(row)].name == name) return data(index(row, Value)).toString();
    }
    return {};
}

int ReaderStatsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_fields.size());
}

int ReaderStatsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ReaderStatsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const Field& f = m_fields[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        if (index.column() == Name) return f.name;
        return m_stats ? f.format(*m_stats, m_messagesPerSecond, m_bytesPerSecond) : QStringLiteral("-");
    }
    if (role == Qt::ToolTipRole && !f.hint.isEmpty()) return f.hint;
    return {};
}

QVariant ReaderStatsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == Name ? tr("Statistic") : tr("Value");
}

}  // namespace kafkascope::ui

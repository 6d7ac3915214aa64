#pragma once
// The consumer-group pane's live table of received messages: topic,
// partition, offset, key, value preview, timestamp, header count and state.
//
// Built for thousands of messages per second (Wireshark's packet list is
// the model): rows arrive in batches, one beginInsertRows per batch; each
// row is a compact record (numbers plus the message's own bytes) and display
// strings are made only in data(), i.e. only for the rows on screen.
//
// Row cap: only the newest maxRows() rows are kept (default
// kDefaultMaxRows = 100,000); older ones are removed from the top in one
// beginRemoveRows per batch. droppedRows() counts them. Memory is about
// 120 bytes per row plus its key, value and header bytes.
//
// Every row has a serial number, unique and increasing for the model's
// life, so a row can be found again after rows above it were dropped
// (dead-letter results come back by serial).
//
// State column: "committed" when the row's offset is below the committed
// offset known for its partition (setCommitted), else the row's own state
// (failed, sending to the dead-letter topic, dead-lettered, dead-letter
// error).

#include <QAbstractTableModel>
#include <QHash>
#include <QString>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "consumer/message.h"

namespace kafkascope::ui {

class GroupMessagesModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Topic, Partition, Offset, Key, Value, Timestamp, Headers, State, ColumnCount };
    enum class RowState : quint8 { Received, Failed, DeadLetterSending, DeadLettered, DeadLetterFailed };
    static constexpr int kDefaultMaxRows = 100'000;
    static constexpr int kPreviewChars = 160;
    // data(index, SerialRole) is the row's serial (qulonglong).
    static constexpr int SerialRole = Qt::UserRole + 1;

    explicit GroupMessagesModel(QObject* parent = nullptr);

    void append(const std::vector<consumer::Message>& batch);
    void clear();
    void setMaxRows(int rows);  // at least 1; drops rows at once if over
    int maxRows() const { return m_maxRows; }
    qint64 droppedRows() const { return m_dropped; }

    // The committed offset ("next to read") of a partition: rows below it
    // show as committed. Only ever moves forward.
    void setCommitted(const std::string& topic, std::int32_t partition, std::int64_t offset);
    std::int64_t committed(const std::string& topic, std::int32_t partition) const;

    quint64 serial(int row) const;
    int rowOfSerial(quint64 serial) const;  // -1 when dropped or unknown
    consumer::Message message(int row) const;
    RowState rowState(int row) const;
    // `note` is shown as the state cell's tooltip (where a copy went, why it
    // failed).
    void setRowState(quint64 serial, RowState state, const QString& note = {});
    std::vector<quint64> serialsInState(RowState state) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Bytes as the table shows them: UTF-8 text when valid (control
    // characters escaped), else hex; cut at `maxChars` with an ellipsis.
    static QString preview(const std::optional<protocol::Bytes>& bytes, int maxChars);

private:
    struct Row {
        quint64 serial = 0;
        std::int64_t offset = 0;
        std::int64_t timestamp_ms = 0;
        std::int32_t partition = 0;
        quint16 topic = 0;  // index into m_topics
        RowState state = RowState::Received;
        std::optional<protocol::Bytes> key;
        std::optional<protocol::Bytes> value;
        std::vector<records::RecordHeader> headers;
    };

    quint16 topicIndex(const std::string& topic);
    void dropFront(std::size_t count);
    QString stateText(const Row& row) const;

    std::deque<Row> m_rows;
    std::vector<std::string> m_topics;
    std::map<std::string, quint16, std::less<>> m_topicIndex;
    std::map<std::pair<quint16, std::int32_t>, std::int64_t> m_committed;
    QHash<quint64, QString> m_notes;
    quint64 m_nextSerial = 1;
    qint64 m_dropped = 0;
    int m_maxRows = kDefaultMaxRows;
};

}  // namespace kafkascope::ui

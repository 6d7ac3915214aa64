#include "consumer/group_settings_form.h"

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStringListModel>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

#include "consumer/dead_letter.h"

namespace kafkascope::ui {
namespace {

using std::chrono::milliseconds;

int ms(milliseconds value) { return static_cast<int>(value.count()); }

QStringList toStringList(const std::vector<std::string>& names) {
    QStringList out;
    for (const auto& n : names) out << QString::fromStdString(n);
    return out;
}

// Settings keys (plain values, readable in the ini file).
const QString kQueueCapacity = QStringLiteral("queueCapacity");
const QString kCommitInterval = QStringLiteral("commitIntervalMs");
const QString kStartOffset = QStringLiteral("startOffset");
const QString kMinBytes = QStringLiteral("minBytes");
const QString kMaxBytes = QStringLiteral("maxBytes");
const QString kMaxWait = QStringLiteral("maxWaitMs");
const QString kHeartbeat = QStringLiteral("heartbeatIntervalMs");
const QString kSession = QStringLiteral("sessionTimeoutMs");
const QString kRebalance = QStringLiteral("rebalanceTimeoutMs");
const QString kBalancers = QStringLiteral("groupBalancers");
const QString kInstanceId = QStringLiteral("groupInstanceId");
const QString kIsolation = QStringLiteral("isolationLevel");
const QString kJoinBackoff = QStringLiteral("joinGroupBackoffMs");
const QString kReadBackoffMin = QStringLiteral("readBackoffMinMs");
const QString kReadBackoffMax = QStringLiteral("readBackoffMaxMs");
const QString kCommitRetries = QStringLiteral("commitRetries");
const QString kWatchInterval = QStringLiteral("partitionWatchIntervalMs");
const QString kGroupId = QStringLiteral("groupId");
const QString kTopics = QStringLiteral("topics");

}  // namespace

GroupSettingsForm::GroupSettingsForm(QWidget* parent) : SettingsForm(parent) {
    const consumer::GroupReaderConfig d;
    constexpr int kMaxInt = std::numeric_limits<int>::max();

    m_groupId = addLine(tr("Group id"), QStringLiteral("groupId"), tr("e.g. orders-audit"),
                        tr("The consumer group to join; members with the same id share the partitions."));
    m_topics = addLine(tr("Topics"), QStringLiteral("topics"), tr("topic-a, topic-b"),
                       tr("Topics to subscribe to (kafka-go GroupTopics), separated by commas or spaces."));
    auto* completer = new QCompleter(new QStringListModel(this), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_topics->setCompleter(completer);

    addSection(tr("Reading"));
    m_queueCapacity = addSpin(tr("Queue capacity"), QStringLiteral("queueCapacity"), 1, 1'000'000, tr(" msgs"),
                              tr("Messages fetched ahead of the application. Default %1.").arg(d.queue_capacity));
    m_commitInterval = addSpin(tr("Commit interval"), QStringLiteral("commitInterval"), 0, kMaxInt, tr(" ms"),
                               tr("0: a commit goes to the broker at once. > 0: commits are recorded and sent every "
                                  "interval, on rebalance and on leave. Default %1.")
                                   .arg(ms(d.commit_interval)));
    m_startOffset = addCombo(tr("Start offset"), QStringLiteral("startOffset"),
                             tr("Where a partition starts when the group has no committed offset for it. Default first."));
    m_startOffset->addItem(tr("first (oldest)"), QVariant::fromValue<qlonglong>(consumer::first_offset));
    m_startOffset->addItem(tr("last (only new messages)"), QVariant::fromValue<qlonglong>(consumer::last_offset));
    m_minBytes = addSpin(tr("Min bytes"), QStringLiteral("minBytes"), 1, kMaxInt, tr(" B"),
                         tr("A broker answers a fetch once it has this much (or max wait passed). Default %1.")
                             .arg(d.min_bytes));
    m_maxBytes = addSpin(tr("Max bytes"), QStringLiteral("maxBytes"), 1, kMaxInt, tr(" B"),
                         tr("Upper bound of one fetch answer. Default %1 (1 MB).").arg(d.max_bytes));
    m_maxWait = addSpin(tr("Max wait"), QStringLiteral("maxWait"), 0, kMaxInt, tr(" ms"),
                        tr("How long a broker may hold a fetch waiting for min bytes. Default %1 ms.").arg(ms(d.max_wait)));
    m_isolation = addCombo(tr("Isolation level"), QStringLiteral("isolationLevel"),
                           tr("read_committed hides records of aborted transactions and stops at open ones. "
                              "Default read_uncommitted."));
    m_isolation->addItem(QStringLiteral("read_uncommitted"), static_cast<int>(consumer::IsolationLevel::read_uncommitted));
    m_isolation->addItem(QStringLiteral("read_committed"), static_cast<int>(consumer::IsolationLevel::read_committed));

    addSection(tr("Group membership"));
    m_heartbeat = addSpin(tr("Heartbeat interval"), QStringLiteral("heartbeatInterval"), 1, kMaxInt, tr(" ms"),
                          tr("How often the member tells the coordinator it is alive; below the session timeout. "
                             "Default %1 ms.")
                              .arg(ms(d.heartbeat_interval)));
    m_session = addSpin(tr("Session timeout"), QStringLiteral("sessionTimeout"), 1, kMaxInt, tr(" ms"),
                        tr("Silence after which the coordinator drops the member and rebalances. Default %1 ms.")
                            .arg(ms(d.session_timeout)));
    m_rebalance = addSpin(tr("Rebalance timeout"), QStringLiteral("rebalanceTimeout"), 1, kMaxInt, tr(" ms"),
                          tr("How long the coordinator waits for every member to rejoin. Default %1 ms.")
                              .arg(ms(d.rebalance_timeout)));
    m_balancers = addCombo(tr("Group balancers"), QStringLiteral("groupBalancers"),
                           tr("Assignors offered, in order of preference; the group uses one every member has. "
                              "cooperative-sticky alone rebalances incrementally (owned partitions keep "
                              "being read). Default range, roundrobin."));
    for (const QStringList& choice : {QStringList{QStringLiteral("range"), QStringLiteral("roundrobin")},
                                      QStringList{QStringLiteral("roundrobin"), QStringLiteral("range")},
                                      QStringList{QStringLiteral("range")}, QStringList{QStringLiteral("roundrobin")},
                                      QStringList{QStringLiteral("cooperative-sticky")}}) {
        m_balancers->addItem(choice.join(QStringLiteral(", ")), choice);
    }
    m_instanceId = addLine(tr("Static member id"), QStringLiteral("groupInstanceId"), tr("(none: dynamic member)"),
                           tr("group.instance.id: a restart within the session timeout keeps the partitions "
                              "(no rebalance). Default none."));

    addSection(tr("Retries and watches"));
    m_joinBackoff = addSpin(tr("Join backoff"), QStringLiteral("joinGroupBackoff"), 0, kMaxInt, tr(" ms"),
                            tr("Pause before rejoining after a failed join. Default %1 ms.").arg(ms(d.join_group_backoff)));
    m_readBackoffMin = addSpin(tr("Read backoff min"), QStringLiteral("readBackoffMin"), 0, kMaxInt, tr(" ms"),
                               tr("First pause after a failed fetch. Default %1 ms.").arg(ms(d.read_backoff_min)));
    m_readBackoffMax = addSpin(tr("Read backoff max"), QStringLiteral("readBackoffMax"), 0, kMaxInt, tr(" ms"),
                               tr("Longest pause between failed fetches. Default %1 ms.").arg(ms(d.read_backoff_max)));
    m_commitRetries = addSpin(tr("Commit retries"), QStringLiteral("commitRetries"), 1, 100, {},
                              tr("Attempts of one commit before it is reported as failed. Default %1.")
                                  .arg(d.commit_retries));
    m_watchInterval = addSpin(tr("Partition watch"), QStringLiteral("partitionWatchInterval"), 100, kMaxInt, tr(" ms"),
                              tr("How often the topics' partition counts are checked; a change rebalances. "
                                 "Default %1 ms.")
                                  .arg(ms(d.partition_watch_interval)));

    finishWithResetButton(QStringLiteral("resetGroupSettings"), [this] { resetToDefaults(); });

    setConfig(d);
}

std::vector<std::string> GroupSettingsForm::splitTopics(const QString& text) {
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    std::vector<std::string> out;
    for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
        const std::string name = part.toStdString();
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return out;
}

void GroupSettingsForm::setKnownTopics(const QStringList& topics) {
    if (auto* model = qobject_cast<QStringListModel*>(m_topics->completer()->model())) model->setStringList(topics);
}

consumer::GroupReaderConfig GroupSettingsForm::config(QString* error) const {
    consumer::GroupReaderConfig c;
    c.group_id = m_groupId->text().trimmed().toStdString();
    c.topics = splitTopics(m_topics->text());
    c.queue_capacity = static_cast<std::size_t>(m_queueCapacity->value());
    c.commit_interval = milliseconds(m_commitInterval->value());
    c.start_offset = m_startOffset->currentData().toLongLong();
    c.min_bytes = m_minBytes->value();
    c.max_bytes = m_maxBytes->value();
    c.max_wait = milliseconds(m_maxWait->value());
    c.heartbeat_interval = milliseconds(m_heartbeat->value());
    c.session_timeout = milliseconds(m_session->value());
    c.rebalance_timeout = milliseconds(m_rebalance->value());
    c.group_balancers.clear();
    for (const QString& name : m_balancers->currentData().toStringList()) c.group_balancers.push_back(name.toStdString());
    const QString instance = m_instanceId->text().trimmed();
    if (!instance.isEmpty()) c.group_instance_id = instance.toStdString();
    c.isolation = static_cast<consumer::IsolationLevel>(m_isolation->currentData().toInt());
    c.join_group_backoff = milliseconds(m_joinBackoff->value());
    c.read_backoff_min = milliseconds(m_readBackoffMin->value());
    c.read_backoff_max = milliseconds(m_readBackoffMax->value());
    c.commit_retries = m_commitRetries->value();
    c.partition_watch_interval = milliseconds(m_watchInterval->value());

    if (error) {
        error->clear();
        if (c.group_id.empty()) {
            *error = tr("Enter a group id.");
        } else if (c.topics.empty()) {
            *error = tr("Enter at least one topic.");
        } else if (c.max_bytes < c.min_bytes) {
            *error = tr("Max bytes (%1) is below min bytes (%2).").arg(c.max_bytes).arg(c.min_bytes);
        } else if (c.heartbeat_interval >= c.session_timeout) {
            *error = tr("The heartbeat interval (%1 ms) must be shorter than the session timeout (%2 ms).")
                         .arg(c.heartbeat_interval.count())
                         .arg(c.session_timeout.count());
        } else if (c.read_backoff_max < c.read_backoff_min) {
            *error = tr("Read backoff max is below read backoff min.");
        } else {
            for (const std::string& t : c.topics) {
                const QString problem = topicNameProblem(QString::fromStdString(t));
                if (!problem.isEmpty()) {
                    *error = tr("Topics: %1.").arg(problem);
                    break;
                }
            }
        }
    }
    return c;
}

void GroupSettingsForm::setConfig(const consumer::GroupReaderConfig& c) {
    const QSignalBlocker blocker(this);
    m_groupId->setText(QString::fromStdString(c.group_id));
    m_topics->setText(toStringList(c.topics).join(QStringLiteral(", ")));
    m_queueCapacity->setValue(static_cast<int>(std::min<std::size_t>(c.queue_capacity, 1'000'000)));
    m_commitInterval->setValue(ms(c.commit_interval));
    m_startOffset->setCurrentIndex(std::max(0, m_startOffset->findData(QVariant::fromValue<qlonglong>(c.start_offset))));
    m_minBytes->setValue(c.min_bytes);
    m_maxBytes->setValue(c.max_bytes);
    m_maxWait->setValue(ms(c.max_wait));
    m_heartbeat->setValue(ms(c.heartbeat_interval));
    m_session->setValue(ms(c.session_timeout));
    m_rebalance->setValue(ms(c.rebalance_timeout));
    m_balancers->setCurrentIndex(std::max(0, m_balancers->findData(toStringList(c.group_balancers))));
    m_instanceId->setText(c.group_instance_id ? QString::fromStdString(*c.group_instance_id) : QString());
    m_isolation->setCurrentIndex(std::max(0, m_isolation->findData(static_cast<int>(c.isolation))));
    m_joinBackoff->setValue(ms(c.join_group_backoff));
    m_readBackoffMin->setValue(ms(c.read_backoff_min));
    m_readBackoffMax->setValue(ms(c.read_backoff_max));
    m_commitRetries->setValue(c.commit_retries);
    m_watchInterval->setValue(ms(c.partition_watch_interval));
}

void GroupSettingsForm::resetToDefaults() {
    consumer::GroupReaderConfig d;
    const consumer::GroupReaderConfig current = config();
    d.group_id = current.group_id;
    d.topics = current.topics;
    setConfig(d);
    Q_EMIT changed();
}

void GroupSettingsForm::save(QSettings& settings, const QString& group) const {
    const consumer::GroupReaderConfig c = config();
    settings.beginGroup(group);
    settings.setValue(kGroupId, QString::fromStdString(c.group_id));
    settings.setValue(kTopics, toStringList(c.topics).join(QStringLiteral(",")));
    settings.setValue(kQueueCapacity, static_cast<qulonglong>(c.queue_capacity));
    settings.setValue(kCommitInterval, static_cast<qlonglong>(c.commit_interval.count()));
    settings.setValue(kStartOffset, c.start_offset == consumer::last_offset ? QStringLiteral("last") : QStringLiteral("first"));
    settings.setValue(kMinBytes, c.min_bytes);
    settings.setValue(kMaxBytes, c.max_bytes);
    settings.setValue(kMaxWait, static_cast<qlonglong>(c.max_wait.count()));
    settings.setValue(kHeartbeat, static_cast<qlonglong>(c.heartbeat_interval.count()));
    settings.setValue(kSession, static_cast<qlonglong>(c.session_timeout.count()));
    settings.setValue(kRebalance, static_cast<qlonglong>(c.rebalance_timeout.count()));
    settings.setValue(kBalancers, toStringList(c.group_balancers).join(QStringLiteral(",")));
    settings.setValue(kInstanceId, c.group_instance_id ? QString::fromStdString(*c.group_instance_id) : QString());
    settings.setValue(kIsolation, c.isolation == consumer::IsolationLevel::read_committed ? QStringLiteral("read_committed")
                                                                                          : QStringLiteral("read_uncommitted"));
    settings.setValue(kJoinBackoff, static_cast<qlonglong>(c.join_group_backoff.count()));
    settings.setValue(kReadBackoffMin, static_cast<qlonglong>(c.read_backoff_min.count()));
    settings.setValue(kReadBackoffMax, static_cast<qlonglong>(c.read_backoff_max.count()));
    settings.setValue(kCommitRetries, c.commit_retries);
    settings.setValue(kWatchInterval, static_cast<qlonglong>(c.partition_watch_interval.count()));
    settings.endGroup();
}

void GroupSettingsForm::restore(QSettings& settings, const QString& group) {
    consumer::GroupReaderConfig c = config();
    settings.beginGroup(group);
    const auto number = [&](const QString& key, QSpinBox* spin, auto apply) {
        if (!settings.contains(key)) return;
        bool ok = false;
        const qlonglong v = settings.value(key).toLongLong(&ok);
        if (ok && v >= spin->minimum() && v <= spin->maximum()) apply(v);
    };
    if (settings.contains(kGroupId)) c.group_id = settings.value(kGroupId).toString().toStdString();
    if (settings.contains(kTopics)) c.topics = splitTopics(settings.value(kTopics).toString());
    number(kQueueCapacity, m_queueCapacity, [&](qlonglong v) { c.queue_capacity = static_cast<std::size_t>(v); });
    number(kCommitInterval, m_commitInterval, [&](qlonglong v) { c.commit_interval = milliseconds(v); });
    if (settings.contains(kStartOffset)) {
        const QString v = settings.value(kStartOffset).toString();
        if (v == QStringLiteral("first")) c.start_offset = consumer::first_offset;
        else if (v == QStringLiteral("last")) c.start_offset = consumer::last_offset;
    }
    number(kMinBytes, m_minBytes, [&](qlonglong v) { c.min_bytes = static_cast<std::int32_t>(v); });
    number(kMaxBytes, m_maxBytes, [&](qlonglong v) { c.max_bytes = static_cast<std::int32_t>(v); });
    number(kMaxWait, m_maxWait, [&](qlonglong v) { c.max_wait = milliseconds(v); });
    number(kHeartbeat, m_heartbeat, [&](qlonglong v) { c.heartbeat_interval = milliseconds(v); });
    number(kSession, m_session, [&](qlonglong v) { c.session_timeout = milliseconds(v); });
    number(kRebalance, m_rebalance, [&](qlonglong v) { c.rebalance_timeout = milliseconds(v); });
    if (settings.contains(kBalancers)) {
        const QStringList names = settings.value(kBalancers).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (m_balancers->findData(names) >= 0) {
            c.group_balancers.clear();
            for (const QString& n : names) c.group_balancers.push_back(n.toStdString());
        }
    }
    if (settings.contains(kInstanceId)) {
        const QString v = settings.value(kInstanceId).toString().trimmed();
        c.group_instance_id = v.isEmpty() ? std::nullopt : std::optional<std::string>(v.toStdString());
    }
    if (settings.contains(kIsolation)) {
        const QString v = settings.value(kIsolation).toString();
        if (v == QStringLiteral("read_committed")) c.isolation = consumer::IsolationLevel::read_committed;
        else if (v == QStringLiteral("read_uncommitted")) c.isolation = consumer::IsolationLevel::read_uncommitted;
    }
    number(kJoinBackoff, m_joinBackoff, [&](qlonglong v) { c.join_group_backoff = milliseconds(v); });
    number(kReadBackoffMin, m_readBackoffMin, [&](qlonglong v) { c.read_backoff_min = milliseconds(v); });
    number(kReadBackoffMax, m_readBackoffMax, [&](qlonglong v) { c.read_backoff_max = milliseconds(v); });
    number(kCommitRetries, m_commitRetries, [&](qlonglong v) { c.commit_retries = static_cast<int>(v); });
    number(kWatchInterval, m_watchInterval, [&](qlonglong v) { c.partition_watch_interval = milliseconds(v); });
    settings.endGroup();
    setConfig(c);
    Q_EMIT changed();
}

}  // namespace kafkascope::ui

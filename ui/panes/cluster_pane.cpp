#include "panes/cluster_pane.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include "bridge/engine_bridge.h"
#include "lag/topic_groups_view.h"
#include "models/cluster_filter_proxy_model.h"
#include "models/cluster_tree_model.h"
#include "style/icons.h"

namespace kafkascope::ui {

using Kind = ClusterTreeModel::NodeKind;

ClusterPane::ClusterPane(EngineBridge& bridge, QWidget* parent) : QWidget(parent), m_bridge(bridge) {
    m_model = new ClusterTreeModel(this);
    m_proxy = new ClusterFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);

    m_view = new QTreeView(this);
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);  // lets the view skip measuring 10,000s of rows
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ClusterTreeModel::NameColumn, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAllColumnsShowFocus(true);
    QHeaderView* header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionsMovable(true);
    const int widths[] = {190, 180, 60, 70, 70, 90, 90, 90};
    for (int column = 0; column < ClusterTreeModel::ColumnCount; ++column) {
        m_view->setColumnWidth(column, widths[column]);
    }

    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_topicGroups = new TopicGroupsView(m_bridge, this);  // asks the engine when a topic is selected
    m_topicGroups->hide();
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(m_topicGroups);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    layout->addWidget(buildToolbar());
    layout->addWidget(split, 1);
    layout->addWidget(m_summaryLabel);

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(150);
    connect(m_filterEdit, &QLineEdit::textChanged, &m_filterDelay, qOverload<>(&QTimer::start));
    connect(&m_filterDelay, &QTimer::timeout, this, [this] {
        m_proxy->setTopicFilter(m_filterEdit->text());
        restoreViewState();
        updateSummary();
    });

    connect(&m_autoRefreshTimer, &QTimer::timeout, this, &ClusterPane::onAutoRefreshTick);
    connect(m_refreshButton, &QToolButton::clicked, this, [this] { m_bridge.refresh(); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
    // Browse messages of the topic or partition under the cursor.
    auto browseAt = [this](const QModelIndex& index) {
        const QModelIndex source = m_proxy->mapToSource(index);
        const Kind kind = ClusterTreeModel::kindOf(source);
        if (kind != Kind::Topic && kind != Kind::Partition) return;
        Q_EMIT browseRequested(source.data(ClusterTreeModel::TopicNameRole).toString(),
                               kind == Kind::Partition ? source.data(ClusterTreeModel::PartitionRole).toInt() : -1);
    };
    auto* browseAction = new QAction(tr("Browse messages"), m_view);
    browseAction->setObjectName(QStringLiteral("browseMessagesAction"));
    connect(browseAction, &QAction::triggered, this, [this, browseAt] { browseAt(m_view->currentIndex()); });
    m_view->addAction(browseAction);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_view, &QTreeView::doubleClicked, this, [browseAt](const QModelIndex& index) { browseAt(index); });
    connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this, &ClusterPane::rememberViewState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ClusterPane::restoreViewState);

    connect(&m_bridge, &EngineBridge::metadataReady, this,
            [this](quint64, const MetadataSnapshot& metadata) {
                m_model->setMetadata(metadata);
                updateSummary();
            });
    connect(&m_bridge, &EngineBridge::offsetsReady, this,
            [this](quint64, const OffsetsSnapshot& offsets) { m_model->setOffsets(*offsets); });
    connect(&m_bridge, &EngineBridge::stateChanged, this, [this](ConnectionState state) {
        m_refreshButton->setEnabled(m_bridge.hasEngine());
        if (state == ConnectionState::Connecting || state == ConnectionState::Disconnected) {
            m_expandedTopics.clear();  // a different cluster: start from a clean tree
            m_model->clear();
            updateSummary();
        }
    });
    setAutoRefreshSeconds(kDefaultAutoRefreshSeconds);
    updateSummary();
}

QWidget* ClusterPane::buildToolbar() {
    auto* bar = new QWidget(this);
    m_filterEdit = new QLineEdit(bar);
    m_filterEdit->setObjectName(QStringLiteral("topicFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter topics by name"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->addAction(icons::search(), QLineEdit::LeadingPosition);

    auto* findAction = new QAction(tr("Find Topic"), this);
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus();
        m_filterEdit->selectAll();
    });
    addAction(findAction);

    m_intervalCombo = new QComboBox(bar);
    m_intervalCombo->setObjectName(QStringLiteral("autoRefreshInterval"));
    m_intervalCombo->setToolTip(tr("Refresh metadata and offsets automatically"));
    m_intervalCombo->addItem(tr("Off"), 0);
    for (int seconds : {5, 10, 30, 60, 300}) {
        m_intervalCombo->addItem(seconds < 60 ? tr("Every %1 s").arg(seconds) : tr("Every %1 min").arg(seconds / 60),
                                 seconds);
    }
    connect(m_intervalCombo, &QComboBox::activated, this,
            [this](int index) { setAutoRefreshSeconds(m_intervalCombo->itemData(index).toInt()); });

    m_refreshButton = new QToolButton(bar);
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_refreshButton->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_refreshButton->setText(tr("Refresh"));
    m_refreshButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_refreshButton->setToolTip(tr("Refresh metadata and offsets now (F5)"));
    m_refreshButton->setEnabled(false);

    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filterEdit, 1);
    layout->addSpacing(8);
    layout->addWidget(new QLabel(tr("Auto-refresh:"), bar));
    layout->addWidget(m_intervalCombo);
    layout->addWidget(m_refreshButton);
    return bar;
}

void ClusterPane::setAutoRefreshSeconds(int seconds) {
    seconds = std::max(0, seconds);
    int index = m_intervalCombo->findData(seconds);
    if (index < 0) {
        m_intervalCombo->addItem(tr("Every %1 s").arg(seconds), seconds);
        index = m_intervalCombo->count() - 1;
    }
    m_intervalCombo->setCurrentIndex(index);
    if (seconds > 0) m_autoRefreshTimer.start(seconds * 1000);
    else m_autoRefreshTimer.stop();
    if (seconds == m_autoRefreshSeconds) return;
    m_autoRefreshSeconds = seconds;
    Q_EMIT autoRefreshSecondsChanged(seconds);
}

void ClusterPane::onAutoRefreshTick() {
    // A slow cluster must not have every tick supersede the refresh before it.
    if (m_bridge.hasEngine() && !m_bridge.isBusy(RequestKind::Metadata)) m_bridge.refresh();
}

void ClusterPane::onCurrentChanged(const QModelIndex& current) {
    const QModelIndex source = m_proxy->mapToSource(current);
    m_selectedBroker = -1;
    m_selectedTopic.clear();
    m_selectedPartition = -1;
    const bool topicRow = source.isValid() && (ClusterTreeModel::kindOf(source) == Kind::Topic ||
                                               ClusterTreeModel::kindOf(source) == Kind::Partition);
    m_topicGroups->setTopic(topicRow ? source.data(ClusterTreeModel::TopicNameRole).toString() : QString());
    m_topicGroups->setVisible(topicRow);
    if (!source.isValid()) {
        Q_EMIT selectionCleared();
        return;
    }
    switch (ClusterTreeModel::kindOf(source)) {
    case Kind::Broker:
        m_selectedBroker = source.data(ClusterTreeModel::BrokerIdRole).toInt();
        Q_EMIT brokerSelected(m_selectedBroker);
        break;
    case Kind::Topic:
    case Kind::Partition:
        m_selectedTopic = source.data(ClusterTreeModel::TopicNameRole).toString();
        if (ClusterTreeModel::kindOf(source) == Kind::Partition)
            m_selectedPartition = source.data(ClusterTreeModel::PartitionRole).toInt();
        Q_EMIT topicSelected(m_selectedTopic, m_selectedPartition);
        break;
    default: Q_EMIT selectionCleared(); break;
    }
}

void ClusterPane::rememberViewState() {
    const QModelIndex brokers = m_proxy->mapFromSource(m_model->brokersIndex());
    const QModelIndex topics = m_proxy->mapFromSource(m_model->topicsIndex());
    if (brokers.isValid()) m_brokersExpanded = m_view->isExpanded(brokers);
    if (!topics.isValid()) return;
    m_topicsExpanded = m_view->isExpanded(topics);
    m_expandedTopics.clear();
    const int rows = m_proxy->rowCount(topics);
    for (int row = 0; row < rows; ++row) {
        const QModelIndex topic = m_proxy->index(row, 0, topics);
        if (m_view->isExpanded(topic)) m_expandedTopics.insert(topic.data(ClusterTreeModel::TopicNameRole).toString());
    }
}

void ClusterPane::restoreViewState() {
    m_view->setExpanded(m_proxy->mapFromSource(m_model->brokersIndex()), m_brokersExpanded);
    m_view->setExpanded(m_proxy->mapFromSource(m_model->topicsIndex()), m_topicsExpanded);
    for (const QString& name : std::as_const(m_expandedTopics)) {
        const QModelIndex topic = m_proxy->mapFromSource(m_model->topicIndex(name));
        if (topic.isValid()) m_view->expand(topic);
    }
    QModelIndex selected;
    if (m_selectedBroker >= 0) {
        const QModelIndex brokers = m_model->brokersIndex();
        for (int row = 0; row < m_model->rowCount(brokers); ++row) {
            const QModelIndex broker = m_model->index(row, 0, brokers);
            if (broker.data(ClusterTreeModel::BrokerIdRole).toInt() == m_selectedBroker) selected = broker;
        }
    } else if (!m_selectedTopic.isEmpty()) {
        selected = m_model->topicIndex(m_selectedTopic);
        if (selected.isValid() && m_selectedPartition >= 0) {
            for (int row = 0; row < m_model->rowCount(selected); ++row) {
                const QModelIndex partition = m_model->index(row, 0, selected);
                if (partition.data(ClusterTreeModel::PartitionRole).toInt() == m_selectedPartition) {
                    selected = partition;
                    break;
                }
            }
        }
    }
    const QModelIndex proxySelected = m_proxy->mapFromSource(selected);
    if (proxySelected.isValid()) m_view->setCurrentIndex(proxySelected);
}

void ClusterPane::updateSummary() {
    const ClusterMetadata* metadata = m_model->metadata();
    if (!metadata) {
        m_summaryLabel->setText(m_bridge.hasEngine() ? tr("Waiting for metadata…") : tr("Not connected"));
        return;
    }
    qint64 partitions = 0;
    for (const TopicInfo& topic : metadata->topics) partitions += static_cast<qint64>(topic.partitions.size());
    const QLocale locale;
    QString text = tr("%1 brokers · %2 topics · %3 partitions")
                       .arg(locale.toString(static_cast<qint64>(metadata->brokers.size())),
                            locale.toString(static_cast<qint64>(metadata->topics.size())), locale.toString(partitions));
    if (!m_proxy->topicFilter().isEmpty()) {
        const QModelIndex topics = m_proxy->mapFromSource(m_model->topicsIndex());
        text += tr(" · %1 match “%2”").arg(locale.toString(topics.isValid() ? m_proxy->rowCount(topics) : 0))
                    .arg(m_proxy->topicFilter());
    }
    if (metadata->cluster_id) text += tr(" · cluster %1").arg(QString::fromStdString(*metadata->cluster_id));
    m_summaryLabel->setText(text);
}

}  // namespace kafkascope::ui

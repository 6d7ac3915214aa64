#include "main_window.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTime>

#include "bridge/engine_bridge.h"
#include "connections/connection_manager_dialog.h"
#include "connections/connection_store.h"
#include "connections/secret_prompt.h"
#include "connections/secret_store.h"
#include "consumer/consumer_group_pane.h"
#include "browser/browser_pane.h"
#include "dialogs/connection_dialog.h"
#include "lag/lag_dashboard_pane.h"
#include "lag/topic_groups_view.h"
#include "panes/broker_details_view.h"
#include "panes/cluster_pane.h"
#include "panes/producer_pane.h"
#include "partition_offsets/partition_offsets_pane.h"
#include "models/cluster_tree_model.h"
#include "style/icons.h"

namespace kafkascope::ui {
namespace {

const QColor kOk(0x2e, 0x9e, 0x5b);
const QColor kBusy(0xe0, 0xa1, 0x1b);
const QColor kError(0xc0, 0x39, 0x2b);
const QColor kIdle(0x95, 0x9c, 0xa6);

QPixmap dot(const QColor& colour, int size) {
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(colour.darker(130));
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(1.5, 1.5, size - 3.0, size - 3.0));
    return pixmap;
}

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kSplitterKey = QStringLiteral("mainWindow/splitter");
const QString kAutoRefreshKey = QStringLiteral("cluster/autoRefreshSeconds");

}  // namespace

MainWindow::MainWindow(EngineBridge& bridge, QSettings& settings, QWidget* parent)
    : QMainWindow(parent), m_bridge(bridge), m_settings(settings) {
    setWindowIcon(icons::application());
    m_clusterPane = new ClusterPane(m_bridge, this);
    m_brokerDetails = new BrokerDetailsView(m_bridge, this);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_clusterPane);
    m_splitter->addWidget(m_brokerDetails);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({860, 420});
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setContentsMargins(8, 8, 8, 4);
    m_producerPane = new ProducerPane(m_bridge, this);
    m_producerPane->setSettings(&m_settings);  // Writer knobs persist across runs
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_splitter, tr("Cluster"));
    m_tabs->addTab(m_producerPane, tr("Produce"));
    auto* browserPane = new BrowserPane(m_bridge, this);
    m_browserPane = browserPane;
    m_tabs->addTab(browserPane, tr("Browse"));
    connect(m_clusterPane, &ClusterPane::browseRequested, this, [this, browserPane](const QString& topic, int partition) {
        m_tabs->setCurrentWidget(browserPane);
        browserPane->openTopic(topic, partition);
    });
    m_partitionOffsetsPane = new PartitionOffsetsPane(m_bridge, this);
    m_tabs->addTab(m_partitionOffsetsPane, tr("Partition offsets"));
    auto* consumerGroupPane = new ConsumerGroupPane(m_bridge, this);
    m_consumerGroupPane = consumerGroupPane;
    consumerGroupPane->setSettings(&m_settings);  // group knobs persist across runs
    m_tabs->addTab(consumerGroupPane, tr("Consumer group"));
    m_lagPane = new LagDashboardPane(m_bridge, this);
    m_tabs->addTab(m_lagPane, tr("Lag"));
    // The cluster tree's "groups reading this topic" follows the lag monitor.
    connect(m_lagPane, &LagDashboardPane::snapshotReceived, m_clusterPane->topicGroupsView(),
            &TopicGroupsView::setSnapshot);
    connect(m_clusterPane->topicGroupsView(), &TopicGroupsView::groupActivated, this, [this](const QString& group) {
        m_tabs->setCurrentWidget(m_lagPane);
        m_lagPane->selectGroup(group);
    });
    setCentralWidget(m_tabs);

    buildMenus();
    buildStatusBar();

    connect(&m_bridge, &EngineBridge::stateChanged, this, &MainWindow::onStateChanged);
    connect(&m_bridge, &EngineBridge::requestFailed, this, &MainWindow::onRequestFailed);
    connect(&m_bridge, &EngineBridge::busyChanged, this, [this](bool busy) { m_busyLabel->setVisible(busy); });
    connect(&m_bridge, &EngineBridge::metadataReady, this, [this] {
        m_updatedLabel->setText(tr("Updated %1").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
        if (m_bridge.state() == ConnectionState::Connected) onStateChanged(m_bridge.state(), m_bridge.stateMessage());
    });
    connect(&m_bridge, &EngineBridge::offsetsReady, this,
            [this](quint64, const OffsetsSnapshot& offsets) { onOffsets(*offsets); });
    connect(m_clusterPane, &ClusterPane::brokerSelected, this, &MainWindow::onBrokerSelected);
    connect(m_clusterPane, &ClusterPane::topicSelected, this, [this] { m_brokerDetails->showNothing(); });
    connect(m_clusterPane, &ClusterPane::selectionCleared, this, [this] { m_brokerDetails->showNothing(); });
    connect(m_clusterPane, &ClusterPane::autoRefreshSecondsChanged, this,
            [this](int seconds) { m_settings.setValue(kAutoRefreshKey, seconds); });

    m_clusterPane->setAutoRefreshSeconds(
        m_settings.value(kAutoRefreshKey, ClusterPane::kDefaultAutoRefreshSeconds).toInt());
    resize(1280, 760);
    restoreGeometry(m_settings.value(kGeometryKey).toByteArray());
    m_splitter->restoreState(m_settings.value(kSplitterKey).toByteArray());
    onStateChanged(m_bridge.state(), m_bridge.stateMessage());
    updateTitle();
}

MainWindow::~MainWindow() {
    m_settings.setValue(kGeometryKey, saveGeometry());
    m_settings.setValue(kSplitterKey, m_splitter->saveState());
}

void MainWindow::buildMenus() {
    QMenu* cluster = menuBar()->addMenu(tr("&Cluster"));
    QAction* connectAction = cluster->addAction(tr("&Connect…"), this, &MainWindow::openConnectionDialog);
    connectAction->setShortcut(QKeySequence::Open);
    QAction* savedAction = cluster->addAction(tr("&Saved connections…"), this, &MainWindow::openConnectionManager);
    savedAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QAction* refreshAction = cluster->addAction(tr("&Refresh"), this, &MainWindow::refresh);
    refreshAction->setShortcut(QKeySequence::Refresh);
    cluster->addAction(tr("&Disconnect"), this, [this] { m_bridge.disconnectFromCluster(); });
    cluster->addSeparator();
    QAction* quitAction = cluster->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Kafkascope"), this, [this] {
        QMessageBox::about(this, tr("About Kafkascope"),
                           tr("<b>Kafkascope %1</b><p>A native inspector for Apache Kafka clusters.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::buildStatusBar() {
    m_stateDot = new QLabel(this);
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("connectionState"));
    m_stateLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busyLabel = new QLabel(tr("Refreshing…"), this);
    m_busyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_busyLabel->hide();
    m_updatedLabel = new QLabel(this);
    m_updatedLabel->setForegroundRole(QPalette::PlaceholderText);
    statusBar()->addWidget(m_stateDot);
    statusBar()->addWidget(m_stateLabel, 1);
    statusBar()->addPermanentWidget(m_busyLabel);
    statusBar()->addPermanentWidget(m_updatedLabel);
    m_tagLabel = new QLabel(this);
    m_tagLabel->setObjectName(QStringLiteral("connectionTag"));
    m_tagLabel->hide();
    statusBar()->addPermanentWidget(m_tagLabel);
}

bool MainWindow::connectTo(const QString& bootstrap, const QString& clientId) {
    const QString error = m_bridge.connectToCluster(bootstrap, clientId);
    if (!error.isEmpty()) {
        setStatus(kError, tr("Cannot connect: %1").arg(error));
        return false;
    }
    m_updatedLabel->clear();
    updateTitle();
    return true;
}

void MainWindow::openConnectionDialog() {
    ConnectionDialog dialog(m_settings, this);
    if (!m_bridge.bootstrap().isEmpty()) dialog.setBootstrap(m_bridge.bootstrap());
    const int result = dialog.exec();
    if (result == ConnectionDialog::ManageSavedConnections) {
        openConnectionManager();
        return;
    }
    if (result != QDialog::Accepted) return;
    m_clusterLabel.clear();
    if (connectTo(dialog.bootstrap(), dialog.clientId())) {
        // An ad-hoc connection is not a saved one: no tag, not read-only.
        setConnectionTag(QString(), QColor());
        setReadOnly(false);
    }
}

void MainWindow::openConnectionManager() {
    if (!m_connectionStore) {
        m_secretStore = makeSystemSecretStore();
        m_connectionStore = std::make_unique<ConnectionStore>(m_settings, *m_secretStore);
    }
    ConnectionManagerDialog dialog(*m_connectionStore, this);
    if (!m_tagName.isEmpty()) dialog.selectConnection(m_tagName);
    if (dialog.exec() != QDialog::Accepted || !dialog.chosen()) return;
    ConnectionSecrets secrets = dialog.chosenSecrets();
    if (!completeSecrets(this, *dialog.chosen(), *m_connectionStore, secrets)) return;
    connectToSaved(*dialog.chosen(), secrets);
}

bool MainWindow::connectToSaved(const SavedConnection& connection, const ConnectionSecrets& secrets) {
    const QString error =
        m_bridge.connectToCluster(connection.bootstrap, connection.clientId, connection.securityConfig(secrets));
    if (!error.isEmpty()) {
        setStatus(kError, tr("Cannot connect to %1: %2").arg(connection.name, error));
        return false;
    }
    m_clusterLabel.clear();
    m_updatedLabel->clear();
    setConnectionTag(connection.name, connection.colour);
    setReadOnly(connection.readOnly);
    updateTitle();
    return true;
}

void MainWindow::setReadOnly(bool readOnly) {
    // Every pane that writes: produce, commits, dead-letter sends, the
    // browser's re-produce and import, the lag pane's offset resets.
    m_producerPane->setReadOnly(readOnly);
    m_lagPane->setReadOnly(readOnly);
    m_browserPane->setReadOnly(readOnly);
    m_partitionOffsetsPane->setReadOnly(readOnly);
    m_consumerGroupPane->setReadOnly(readOnly);
    if (m_readOnly == readOnly) return;
    m_readOnly = readOnly;
    setConnectionTag(m_tagName, m_tagColour);
    updateTitle();
    Q_EMIT readOnlyChanged(readOnly);
}

void MainWindow::setConnectionTag(const QString& name, const QColor& colour) {
    m_tagName = name;
    m_tagColour = colour;
    if (name.isEmpty()) {
        m_tagLabel->hide();
        return;
    }
    // A coloured chip, so a production cluster is recognisable at a glance.
    const QColor background = colour.isValid() ? colour : palette().color(QPalette::Mid);
    const QColor text = background.lightnessF() > 0.6 ? QColor(Qt::black) : QColor(Qt::white);
    m_tagLabel->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; border-radius: 3px; padding: 0 6px; }")
                                  .arg(background.name(), text.name()));
    m_tagLabel->setText(m_readOnly ? tr("%1 · read-only").arg(name) : name);
    m_tagLabel->show();
}

void MainWindow::refresh() {
    if (!m_bridge.hasEngine()) {
        openConnectionDialog();
        return;
    }
    m_bridge.refresh();
    if (m_brokerDetails->brokerId() >= 0) m_brokerDetails->refreshApiVersions();
}

void MainWindow::showNotice(const QString& text, bool isError) { setStatus(isError ? kError : kBusy, text); }

void MainWindow::setClusterLabel(const QString& label) {
    m_clusterLabel = label;
    updateTitle();
}

QString MainWindow::statusText() const { return m_stateLabel->text(); }

void MainWindow::onStateChanged(ConnectionState state, const QString& message) {
    switch (state) {
    case ConnectionState::Disconnected: setStatus(kIdle, tr("Not connected")); break;
    case ConnectionState::Connecting: setStatus(kBusy, message); break;
    case ConnectionState::Failed:
        setStatus(kError, tr("Cannot reach %1: %2").arg(m_bridge.bootstrap(), message));
        break;
    case ConnectionState::Connected: {
        QString text = message;
        if (const ClusterMetadata* metadata = m_clusterPane->model()->metadata()) {
            text += tr(" · Metadata v%1 from %2")
                        .arg(metadata->metadata_version)
                        .arg(QString::fromStdString(metadata->answered_by));
        }
        setStatus(kOk, text);
        break;
    }
    }
    updateTitle();
}

void MainWindow::onRequestFailed(RequestKind kind, const QString& message) {
    if (kind == RequestKind::Metadata) return;  // already stated by onStateChanged
    setStatus(kError, tr("%1 failed: %2").arg(displayName(kind), message));
}

void MainWindow::onOffsets(const std::vector<PartitionOffsets>& offsets) {
    const PartitionOffsets* firstFailure = nullptr;
    int failures = 0;
    for (const PartitionOffsets& entry : offsets) {
        if (!entry.error) continue;
        if (!firstFailure) firstFailure = &entry;
        ++failures;
    }
    if (!firstFailure) {
        if (m_bridge.state() == ConnectionState::Connected) onStateChanged(m_bridge.state(), m_bridge.stateMessage());
        return;
    }
    setStatus(kBusy, tr("Offsets unavailable for %1 of %2 partitions; %3/%4: %5")
                         .arg(failures)
                         .arg(offsets.size())
                         .arg(QString::fromStdString(firstFailure->topic))
                         .arg(firstFailure->partition)
                         .arg(QString::fromStdString(firstFailure->error.message)));
}

void MainWindow::onBrokerSelected(int nodeId) {
    QString description;
    if (const ClusterMetadata* metadata = m_clusterPane->model()->metadata()) {
        if (const BrokerInfo* broker = metadata->find_broker(nodeId)) {
            description = QString::fromStdString(broker->address());
            if (broker->rack) description += tr(" · rack %1").arg(QString::fromStdString(*broker->rack));
            if (broker->is_controller) description += tr(" · controller");
        }
    }
    m_brokerDetails->showBroker(nodeId, description);
}

void MainWindow::setStatus(const QColor& colour, const QString& text) {
    m_stateDot->setPixmap(dot(colour, fontMetrics().height() - 2));
    m_stateLabel->setText(text);
    m_stateLabel->setToolTip(text);
}

void MainWindow::updateTitle() {
    QString title = QStringLiteral("Kafkascope");
    if (m_bridge.hasEngine()) {
        title += QStringLiteral(" — ") + (m_clusterLabel.isEmpty() ? m_bridge.bootstrap()
                                                                    : tr("%1 (%2)").arg(m_clusterLabel, m_bridge.bootstrap()));
    }
    if (m_bridge.hasEngine() && !m_tagName.isEmpty()) title += QStringLiteral(" [%1]").arg(m_tagName);
    if (m_readOnly) title += tr(" (read-only)");
    setWindowTitle(title);
}

}  // namespace kafkascope::ui

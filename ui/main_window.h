#pragma once
// MainWindow: the cluster pane and the broker details side by side, a
// Cluster menu (Connect…, Refresh, Disconnect, Quit) and a status bar that
// states the connection and the last error in plain words. Nothing here
// waits on the network: every request goes through the EngineBridge.

#include <QColor>
#include <QMainWindow>
#include <memory>
#include <vector>

#include "cluster/cluster_types.h"

class QLabel;
class QSettings;
class QSplitter;
class QTabWidget;

namespace kafkascope::ui {

class BrokerDetailsView;
class ConnectionStore;
class SecretStore;
struct ConnectionSecrets;
struct SavedConnection;
class ClusterPane;
class EngineBridge;
class ProducerPane;
class BrowserPane;
class PartitionOffsetsPane;
class ConsumerGroupPane;
class LagDashboardPane;
enum class ConnectionState;
enum class RequestKind;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // `bridge` and `settings` must outlive the window.
    MainWindow(EngineBridge& bridge, QSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Connects at once; a malformed bootstrap is reported in the status bar.
    bool connectTo(const QString& bootstrap, const QString& clientId = {});
    void openConnectionDialog();
    // Saved connections (ui/connections/): the manager dialog, and connecting
    // with one (its TLS / SASL settings, colour tag and read-only flag).
    // `secrets` must be complete; the manager path asks for missing ones.
    void openConnectionManager();
    bool connectToSaved(const SavedConnection& connection, const ConnectionSecrets& secrets);
    QString connectionTag() const { return m_tagName; }  // the saved connection's name; empty for none

    // Read-only: every action that writes to the cluster is disabled.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    void refresh();

    // A message for the status bar when no request is involved (demo startup).
    void showNotice(const QString& text, bool isError = false);
    // Shown in the title, e.g. "demo cluster".
    void setClusterLabel(const QString& label);

    ClusterPane* clusterPane() const { return m_clusterPane; }
    BrokerDetailsView* brokerDetails() const { return m_brokerDetails; }
    ProducerPane* producerPane() const { return m_producerPane; }
    BrowserPane* browserPane() const { return m_browserPane; }
    QTabWidget* tabs() const { return m_tabs; }
    QString statusText() const;

Q_SIGNALS:
    void readOnlyChanged(bool readOnly);

private:
    void buildMenus();
    void buildStatusBar();
    void onStateChanged(ConnectionState state, const QString& message);
    void onRequestFailed(RequestKind kind, const QString& message);
    void onOffsets(const std::vector<PartitionOffsets>& offsets);
    void onBrokerSelected(int nodeId);
    void setStatus(const QColor& colour, const QString& text);
    void updateTitle();
    void setConnectionTag(const QString& name, const QColor& colour);

    EngineBridge& m_bridge;
    QSettings& m_settings;
    QString m_clusterLabel;
    QSplitter* m_splitter = nullptr;
    ClusterPane* m_clusterPane = nullptr;
    BrokerDetailsView* m_brokerDetails = nullptr;
    QTabWidget* m_tabs = nullptr;
    ProducerPane* m_producerPane = nullptr;
    BrowserPane* m_browserPane = nullptr;
    PartitionOffsetsPane* m_partitionOffsetsPane = nullptr;
    ConsumerGroupPane* m_consumerGroupPane = nullptr;
    LagDashboardPane* m_lagPane = nullptr;
    QLabel* m_stateDot = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLabel* m_busyLabel = nullptr;
    QLabel* m_updatedLabel = nullptr;
    QLabel* m_tagLabel = nullptr;  // the saved connection's colour tag and name
    QString m_tagName;
    QColor m_tagColour;
    bool m_readOnly = false;
    std::unique_ptr<SecretStore> m_secretStore;  // made on first use of the manager
    std::unique_ptr<ConnectionStore> m_connectionStore;
};

}  // namespace kafkascope::ui

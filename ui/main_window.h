#pragma once
// MainWindow: the cluster pane and the broker details side by side, a
// Cluster menu (Connect…, Refresh, Disconnect, Quit) and a status bar that
// states the connection and the last error in plain words. Nothing here
// waits on the network: every request goes through the EngineBridge.

#include <QMainWindow>
#include <vector>

#include "cluster/cluster_types.h"

class QLabel;
class QSettings;
class QSplitter;
class QTabWidget;

namespace kafkascope::ui {

class BrokerDetailsView;
class ClusterPane;
class EngineBridge;
class ProducerPane;
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
    void refresh();

    // A message for the status bar when no request is involved (demo startup).
    void showNotice(const QString& text, bool isError = false);
    // Shown in the title, e.g. "demo cluster".
    void setClusterLabel(const QString& label);

    ClusterPane* clusterPane() const { return m_clusterPane; }
    BrokerDetailsView* brokerDetails() const { return m_brokerDetails; }
    ProducerPane* producerPane() const { return m_producerPane; }
    QTabWidget* tabs() const { return m_tabs; }
    QString statusText() const;

private:
    void buildMenus();
    void buildStatusBar();
    void onStateChanged(ConnectionState state, const QString& message);
    void onRequestFailed(RequestKind kind, const QString& message);
    void onOffsets(const std::vector<PartitionOffsets>& offsets);
    void onBrokerSelected(int nodeId);
    void setStatus(const QColor& colour, const QString& text);
    void updateTitle();

    EngineBridge& m_bridge;
    QSettings& m_settings;
    QString m_clusterLabel;
    QSplitter* m_splitter = nullptr;
    ClusterPane* m_clusterPane = nullptr;
    BrokerDetailsView* m_brokerDetails = nullptr;
    QTabWidget* m_tabs = nullptr;
    ProducerPane* m_producerPane = nullptr;
    QLabel* m_stateDot = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLabel* m_busyLabel = nullptr;
    QLabel* m_updatedLabel = nullptr;
};

}  // namespace kafkascope::ui

#pragma once
// BrokerDetailsView: for the selected broker, every API either side knows,
// with our version range, the broker's, and the version we use
// (ApiVersionRow). ApiVersions for all brokers are fetched once per
// connection, then again on request (refreshApiVersions()).

#include <QWidget>

#include "bridge/engine_types.h"

class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace kafkascope::ui {

class ApiVersionsModel;
class EngineBridge;

class BrokerDetailsView : public QWidget {
    Q_OBJECT

public:
    explicit BrokerDetailsView(EngineBridge& bridge, QWidget* parent = nullptr);

    void showBroker(int nodeId, const QString& description);
    void showNothing();
    void refreshApiVersions();

    int brokerId() const { return m_nodeId; }
    ApiVersionsModel* model() const { return m_model; }

private:
    void onApiVersions(const ApiVersionsSnapshot& versions);
    void render();
    static QString securitySummary(const BrokerApiVersions& broker);
    void showMessage(const QString& text);

    EngineBridge& m_bridge;
    ApiVersionsSnapshot m_versions;
    int m_nodeId = -1;
    QString m_description;
    QString m_lastError;

    QLabel* m_titleLabel = nullptr;
    QLabel* m_subtitleLabel = nullptr;
    QLabel* m_messageLabel = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTableView* m_table = nullptr;
    ApiVersionsModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
};

}  // namespace kafkascope::ui

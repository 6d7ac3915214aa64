#include "panes/broker_details_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QStringList>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "bridge/engine_bridge.h"
#include "models/api_versions_model.h"

namespace kafkascope::ui {

BrokerDetailsView::BrokerDetailsView(EngineBridge& bridge, QWidget* parent) : QWidget(parent), m_bridge(bridge) {
    m_titleLabel = new QLabel(this);
    QFont titleFont = m_titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);
    m_subtitleLabel = new QLabel(this);
    m_subtitleLabel->setForegroundRole(QPalette::PlaceholderText);
    m_subtitleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_model = new ApiVersionsModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ApiVersionsModel::SortRole);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("apiVersionsTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ApiVersionsModel::KeyColumn, Qt::AscendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    // Every column sized to its contents (about 25 rows); the last takes what is left.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setAlignment(Qt::AlignCenter);
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setForegroundRole(QPalette::PlaceholderText);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_messageLabel);
    m_stack->addWidget(m_table);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_subtitleLabel);
    layout->addSpacing(4);
    layout->addWidget(m_stack, 1);

    connect(&m_bridge, &EngineBridge::apiVersionsReady, this,
            [this](quint64, const ApiVersionsSnapshot& versions) { onApiVersions(versions); });
    connect(&m_bridge, &EngineBridge::requestFailed, this, [this](RequestKind kind, const QString& message) {
        if (kind != RequestKind::ApiVersions) return;
        m_lastError = message;
        render();
    });
    connect(&m_bridge, &EngineBridge::stateChanged, this, [this](ConnectionState state) {
        if (state == ConnectionState::Connecting || state == ConnectionState::Disconnected) {
            m_versions.reset();  // they belong to the previous cluster
            m_lastError.clear();
            showNothing();
        }
    });
    showNothing();
}

void BrokerDetailsView::showBroker(int nodeId, const QString& description) {
    m_nodeId = nodeId;
    m_description = description;
    if (!m_versions && !m_bridge.isBusy(RequestKind::ApiVersions)) refreshApiVersions();
    render();
}

void BrokerDetailsView::showNothing() {
    m_nodeId = -1;
    m_description.clear();
    render();
}

void BrokerDetailsView::refreshApiVersions() {
    m_lastError.clear();
    m_bridge.requestApiVersions();
}

void BrokerDetailsView::onApiVersions(const ApiVersionsSnapshot& versions) {
    m_versions = versions;
    m_lastError.clear();
    render();
}

void BrokerDetailsView::showMessage(const QString& text) {
    m_model->setRows({});
    m_messageLabel->setText(text);
    m_stack->setCurrentWidget(m_messageLabel);
}

QString BrokerDetailsView::securitySummary(const BrokerApiVersions& broker) {
    // How this connection is secured, as the engine negotiated it.
    QStringList parts;
    parts << (broker.tls_version.empty()
                  ? tr("plaintext")
                  : tr("%1 %2").arg(QString::fromStdString(broker.tls_version), QString::fromStdString(broker.tls_cipher)));
    parts << (broker.sasl_mechanism.empty() ? tr("no SASL")
                                            : tr("SASL %1").arg(QString::fromStdString(broker.sasl_mechanism)));
    for (const std::string& w : broker.warnings) parts << tr("warning: %1").arg(QString::fromStdString(w));
    return parts.join(QStringLiteral(" · "));
}

void BrokerDetailsView::render() {
    if (m_nodeId < 0) {
        m_titleLabel->setText(tr("Broker details"));
        m_subtitleLabel->clear();
        showMessage(tr("Select a broker in the tree to see the API versions it supports."));
        return;
    }
    m_titleLabel->setText(tr("Broker %1").arg(m_nodeId));
    m_subtitleLabel->setText(m_description);
    if (!m_versions) {
        showMessage(m_lastError.isEmpty() ? tr("Asking the broker for its API versions…")
                                          : tr("Could not get API versions: %1").arg(m_lastError));
        return;
    }
    for (const BrokerApiVersions& broker : *m_versions) {
        if (broker.node_id != m_nodeId) continue;
        if (broker.error) {
            showMessage(tr("Broker %1 did not answer ApiVersions: %2")
                            .arg(m_nodeId)
                            .arg(QString::fromStdString(broker.error.message)));
            return;
        }
        m_model->setRows(broker.rows);
        m_stack->setCurrentWidget(m_table);
        m_subtitleLabel->setText(m_description + QStringLiteral(" — ") + securitySummary(broker));
        return;
    }
    showMessage(tr("No API versions for broker %1 yet; refresh to ask again.").arg(m_nodeId));
}

}  // namespace kafkascope::ui

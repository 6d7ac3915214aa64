#include "dialogs/recent_connections.h"

#include <QSettings>

namespace kafkascope::ui {
namespace {
const QString kBootstrapsKey = QStringLiteral("connections/recentBootstraps");
const QString kClientIdKey = QStringLiteral("connections/clientId");
}  // namespace

QStringList RecentConnections::bootstraps() const { return m_settings.value(kBootstrapsKey).toStringList(); }

QString RecentConnections::lastClientId() const {
    return m_settings.value(kClientIdKey, QStringLiteral("kafkascope")).toString();
}

void RecentConnections::remember(const QString& bootstrap, const QString& clientId) {
    QStringList list = bootstraps();
    list.removeAll(bootstrap);
    list.prepend(bootstrap);
    while (list.size() > kMaxEntries) list.removeLast();
    m_settings.setValue(kBootstrapsKey, list);
    m_settings.setValue(kClientIdKey, clientId);
}

}  // namespace kafkascope::ui

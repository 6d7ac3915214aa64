#pragma once
// Recently used connections, newest first, kept in QSettings under
// "connections/": the bootstrap list and the last client id.

#include <QString>
#include <QStringList>

class QSettings;

namespace kafkascope::ui {

class RecentConnections {
public:
    static constexpr int kMaxEntries = 10;

    explicit RecentConnections(QSettings& settings) : m_settings(settings) {}

    QStringList bootstraps() const;
    QString lastClientId() const;  // "kafkascope" when none was saved

    // Moves `bootstrap` to the front (adding it if new) and trims the list.
    void remember(const QString& bootstrap, const QString& clientId);

private:
    QSettings& m_settings;
};

}  // namespace kafkascope::ui

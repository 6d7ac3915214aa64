#pragma once
// ConnectionStore: the saved connections in QSettings (group
// "connections/saved", one entry per name, no secrets) and their secrets in
// a SecretStore under "<name>/<what>". When the SecretStore cannot keep
// them, save() says so and nothing secret is written anywhere.

#include <QList>
#include <QString>
#include <optional>

#include "connections/saved_connection.h"

class QSettings;

namespace kafkascope::ui {

class SecretStore;

class ConnectionStore {
public:
    // Both must outlive the store.
    ConnectionStore(QSettings& settings, SecretStore& secrets);

    QList<SavedConnection> load() const;  // sorted by name
    std::optional<SavedConnection> find(const QString& name) const;

    // Saves (or replaces) `connection`; `previousName` is removed when it was
    // renamed. Returns a notice for the user when the secrets could not be
    // kept (empty when all went well or there were none).
    QString save(const SavedConnection& connection, const ConnectionSecrets& secrets,
                 const QString& previousName = {});
    void remove(const QString& name);

    // The secrets kept for `name`; empty fields for the ones not kept.
    ConnectionSecrets secrets(const QString& name) const;
    SecretStore& secretStore() const { return m_secrets; }

private:
    QSettings& m_settings;
    SecretStore& m_secrets;
};

}  // namespace kafkascope::ui

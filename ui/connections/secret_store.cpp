#include "connections/secret_store.h"

#include <QCoreApplication>

namespace kafkascope::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("SecretStore", text); }

}  // namespace

QString MemorySecretStore::unavailableReason() const {
    return m_available ? QString() : tr("the in-memory secret store is switched off");
}

std::optional<QString> MemorySecretStore::read(const QString& key, QString* error) {
    if (!m_available) {
        if (error) *error = unavailableReason();
        return std::nullopt;
    }
    const auto it = m_values.constFind(key);
    if (it == m_values.cend()) return std::nullopt;
    return *it;
}

bool MemorySecretStore::write(const QString& key, const QString& value, QString* error) {
    if (!m_available) {
        if (error) *error = unavailableReason();
        return false;
    }
    m_values.insert(key, value);
    return true;
}

bool MemorySecretStore::remove(const QString& key, QString* error) {
    if (!m_available) {
        if (error) *error = unavailableReason();
        return false;
    }
    m_values.remove(key);
    return true;
}

}  // namespace kafkascope::ui

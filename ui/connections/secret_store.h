#pragma once
// SecretStore: where saved connections keep passwords, key passphrases and
// OAuth tokens, never QSettings. Synchronous on purpose: reads and writes
// happen when the user saves or connects, not on a hot path.
//
// makeSystemSecretStore() returns the OS keychain (QtKeychain) when the
// build found it, else a store that is never available. A store can also
// turn out to be unavailable at run time (no secret service on the session
// bus, offscreen tests); callers then tell the user and ask for the secret
// each time. MemorySecretStore is the in-memory store for tests.

#include <QHash>
#include <QString>
#include <memory>
#include <optional>

namespace kafkascope::ui {

class SecretStore {
public:
    virtual ~SecretStore() = default;

    // False once the store knows it cannot keep secrets (then it never
    // tries again in this run); unavailableReason() says why.
    virtual bool isAvailable() const = 0;
    virtual QString unavailableReason() const = 0;

    // nullopt: nothing stored under `key` (or the store failed; `error` says).
    virtual std::optional<QString> read(const QString& key, QString* error = nullptr) = 0;
    virtual bool write(const QString& key, const QString& value, QString* error = nullptr) = 0;
    virtual bool remove(const QString& key, QString* error = nullptr) = 0;
};

class MemorySecretStore : public SecretStore {
public:
    explicit MemorySecretStore(bool available = true) : m_available(available) {}

    bool isAvailable() const override { return m_available; }
    QString unavailableReason() const override;
    std::optional<QString> read(const QString& key, QString* error = nullptr) override;
    bool write(const QString& key, const QString& value, QString* error = nullptr) override;
    bool remove(const QString& key, QString* error = nullptr) override;

    int size() const { return static_cast<int>(m_values.size()); }

private:
    bool m_available;
    QHash<QString, QString> m_values;
};

// The OS keychain when built with QtKeychain, else an unavailable store.
std::unique_ptr<SecretStore> makeSystemSecretStore();

}  // namespace kafkascope::ui

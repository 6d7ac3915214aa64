// The OS keychain through QtKeychain. Compiled only when CMake found
// Qt6Keychain (KAFKASCOPE_HAVE_QTKEYCHAIN); otherwise makeSystemSecretStore()
// returns a store that is never available.
#include "connections/secret_store.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#ifdef KAFKASCOPE_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace kafkascope::ui {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("SecretStore", text); }

class UnavailableSecretStore final : public SecretStore {
public:
    explicit UnavailableSecretStore(QString reason) : m_reason(std::move(reason)) {}
    bool isAvailable() const override { return false; }
    QString unavailableReason() const override { return m_reason; }
    std::optional<QString> read(const QString&, QString* error) override {
        if (error) *error = m_reason;
        return std::nullopt;
    }
    bool write(const QString&, const QString&, QString* error) override {
        if (error) *error = m_reason;
        return false;
    }
    bool remove(const QString&, QString* error) override {
        if (error) *error = m_reason;
        return false;
    }

private:
    QString m_reason;
};

#ifdef KAFKASCOPE_HAVE_QTKEYCHAIN

const QString kService = QStringLiteral("kafkascope");
// A keychain that does not answer in this time is treated as absent, so a
// wedged session bus cannot freeze the window for good.
constexpr int kTimeoutMs = 5000;

class KeychainSecretStore final : public SecretStore {
public:
    bool isAvailable() const override { return m_reason.isEmpty(); }
    QString unavailableReason() const override { return m_reason; }

    std::optional<QString> read(const QString& key, QString* error) override {
        if (!isAvailable()) return fail(error);
        QKeychain::ReadPasswordJob job(kService);
        job.setAutoDelete(false);
        job.setKey(key);
        if (!run(job, error)) return std::nullopt;
        return job.textData();
    }

    bool write(const QString& key, const QString& value, QString* error) override {
        if (!isAvailable()) return fail(error), false;
        QKeychain::WritePasswordJob job(kService);
        job.setAutoDelete(false);
        job.setKey(key);
        job.setTextData(value);
        return run(job, error);
    }

    bool remove(const QString& key, QString* error) override {
        if (!isAvailable()) return fail(error), false;
        QKeychain::DeletePasswordJob job(kService);
        job.setAutoDelete(false);
        job.setKey(key);
        QString why;
        if (run(job, &why)) return true;
        if (isAvailable()) return true;  // nothing stored under the key is fine
        if (error) *error = why;
        return false;
    }

private:
    std::nullopt_t fail(QString* error) const {
        if (error) *error = m_reason;
        return std::nullopt;
    }

    // Runs `job` to its end (or the timeout) in a local event loop. A missing
    // backend marks the whole store unavailable for the rest of the run.
    bool run(QKeychain::Job& job, QString* error) {
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        bool finished = false;
        QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
            finished = true;
            loop.quit();
        });
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(kTimeoutMs);
        job.start();
        if (!finished) loop.exec();
        if (!finished) {
            m_reason = tr("the system keychain did not answer");
            if (error) *error = m_reason;
            return false;
        }
        switch (job.error()) {
        case QKeychain::NoError: return true;
        case QKeychain::EntryNotFound:
            if (error) *error = tr("no secret stored");
            return false;
        case QKeychain::NoBackendAvailable:
        case QKeychain::NotImplemented:
        case QKeychain::AccessDeniedByUser:
        case QKeychain::AccessDenied:
        case QKeychain::OtherError:
            m_reason = tr("the system keychain is not available (%1)").arg(job.errorString());
            if (error) *error = m_reason;
            return false;
        case QKeychain::CouldNotDeleteEntry:
            if (error) *error = job.errorString();
            return false;
        }
        if (error) *error = job.errorString();
        return false;
    }

    QString m_reason;
};

#endif

}  // namespace

std::unique_ptr<SecretStore> makeSystemSecretStore() {
#ifdef KAFKASCOPE_HAVE_QTKEYCHAIN
    return std::make_unique<KeychainSecretStore>();
#else
    return std::make_unique<UnavailableSecretStore>(tr("this build has no keychain support (QtKeychain)"));
#endif
}

}  // namespace kafkascope::ui

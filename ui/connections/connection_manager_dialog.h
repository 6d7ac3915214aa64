#pragma once
// ConnectionManagerDialog: the saved connections (with their colour tags) on
// the left, the selected one's settings on the right. Security fields follow
// the protocol: SASL rows for SASL_*, TLS rows for SSL / SASL_SSL. Import and
// export librdkafka / kcat properties files (net/client_properties.h);
// export leaves secrets out unless "Include secrets" is ticked. "Connect"
// closes the dialog with the edited connection in chosen().

#include <QDialog>
#include <optional>

#include "connections/saved_connection.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace kafkascope::ui {

class ConnectionStore;

class ConnectionManagerDialog : public QDialog {
    Q_OBJECT

public:
    // `store` must outlive the dialog.
    explicit ConnectionManagerDialog(ConnectionStore& store, QWidget* parent = nullptr);

    // The editor's content.
    SavedConnection editedConnection() const;
    ConnectionSecrets editedSecrets() const;
    void setEdited(const SavedConnection& connection, const ConnectionSecrets& secrets);

    void newConnection();
    bool selectConnection(const QString& name);
    bool saveEdited();     // false (message shown) when the settings are unusable
    bool deleteSelected();
    // Fills the editor from a properties file as a new, unsaved connection.
    bool importProperties(const QString& path);
    bool exportProperties(const QString& path, bool includeSecrets);

    // After "Connect": the connection and the secrets typed for it.
    const std::optional<SavedConnection>& chosen() const { return m_chosen; }
    const ConnectionSecrets& chosenSecrets() const { return m_chosenSecrets; }

    QString messageText() const;
    QListWidget* list() const { return m_list; }

    // The colour tags offered, as (name, colour); the first is "none".
    static QList<std::pair<QString, QColor>> colourTags();

private:
    QString problem() const;  // why the edited connection cannot be saved or used
    void reloadList(const QString& select);
    void onSelectionChanged();
    void updateVisibleRows();
    void updateKeychainNote();
    void showMessage(const QString& text, bool isError);
    void connectChosen();

    ConnectionStore& m_store;
    QString m_loadedName;  // the saved name the editor was loaded from; empty: new
    QListWidget* m_list = nullptr;
    QFormLayout* m_form = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_bootstrap = nullptr;
    QLineEdit* m_clientId = nullptr;
    QComboBox* m_protocol = nullptr;
    QComboBox* m_mechanism = nullptr;
    QLineEdit* m_username = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_oauthToken = nullptr;
    QLineEdit* m_caPath = nullptr;
    QLineEdit* m_certificatePath = nullptr;
    QLineEdit* m_keyPath = nullptr;
    QLineEdit* m_keyPassword = nullptr;
    QCheckBox* m_verifyHostname = nullptr;
    QComboBox* m_colour = nullptr;
    QCheckBox* m_readOnly = nullptr;
    QCheckBox* m_exportSecrets = nullptr;
    QLabel* m_keychainNote = nullptr;
    QLabel* m_message = nullptr;
    std::optional<SavedConnection> m_chosen;
    ConnectionSecrets m_chosenSecrets;
};

}  // namespace kafkascope::ui

#pragma once
// ConnectionDialog: bootstrap servers and client id. The bootstrap string is
// checked with the engine's own parser (net::parse_bootstrap) as the user
// types; a malformed one shows the parser's message inline and OK stays
// disabled. Recent connections come from, and go to, RecentConnections.

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSettings;

namespace kafkascope::ui {

class ConnectionDialog : public QDialog {
    Q_OBJECT

public:
    // `settings` holds the recent connections; it must outlive the dialog.
    explicit ConnectionDialog(QSettings& settings, QWidget* parent = nullptr);

    // exec() result when the user asked for the saved-connection manager
    // (ui/connections/) instead.
    static constexpr int ManageSavedConnections = 2;

    QString bootstrap() const;  // trimmed
    QString clientId() const;   // trimmed; "kafkascope" when left empty
    void setBootstrap(const QString& text);

    bool isInputValid() const { return m_errorText.isEmpty(); }
    QString errorText() const { return m_errorText; }  // what the inline message says

    void accept() override;  // refuses while the input is malformed

private:
    void validate();

    QSettings& m_settings;
    QComboBox* m_bootstrapCombo = nullptr;
    QLineEdit* m_clientIdEdit = nullptr;
    QLabel* m_errorLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QString m_errorText;
};

}  // namespace kafkascope::ui

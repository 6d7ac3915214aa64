#pragma once
// Fills in the secrets a saved connection needs before connecting: first
// from the SecretStore, then by asking the user for each one still missing.
// Without a keychain the prompt says so, and what is typed is used for this
// connection only.

#include "connections/saved_connection.h"

class QWidget;

namespace kafkascope::ui {

class ConnectionStore;

// `secrets` comes in with what is already known (typed in the manager) and
// goes out complete. False when the user cancelled a prompt.
bool completeSecrets(QWidget* parent, const SavedConnection& connection, ConnectionStore& store,
                     ConnectionSecrets& secrets);

}  // namespace kafkascope::ui

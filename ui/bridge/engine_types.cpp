#include "bridge/engine_types.h"

#include <QCoreApplication>

namespace kafkascope::ui {

QString displayName(ConnectionState state) {
    switch (state) {
    case ConnectionState::Disconnected: return QCoreApplication::translate("Bridge", "Not connected");
    case ConnectionState::Connecting: return QCoreApplication::translate("Bridge", "Connecting");
    case ConnectionState::Connected: return QCoreApplication::translate("Bridge", "Connected");
    case ConnectionState::Failed: return QCoreApplication::translate("Bridge", "Connection problem");
    }
    return {};
}

QString displayName(RequestKind kind) {
    switch (kind) {
    case RequestKind::Metadata: return QCoreApplication::translate("Bridge", "Metadata");
    case RequestKind::Offsets: return QCoreApplication::translate("Bridge", "Partition offsets");
    case RequestKind::ApiVersions: return QCoreApplication::translate("Bridge", "API versions");
    }
    return {};
}

void registerBridgeMetaTypes() {
    qRegisterMetaType<MetadataSnapshot>("kafkascope::ui::MetadataSnapshot");
    qRegisterMetaType<OffsetsSnapshot>("kafkascope::ui::OffsetsSnapshot");
    qRegisterMetaType<ApiVersionsSnapshot>("kafkascope::ui::ApiVersionsSnapshot");
    qRegisterMetaType<ConnectionState>("kafkascope::ui::ConnectionState");
    qRegisterMetaType<RequestKind>("kafkascope::ui::RequestKind");
}

}  // namespace kafkascope::ui

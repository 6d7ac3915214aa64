#pragma once
// Qt metatypes for the engine's value types. Every payload that crosses the
// bridge is an immutable snapshot behind a shared_ptr<const T>: cheap to copy
// into queued signals, safe to read from any thread, never mutated after the
// bridge creates it.

#include <QMetaType>
#include <QString>
#include <memory>
#include <vector>

#include "cluster/cluster_types.h"

namespace kafkascope::ui {

using MetadataSnapshot = std::shared_ptr<const ClusterMetadata>;
using OffsetsSnapshot = std::shared_ptr<const std::vector<PartitionOffsets>>;
using ApiVersionsSnapshot = std::shared_ptr<const std::vector<BrokerApiVersions>>;

// Where the bridge stands with the cluster it was asked to talk to.
enum class ConnectionState {
    Disconnected,  // no engine
    Connecting,    // engine created, first metadata not answered yet
    Connected,     // the last metadata request succeeded
    Failed,        // the last metadata request failed; the engine keeps trying on refresh
};

// The request kinds the bridge tracks, each with its own generation.
enum class RequestKind { Metadata, Offsets, ApiVersions };

QString displayName(ConnectionState state);
QString displayName(RequestKind kind);

// Registers every type above with Qt's metatype system; idempotent.
void registerBridgeMetaTypes();

}  // namespace kafkascope::ui

Q_DECLARE_METATYPE(kafkascope::ui::MetadataSnapshot)
Q_DECLARE_METATYPE(kafkascope::ui::OffsetsSnapshot)
Q_DECLARE_METATYPE(kafkascope::ui::ApiVersionsSnapshot)
Q_DECLARE_METATYPE(kafkascope::ui::ConnectionState)
Q_DECLARE_METATYPE(kafkascope::ui::RequestKind)

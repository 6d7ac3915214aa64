// EngineBridge without a cluster: malformed input, a refused connection
// reported as clear text, and stale replies of superseded requests dropped.
#include <QSignalSpy>
#include <QtTest>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bridge/engine_bridge.h"

using kafkascope::ui::ConnectionState;
using kafkascope::ui::EngineBridge;
using kafkascope::ui::RequestKind;

namespace {

// A loopback port nobody listens on: bind one, note it, close it.
quint16 deadPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    quint16 port = 1;
    if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
        port = ntohs(address.sin_port);
    }
    if (fd >= 0) ::close(fd);
    return port;
}

}  // namespace

class EngineBridgeTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void malformedBootstrapIsRefusedWithoutNetwork();
    void refusedConnectionIsReportedAsText();
    void supersededRefreshesAreDropped();
    void disconnectDropsRepliesInFlight();
};

void EngineBridgeTest::malformedBootstrapIsRefusedWithoutNetwork() {
    EngineBridge bridge;
    QSignalSpy states(&bridge, &EngineBridge::stateChanged);
    const QString error = bridge.connectToCluster(QStringLiteral("localhost"), QString());
    QVERIFY2(error.contains(QStringLiteral("port")), qPrintable(error));
    QVERIFY(!bridge.hasEngine());
    QCOMPARE(bridge.state(), ConnectionState::Disconnected);
    QCOMPARE(states.count(), 0);
    QCOMPARE(bridge.refresh(), quint64{0});
}

void EngineBridgeTest::refusedConnectionIsReportedAsText() {
    EngineBridge bridge;
    QSignalSpy failures(&bridge, &EngineBridge::requestFailed);
    const QString bootstrap = QStringLiteral("127.0.0.1:%1").arg(deadPort());
    QVERIFY(bridge.connectToCluster(bootstrap, QStringLiteral("ui-test")).isEmpty());
    QCOMPARE(bridge.state(), ConnectionState::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(bridge.state(), ConnectionState::Failed, 30'000);
    QCOMPARE(failures.count(), 1);
    QCOMPARE(failures.at(0).at(0).value<RequestKind>(), RequestKind::Metadata);
    const QString message = bridge.stateMessage();
    QVERIFY2(!message.isEmpty(), "a failure must say what went wrong");
    qInfo("reported: %s", qPrintable(message));
    QVERIFY(!bridge.isBusy(RequestKind::Metadata));
}

void EngineBridgeTest::supersededRefreshesAreDropped() {
    EngineBridge bridge;
    QSignalSpy failures(&bridge, &EngineBridge::requestFailed);
    QVERIFY(bridge.connectToCluster(QStringLiteral("127.0.0.1:%1").arg(deadPort()), QString()).isEmpty());
    const quint64 second = bridge.refresh();
    const quint64 third = bridge.refresh();
    QVERIFY(third > second);
    QTRY_VERIFY_WITH_TIMEOUT(!bridge.isBusy(RequestKind::Metadata), 30'000);
    // The connect's own refresh and `second` answer too, but only `third` counts.
    QTest::qWait(300);
    QCOMPARE(failures.count(), 1);
}

void EngineBridgeTest::disconnectDropsRepliesInFlight() {
    EngineBridge bridge;
    QSignalSpy failures(&bridge, &EngineBridge::requestFailed);
    QSignalSpy metadata(&bridge, &EngineBridge::metadataReady);
    QVERIFY(bridge.connectToCluster(QStringLiteral("127.0.0.1:%1").arg(deadPort()), QString()).isEmpty());
    bridge.disconnectFromCluster();
    QCOMPARE(bridge.state(), ConnectionState::Disconnected);
    QTest::qWait(500);
    QCOMPARE(failures.count(), 0);
    QCOMPARE(metadata.count(), 0);
    QCOMPARE(bridge.state(), ConnectionState::Disconnected);
}

QTEST_GUILESS_MAIN(EngineBridgeTest)
#include "tst_engine_bridge.moc"

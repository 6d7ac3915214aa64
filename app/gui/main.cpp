// kafkascope [--bootstrap HOST:PORT[,...]] [--client-id ID] [--demo]
//
// Without --bootstrap, or with --demo, starts kafkascope-sandbox (a local
// three-broker cluster with demo topics and data), connects to it and stops
// it on exit.

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <cstdio>

#include "bridge/engine_bridge.h"
#include "core/malloc_tuning.h"
#include "demo/sandbox_process.h"
#include "main_window.h"
#include "net/broker_address.h"
#include "style/icons.h"

namespace {

using kafkascope::ui::MainWindow;
using kafkascope::ui::SandboxProcess;

void startDemo(SandboxProcess& sandbox, MainWindow& window, const QString& clientId) {
    QStringList extra;
#ifdef KAFKASCOPE_BUILD_TREE_SANDBOX
    extra.append(QStringLiteral(KAFKASCOPE_BUILD_TREE_SANDBOX));
#endif
    sandbox.setProgram(SandboxProcess::locateProgram(extra));
    QObject::connect(&sandbox, &SandboxProcess::ready, &window, [&window, clientId](const QString& bootstrap) {
        window.setClusterLabel(QApplication::translate("main", "demo cluster"));
        window.connectTo(bootstrap, clientId);
    });
    QObject::connect(&sandbox, &SandboxProcess::failed, &window, [&window](const QString& message) {
        window.showNotice(QApplication::translate("main", "Demo cluster: %1").arg(message), true);
    });
    window.showNotice(QApplication::translate("main", "Starting the demo cluster…"));
    sandbox.start(SandboxProcess::demoArguments());
}

}  // namespace

int main(int argc, char** argv) {
    // Before anything allocates: keeps freed fetch buffers from staying in
    // the heap while the topic browser holds a million messages (see the
    // header for why).
    kafkascope::core::tune_allocator_for_large_buffers();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Kafkascope"));
    QApplication::setApplicationName(QStringLiteral("Kafkascope"));
    QApplication::setApplicationVersion(QStringLiteral(KAFKASCOPE_VERSION));
    QApplication::setWindowIcon(kafkascope::ui::icons::application());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Native desktop inspector for Apache Kafka clusters."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption bootstrapOption(
        {QStringLiteral("b"), QStringLiteral("bootstrap")},
        QStringLiteral("Brokers to connect to, host:port[,host:port...]."), QStringLiteral("servers"));
    const QCommandLineOption clientIdOption(QStringLiteral("client-id"), QStringLiteral("Kafka client id."),
                                            QStringLiteral("id"), QStringLiteral("kafkascope"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"), QStringLiteral("Start a local demo cluster (kafkascope-sandbox) and connect to it."));
    parser.addOptions({bootstrapOption, clientIdOption, demoOption});
    parser.process(app);

    const QString bootstrap = parser.value(bootstrapOption);
    const QString clientId = parser.value(clientIdOption);
    if (!bootstrap.isEmpty()) {
        const auto parsed = kafkascope::net::parse_bootstrap(bootstrap.toStdString());
        if (!parsed) {
            std::fprintf(stderr, "kafkascope: --bootstrap: %s\n", parsed.error().message.c_str());
            return 2;
        }
    }

    QSettings settings;
    kafkascope::ui::EngineBridge bridge;
    SandboxProcess sandbox;
    MainWindow window(bridge, settings);
    window.show();

    if (parser.isSet(demoOption) || bootstrap.isEmpty()) {
        startDemo(sandbox, window, clientId);
    } else {
        window.connectTo(bootstrap, clientId);
    }
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &sandbox, [&] {
        bridge.disconnectFromCluster();  // before the cluster goes away
        sandbox.stop();
    });
    return app.exec();
}

// kafkascope_ui_screenshot OUT.png [TOPIC]: starts a demo sandbox, opens the
// main window against it, expands a topic, selects a broker and captures the
// window from the screen (run it under Xvfb for a real X11 capture). With
// TOPIC it browses that topic the way the cluster tree's "Browse" does,
// selects the first message and captures the browser instead.
#include <QApplication>
#include <QDeadlineTimer>
#include <QPixmap>
#include <QScreen>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QTreeView>
#include <cstdio>
#include <functional>

#include "bridge/engine_bridge.h"
#include "browser/browser_pane.h"
#include "browser/message_table_model.h"
#include "demo/sandbox_process.h"
#include "main_window.h"
#include "models/api_versions_model.h"
#include "models/cluster_filter_proxy_model.h"
#include "models/cluster_tree_model.h"
#include "panes/broker_details_view.h"
#include "panes/cluster_pane.h"

using namespace kafkascope::ui;

namespace {

bool waitUntil(const std::function<bool()>& done, int milliseconds) {
    QDeadlineTimer deadline(milliseconds);
    while (!done()) {
        if (deadline.hasExpired()) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
    return true;
}

int fail(const char* what) {
    std::fprintf(stderr, "kafkascope_ui_screenshot: %s\n", what);
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    if (argc != 2 && argc != 3) return fail("usage: kafkascope_ui_screenshot OUT.png [TOPIC]");

    SandboxProcess sandbox;
    QString bootstrap;
    QString error;
    QObject::connect(&sandbox, &SandboxProcess::ready, &app, [&](const QString& b) { bootstrap = b; });
    QObject::connect(&sandbox, &SandboxProcess::failed, &app, [&](const QString& e) { error = e; });
    sandbox.start(SandboxProcess::demoArguments());
    if (!waitUntil([&] { return !bootstrap.isEmpty() || !error.isEmpty(); }, 60'000) || bootstrap.isEmpty())
        return fail(error.isEmpty() ? "sandbox did not start" : qPrintable(error));

    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    EngineBridge bridge;
    MainWindow window(bridge, settings);
    window.resize(1280, 760);
    window.show();
    window.setClusterLabel(QStringLiteral("demo cluster"));
    window.connectTo(bootstrap);

    ClusterPane* pane = window.clusterPane();
    ClusterTreeModel* model = pane->model();
    const auto messages = [&] {
        return model->topicIndex(QStringLiteral("orders")).data(ClusterTreeModel::MessageCountRole).toLongLong();
    };
    if (!waitUntil([&] { return model->metadata() != nullptr; }, 30'000)) return fail("no metadata");
    if (!waitUntil([&] { return messages() > 0; }, 15'000)) std::fputs("note: no offsets yet\n", stderr);

    pane->view()->expand(pane->proxyModel()->mapFromSource(model->topicIndex(QStringLiteral("orders"))));
    const QModelIndex broker = model->index(0, 0, model->brokersIndex());
    pane->view()->setCurrentIndex(pane->proxyModel()->mapFromSource(broker));
    if (!waitUntil([&] { return window.brokerDetails()->model()->rowCount() > 0; }, 15'000))
        std::fputs("note: no API versions yet\n", stderr);
    if (argc == 3) {
        BrowserPane* browser = window.browserPane();
        Q_EMIT pane->browseRequested(QString::fromLocal8Bit(argv[2]), -1);
        if (!waitUntil([&] { return browser->model()->rowCount() > 0; }, 30'000)) return fail("the browser loaded nothing");
        waitUntil([] { return false; }, 1000);  // the first fetches of every partition
        browser->view()->setCurrentIndex(browser->model()->index(0, 0));
    }
    waitUntil([] { return false; }, 500);  // let the last paint land

    const QPixmap shot = window.screen()->grabWindow(0, window.x(), window.y(), window.frameGeometry().width(),
                                                     window.frameGeometry().height());
    if (!shot.save(QString::fromLocal8Bit(argv[1]))) return fail("cannot write the PNG");
    window.close();
    bridge.disconnectFromCluster();
    sandbox.stop();
    return 0;
}

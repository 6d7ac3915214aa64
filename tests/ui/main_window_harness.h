#pragma once
// What the pane tests start from: a MainWindow with a settings file of its
// own (in a temporary folder), opened on one pane, shown offscreen and
// connected to the CTest fixture's sandbox. A test keeps one harness for its
// whole list of cases and closes it in cleanupTestCase().

#include <QObject>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "bridge/engine_bridge.h"
#include "main_window.h"

namespace kafkascope::test {

class MainWindowHarness {
public:
    // Builds settings, bridge and window and makes `Pane` the current tab;
    // null when the window has no such pane or no temporary folder.
    template <class Pane>
    Pane* open() {
        if (!m_dir.isValid()) return nullptr;
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_bridge = std::make_unique<ui::EngineBridge>();
        m_window = std::make_unique<ui::MainWindow>(*m_bridge, *m_settings);
        m_window->resize(1360, 860);
        Pane* pane = m_window->findChild<Pane*>();
        if (pane) m_window->tabs()->setCurrentWidget(pane);
        return pane;
    }

    // Shows the window and connects it the way the connection dialog does.
    bool showAndConnect(const QString& bootstrap, const QString& clientId) {
        m_window->show();
        return QTest::qWaitForWindowExposed(m_window.get()) && m_window->connectTo(bootstrap, clientId);
    }

    // Window first (its panes hold bridge objects), then the engine.
    void close() {
        m_window.reset();
        if (m_bridge) m_bridge->disconnectFromCluster();
        m_bridge.reset();
        m_settings.reset();
    }

    QSettings& settings() { return *m_settings; }
    ui::EngineBridge& bridge() { return *m_bridge; }
    ui::MainWindow& window() { return *m_window; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ui::EngineBridge> m_bridge;
    std::unique_ptr<ui::MainWindow> m_window;
};

// The child of `parent` with this object name; a missing one ends the test
// run, since every later step would fail for the same reason.
template <class T>
T* namedChild(const QObject* parent, const char* name) {
    T* widget = parent->findChild<T*>(QString::fromLatin1(name));
    if (!widget) qFatal("no child %s", name);
    return widget;
}

}  // namespace kafkascope::test

#pragma once
// SandboxProcess: runs kafkascope-sandbox (a local Kafka-protocol cluster)
// as a child process for demo mode and tests. The sandbox prints its
// bootstrap string as the first stdout line once it accepts connections and
// stops on SIGTERM. On Linux the child also gets SIGTERM if we die first.

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>
#include <chrono>

namespace kafkascope::ui {

class SandboxProcess : public QObject {
    Q_OBJECT

public:
    static constexpr auto kDefaultReadyTimeout = std::chrono::seconds(30);

    // --brokers 3 --topic orders:6 --topic audit:1 --topic payments:3 --seed-data
    static QStringList demoArguments();

    // $KAFKASCOPE_SANDBOX, then next to this executable, then PATH, then
    // `extraCandidates` (such as the build tree). Empty when none exists.
    static QString locateProgram(const QStringList& extraCandidates = {});

    explicit SandboxProcess(QObject* parent = nullptr);
    ~SandboxProcess() override;  // stops the sandbox

    void setProgram(const QString& program) { m_program = program; }
    QString program() const { return m_program; }

    // Starts the sandbox; ready() or failed() follows. Uses locateProgram()
    // when no program was set.
    void start(const QStringList& arguments,
               std::chrono::milliseconds readyTimeout = kDefaultReadyTimeout);
    // SIGTERM, then SIGKILL if it has not exited within `grace`. Blocks at
    // most `grace`; emits nothing.
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    bool isReady() const { return !m_bootstrap.isEmpty(); }
    QString bootstrap() const { return m_bootstrap; }
    QString stderrTail() const { return m_stderrLines.join(QLatin1Char('\n')); }

Q_SIGNALS:
    void ready(const QString& bootstrap);
    // Could not start, did not become ready in time, or exited on its own.
    void failed(const QString& message);

private:
    void onStdout();
    void onStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onErrorOccurred(QProcess::ProcessError error);
    void fail(const QString& message);

    QProcess m_process;
    QTimer m_readyTimer;
    QString m_program;
    QString m_bootstrap;
    QByteArray m_stdoutBuffer;
    QStringList m_stderrLines;  // the last few, for error messages
    bool m_stopping = false;
};

}  // namespace kafkascope::ui

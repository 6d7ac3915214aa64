#include "demo/sandbox_process.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>

#include <csignal>
#endif

namespace kafkascope::ui {
namespace {

const QString kProgramName = QStringLiteral("kafkascope-sandbox");
constexpr int kStderrLinesKept = 12;

bool isExecutable(const QString& path) {
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

}  // namespace

QStringList SandboxProcess::demoArguments() {
    return {QStringLiteral("--brokers"), QStringLiteral("3"),
            QStringLiteral("--topic"), QStringLiteral("orders:6"),
            QStringLiteral("--topic"), QStringLiteral("audit:1"),
            QStringLiteral("--topic"), QStringLiteral("payments:3"),
            QStringLiteral("--seed-data")};
}

QString SandboxProcess::locateProgram(const QStringList& extraCandidates) {
    const QString fromEnvironment = qEnvironmentVariable("KAFKASCOPE_SANDBOX");
    if (!fromEnvironment.isEmpty() && isExecutable(fromEnvironment)) return fromEnvironment;
    if (QCoreApplication::instance()) {
        const QString beside = QDir(QCoreApplication::applicationDirPath()).filePath(kProgramName);
        if (isExecutable(beside)) return beside;
    }
    const QString onPath = QStandardPaths::findExecutable(kProgramName);
    if (!onPath.isEmpty()) return onPath;
    for (const QString& candidate : extraCandidates) {
        if (isExecutable(candidate)) return candidate;
    }
    return {};
}

SandboxProcess::SandboxProcess(QObject* parent) : QObject(parent) {
    m_readyTimer.setSingleShot(true);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &SandboxProcess::onStdout);
    connect(&m_process, &QProcess::readyReadStandardError, this, &SandboxProcess::onStderr);
    connect(&m_process, &QProcess::finished, this, &SandboxProcess::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &SandboxProcess::onErrorOccurred);
    connect(&m_readyTimer, &QTimer::timeout, this, [this] {
        fail(tr("%1 did not report ready within %2 s").arg(kProgramName).arg(m_readyTimer.interval() / 1000));
        stop();
    });
#ifdef Q_OS_LINUX
    // If Kafkascope is killed, the kernel sends the sandbox SIGTERM.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
}

SandboxProcess::~SandboxProcess() {
    // No signals to half-destroyed receivers while we shut the child down.
    m_process.disconnect(this);
    stop();
}

void SandboxProcess::start(const QStringList& arguments, std::chrono::milliseconds readyTimeout) {
    if (isRunning()) return;
    m_bootstrap.clear();
    m_stdoutBuffer.clear();
    m_stderrLines.clear();
    m_stopping = false;
    if (m_program.isEmpty()) m_program = locateProgram();
    if (m_program.isEmpty()) {
        // Queued so a caller can connect to failed() after start() as well.
        QMetaObject::invokeMethod(
            this,
            [this] {
                fail(tr("cannot find %1 next to %2 or on PATH")
                         .arg(kProgramName, QDir::toNativeSeparators(QCoreApplication::applicationDirPath())));
            },
            Qt::QueuedConnection);
        return;
    }
    m_readyTimer.start(readyTimeout);
    m_process.start(m_program, arguments);
}

void SandboxProcess::stop(std::chrono::milliseconds grace) {
    m_readyTimer.stop();
    if (m_process.state() == QProcess::NotRunning) return;
    m_stopping = true;
    m_process.terminate();  // SIGTERM
    if (!m_process.waitForFinished(static_cast<int>(grace.count()))) {
        m_process.kill();
        m_process.waitForFinished(1000);
    }
}

void SandboxProcess::onStdout() {
    m_stdoutBuffer.append(m_process.readAllStandardOutput());
    if (isReady()) {
        m_stdoutBuffer.clear();  // replies to commands we never send; keep the pipe drained
        return;
    }
    const auto newline = m_stdoutBuffer.indexOf('\n');
    if (newline < 0) return;
    m_bootstrap = QString::fromUtf8(m_stdoutBuffer.left(newline)).trimmed();
    m_stdoutBuffer.clear();
    m_readyTimer.stop();
    if (m_bootstrap.isEmpty()) {
        fail(tr("%1 printed an empty bootstrap line").arg(kProgramName));
        stop();
        return;
    }
    Q_EMIT ready(m_bootstrap);
}

void SandboxProcess::onStderr() {
    const QString text = QString::fromUtf8(m_process.readAllStandardError());
    for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        m_stderrLines.append(line.trimmed());
    }
    while (m_stderrLines.size() > kStderrLinesKept) m_stderrLines.removeFirst();
}

void SandboxProcess::onFinished(int exitCode, QProcess::ExitStatus status) {
    m_readyTimer.stop();
    if (m_stopping) return;
    onStderr();
    const QString how = status == QProcess::CrashExit ? tr("crashed")
                                                      : tr("exited with code %1").arg(exitCode);
    QString message = tr("%1 %2").arg(kProgramName, how);
    if (!m_stderrLines.isEmpty()) message += QStringLiteral(": ") + m_stderrLines.last();
    fail(message);
}

void SandboxProcess::onErrorOccurred(QProcess::ProcessError error) {
    if (error != QProcess::FailedToStart) return;  // the rest end in finished()
    m_readyTimer.stop();
    fail(tr("cannot start %1: %2").arg(QDir::toNativeSeparators(m_program), m_process.errorString()));
}

void SandboxProcess::fail(const QString& message) { Q_EMIT failed(message); }

}  // namespace kafkascope::ui

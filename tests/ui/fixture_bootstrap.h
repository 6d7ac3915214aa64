#pragma once
// The bootstrap address of the CTest sandbox fixture a UI test runs against:
// the first line of the file KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE names
// (cmake/SandboxFixture.cmake writes it once the sandbox accepts connections).

#include <QFile>
#include <QString>

namespace kafkascope::test {

// Empty, with `why` saying what is missing, when there is no fixture.
inline QString fixtureBootstrap(QString* why) {
    const QString file = qEnvironmentVariable("KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE");
    if (file.isEmpty()) {
        *why = QStringLiteral("KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE is not set (run through ctest)");
        return {};
    }
    QFile bootstrapFile(file);
    if (!bootstrapFile.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("cannot read the fixture's bootstrap file ") + file;
        return {};
    }
    const QString bootstrap = QString::fromUtf8(bootstrapFile.readLine()).trimmed();
    if (bootstrap.isEmpty()) *why = file + QStringLiteral(" is empty");
    return bootstrap;
}

}  // namespace kafkascope::test

// The reset-offsets dialog of the lag dashboard against a sandbox. kcat
// writes 10 / 7 / 5 messages into the three partitions of "lagreset"; the
// engine commits 6 / 4 / 5 for a group with no members. From the dashboard
// (inside the real MainWindow) the "Reset offsets…" button opens the dialog;
// it is disabled on a read-only connection. A dry run to earliest fills the
// before / after table with exactly what the engine's own dry run reports;
// Execute stays disabled until the group name is typed; executing commits,
// and the committed offsets read back from the engine equal the previewed
// table. A group with an active GroupReader member is refused, and the
// engine's message is shown in the dialog. A new connection closes it.

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <map>
#include <memory>

#include "fixture_bootstrap.h"
#include "main_window_harness.h"
#include "bridge/engine_bridge.h"
#include "consumer/group_reader.h"
#include "engine.h"
#include "lag/lag_dashboard_pane.h"
#include "lag/lag_groups_model.h"
#include "lag/reset_offsets_dialog.h"
#include "lag/reset_preview_model.h"
#include "main_window.h"

using namespace kafkascope;
using namespace kafkascope::ui;
using namespace std::chrono_literals;

namespace {
constexpr int kTimeoutMs = 30'000;
const QString kTopic = QStringLiteral("lagreset");
const QString kGroup = QStringLiteral("g-reset-ui");
const QString kActiveGroup = QStringLiteral("g-reset-ui-active");

QString cell(QAbstractItemModel* model, int row, int column) { return model->index(row, column).data().toString(); }
QString offsetText(std::int64_t v) { return v < 0 ? QStringLiteral("–") : QString::number(v); }
}  // namespace

class LagResetOffsetsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void buttonFollowsSelectionAndReadOnly();
    void previewEqualsTheEngineDryRun();
    void executeNeedsTheTypedNameAndCommitsThePreview();
    void executeCommitsThePreviewEvenWhenTheLogMoved();
    void settingsMapToTheEngineSpec();
    void invalidSettingsAreExplained();
    void activeMembersAreRefused();
    void aNewConnectionClosesTheDialog();
    void cleanupTestCase();

private:
    void produce(int partition, int count);
    std::map<int, qint64> committed(const QString& group);

    QString m_bootstrap;
    kafkascope::test::MainWindowHarness m_ui;
    LagDashboardPane* m_pane = nullptr;
    QPointer<ResetOffsetsDialog> m_dialog;
    std::vector<admin::ResetRow> m_previewed;
};

void LagResetOffsetsTest::produce(int partition, int count) {
    QString lines;
    for (int i = 0; i < count; ++i) lines += QStringLiteral("v%1\n").arg(i);
    QProcess kcat;
    kcat.start(QStringLiteral("kcat"), {QStringLiteral("-b"), m_bootstrap, QStringLiteral("-P"), QStringLiteral("-t"),
                                        kTopic, QStringLiteral("-p"), QString::number(partition)});
    QVERIFY(kcat.waitForStarted());
    kcat.write(lines.toUtf8());
    kcat.closeWriteChannel();
    QVERIFY(kcat.waitForFinished(kTimeoutMs));
    QCOMPARE(kcat.exitCode(), 0);
}

std::map<int, qint64> LagResetOffsetsTest::committed(const QString& group) {
    std::map<int, qint64> out;
    auto read = m_ui.bridge().engine()->committed_offsets_sync(group.toStdString(), {kTopic.toStdString()});
    if (!read) {
        qWarning("committed_offsets_sync: %s", read.error().message.c_str());
        return out;
    }
    for (const auto& c : *read) out[c.partition] = c.offset;
    return out;
}

void LagResetOffsetsTest::initTestCase() {
    QString why;
    m_bootstrap = kafkascope::test::fixtureBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    produce(0, 10);
    produce(1, 7);
    produce(2, 5);

    m_pane = m_ui.open<LagDashboardPane>();
    QVERIFY2(m_pane, "the main window has a Lag pane");
    QVERIFY(m_ui.bridge().connectToCluster(m_bootstrap, QStringLiteral("lag-reset-test")).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_ui.bridge().state() == ConnectionState::Connected, kTimeoutMs);
    const std::string topic = kTopic.toStdString();
    std::vector<consumer::OffsetToCommit> offsets{{topic, 0, 6, {}}, {topic, 1, 4, {}}, {topic, 2, 5, {}}};
    QVERIFY(m_ui.bridge().engine()->commit_offsets_sync(kGroup.toStdString(), offsets).ok());
    QCOMPARE(committed(kGroup), (std::map<int, qint64>{{0, 6}, {1, 4}, {2, 5}}));
}

void LagResetOffsetsTest::buttonFollowsSelectionAndReadOnly() {
    QPushButton* button = m_pane->resetButton();
    QVERIFY(!button->isEnabled());  // nothing selected yet
    QVERIFY(m_pane->startWatching({kGroup}, 500).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->groupsModel()->rowCount(), 1, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->selectedGroup(), kGroup, kTimeoutMs);
    QVERIFY(button->isEnabled());

    m_ui.window().setReadOnly(true);
    QVERIFY(!button->isEnabled());
    QVERIFY(button->toolTip().contains(QStringLiteral("read-only")));
    QVERIFY(m_pane->openResetDialog() == nullptr);
    m_ui.window().setReadOnly(false);
    QVERIFY(button->isEnabled());

    button->click();
    m_dialog = m_pane->findChild<ResetOffsetsDialog*>();
    QVERIFY(m_dialog);
    QVERIFY(m_dialog->isVisible());
    QCOMPARE(m_dialog->group(), kGroup);
    QCOMPARE(m_dialog->topicField()->currentText(), kTopic);  // offered from the group's topics
    m_pane->stopWatching();
}

void LagResetOffsetsTest::previewEqualsTheEngineDryRun() {
    QVERIFY(m_dialog);
    m_dialog->setStrategy(admin::ResetKind::earliest);
    QVERIFY(m_dialog->allPartitionsButton()->isChecked());
    QVERIFY(!m_dialog->executeButton()->isEnabled());
    QTest::mouseClick(m_dialog->previewButton(), Qt::LeftButton);
    QVERIFY(m_dialog->isBusy());  // the dry run runs off the UI thread
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isBusy(), kTimeoutMs);
    QVERIFY2(m_dialog->statusText().startsWith(QStringLiteral("Dry run")), qPrintable(m_dialog->statusText()));

    admin::ResetSpec spec;
    spec.group = kGroup.toStdString();
    spec.topic = kTopic.toStdString();
    spec.kind = admin::ResetKind::earliest;
    auto engineDry = m_ui.bridge().engine()->reset_group_offsets_sync(spec, false);
    QVERIFY2(engineDry.ok(), engineDry.ok() ? "" : engineDry.error().message.c_str());
    ResetPreviewModel* model = m_dialog->previewModel();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(static_cast<int>(engineDry->rows.size()), 3);
    const std::map<int, qint64> before{{0, 6}, {1, 4}, {2, 5}};
    const std::map<int, qint64> ends{{0, 10}, {1, 7}, {2, 5}};
    for (int row = 0; row < 3; ++row) {
        const admin::ResetRow& e = engineDry->rows[static_cast<std::size_t>(row)];
        QCOMPARE(cell(model, row, ResetPreviewModel::Partition), QString::number(e.partition));
        QCOMPARE(cell(model, row, ResetPreviewModel::Current), QString::number(e.before));
        QCOMPARE(cell(model, row, ResetPreviewModel::New), QString::number(e.after));
        QCOMPARE(cell(model, row, ResetPreviewModel::LogStart), offsetText(e.log_start));
        QCOMPARE(cell(model, row, ResetPreviewModel::LogEnd), offsetText(e.log_end));
        QCOMPARE(cell(model, row, ResetPreviewModel::ResultingLag), QString::number(e.log_end - e.after));
        // And what the sandbox holds: committed as set up, earliest = log start.
        QCOMPARE(e.before, before.at(e.partition));
        QCOMPARE(e.log_end, ends.at(e.partition));
        QCOMPARE(e.after, e.log_start);
    }
    m_previewed = model->rows();
    QCOMPARE(committed(kGroup), before);  // a dry run writes nothing
}

void LagResetOffsetsTest::executeNeedsTheTypedNameAndCommitsThePreview() {
    QVERIFY(m_dialog);
    QPushButton* execute = m_dialog->executeButton();
    QVERIFY(!execute->isEnabled());
    QTest::keyClicks(m_dialog->confirmField(), kGroup.left(kGroup.size() - 1));
    QVERIFY(!execute->isEnabled());  // not the whole name
    QTest::keyClicks(m_dialog->confirmField(), kGroup.right(1));
    QVERIFY(execute->isEnabled());
    // Other settings than the previewed ones: the preview is stale.
    m_dialog->setStrategy(admin::ResetKind::latest);
    QVERIFY(!execute->isEnabled());
    m_dialog->setStrategy(admin::ResetKind::earliest);
    QVERIFY(execute->isEnabled());
    m_dialog->setReadOnly(true);
    QVERIFY(!execute->isEnabled());
    m_dialog->setReadOnly(false);

    QTest::mouseClick(execute, Qt::LeftButton);
    QVERIFY(m_dialog->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isBusy(), kTimeoutMs);
    QVERIFY2(m_dialog->statusText().startsWith(QStringLiteral("Committed 3 offset(s)")),
             qPrintable(m_dialog->statusText()));
    QVERIFY(!execute->isEnabled());  // the next execute needs a new preview

    std::map<int, qint64> expected;
    for (const admin::ResetRow& row : m_previewed) expected[row.partition] = row.after;
    QCOMPARE(committed(kGroup), expected);
}

// "To latest" previewed, then the producer moves on: Execute commits the
// table the user confirmed, not a recomputed one.
void LagResetOffsetsTest::executeCommitsThePreviewEvenWhenTheLogMoved() {
    QVERIFY(m_dialog);
    m_dialog->setStrategy(admin::ResetKind::latest);
    QTest::mouseClick(m_dialog->previewButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isBusy(), kTimeoutMs);
    QVERIFY2(m_dialog->statusText().startsWith(QStringLiteral("Dry run")), qPrintable(m_dialog->statusText()));
    std::map<int, qint64> previewed;
    for (const admin::ResetRow& row : m_dialog->previewModel()->rows()) previewed[row.partition] = row.after;
    QCOMPARE(previewed, (std::map<int, qint64>{{0, 10}, {1, 7}, {2, 5}}));

    produce(0, 4);  // partition 0 now ends at 14
    m_dialog->confirmField()->clear();
    QTest::keyClicks(m_dialog->confirmField(), kGroup);
    QVERIFY(m_dialog->executeButton()->isEnabled());
    QTest::mouseClick(m_dialog->executeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isBusy(), kTimeoutMs);
    QVERIFY2(m_dialog->statusText().startsWith(QStringLiteral("Committed 3 offset(s)")),
             qPrintable(m_dialog->statusText()));
    QCOMPARE(committed(kGroup), previewed);
}

void LagResetOffsetsTest::settingsMapToTheEngineSpec() {
    QVERIFY(m_dialog);
    m_dialog->setStrategy(admin::ResetKind::shift);
    QVERIFY(m_dialog->valueField()->isEnabled());
    m_dialog->valueField()->setText(QStringLiteral("-2"));
    m_dialog->somePartitionsButton()->setChecked(true);
    m_dialog->partitionsField()->setText(QStringLiteral("0,2"));
    auto s = m_dialog->spec();
    QVERIFY(s);
    QCOMPARE(s->group, kGroup.toStdString());
    QCOMPARE(s->topic, kTopic.toStdString());
    QVERIFY(s->kind == admin::ResetKind::shift);
    QCOMPARE(s->value, std::int64_t{-2});
    QCOMPARE(s->partitions, (std::vector<std::int32_t>{0, 2}));

    m_dialog->setStrategy(admin::ResetKind::timestamp);
    m_dialog->valueField()->setText(QStringLiteral("2024-05-01T12:00:00Z"));
    s = m_dialog->spec();
    QVERIFY(s && s->kind == admin::ResetKind::timestamp);
    QCOMPARE(s->value, std::int64_t{1'714'564'800'000});

    m_dialog->setStrategy(admin::ResetKind::absolute);
    m_dialog->valueField()->setText(QStringLiteral("3"));
    m_dialog->allPartitionsButton()->setChecked(true);
    s = m_dialog->spec();
    QVERIFY(s && s->kind == admin::ResetKind::absolute);
    QCOMPARE(s->value, std::int64_t{3});
    QVERIFY(s->partitions.empty());  // all partitions

    m_dialog->setStrategy(admin::ResetKind::latest);
    QVERIFY(!m_dialog->valueField()->isEnabled());
    s = m_dialog->spec();
    QVERIFY(s && s->kind == admin::ResetKind::latest && s->value == 0);
}

void LagResetOffsetsTest::invalidSettingsAreExplained() {
    QVERIFY(m_dialog);
    m_dialog->setStrategy(admin::ResetKind::shift);
    m_dialog->valueField()->setText(QStringLiteral("three"));
    m_dialog->preview();
    QVERIFY(!m_dialog->isBusy());
    QVERIFY2(m_dialog->statusText().contains(QStringLiteral("not a whole number")), qPrintable(m_dialog->statusText()));
    m_dialog->setStrategy(admin::ResetKind::earliest);
    m_dialog->somePartitionsButton()->setChecked(true);
    m_dialog->partitionsField()->setText(QStringLiteral("7"));
    m_dialog->preview();
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->isBusy(), kTimeoutMs);
    // The engine's own words: the topic has no partition 7.
    QVERIFY2(m_dialog->statusText().contains(QStringLiteral("no partition 7")), qPrintable(m_dialog->statusText()));
    QVERIFY(!m_dialog->executeButton()->isEnabled());
    m_dialog->close();
    QTRY_VERIFY(m_dialog.isNull());  // WA_DeleteOnClose
}

void LagResetOffsetsTest::activeMembersAreRefused() {
    const std::string topic = kTopic.toStdString();
    std::vector<consumer::OffsetToCommit> offsets{{topic, 0, 1, {}}, {topic, 1, 1, {}}, {topic, 2, 1, {}}};
    QVERIFY(m_ui.bridge().engine()->commit_offsets_sync(kActiveGroup.toStdString(), offsets).ok());

    consumer::GroupReaderConfig config;
    config.group_id = kActiveGroup.toStdString();
    config.topics = {topic};
    config.max_wait = 500ms;
    config.heartbeat_interval = 500ms;
    config.session_timeout = 6000ms;
    config.rebalance_timeout = 6000ms;
    auto reader = m_ui.bridge().engine()->create_group_reader(config);
    QVERIFY(reader.ok());
    auto first = (*reader)->fetch_message_sync(20s);  // joins the group, then reads offset 1
    QVERIFY2(first.ok(), first.ok() ? "" : first.error().message.c_str());

    ResetOffsetsDialog dialog(m_ui.bridge(), kActiveGroup, {kTopic});
    dialog.show();
    dialog.setStrategy(admin::ResetKind::latest);
    dialog.preview();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), kTimeoutMs);
    const QString status = dialog.statusText();
    QVERIFY2(status.contains(QStringLiteral("group g-reset-ui-active has active members")), qPrintable(status));
    auto* label = dialog.findChild<QLabel*>(QStringLiteral("resetStatus"));
    QVERIFY(label && label->isVisible());
    QCOMPARE(dialog.previewModel()->rowCount(), 0);
    QTest::keyClicks(dialog.confirmField(), kActiveGroup);
    QVERIFY(!dialog.executeButton()->isEnabled());  // no good preview, no execute
    QCOMPARE(committed(kActiveGroup), (std::map<int, qint64>{{0, 1}, {1, 1}, {2, 1}}));
    QVERIFY((*reader)->close_sync().ok());
}

void LagResetOffsetsTest::aNewConnectionClosesTheDialog() {
    QCOMPARE(m_pane->selectedGroup(), kGroup);
    QPointer<ResetOffsetsDialog> dialog = m_pane->openResetDialog();
    QVERIFY(dialog);
    dialog->setStrategy(admin::ResetKind::latest);
    dialog->preview();
    QVERIFY(dialog->isBusy());
    // Its preview would belong to the old cluster: the dialog goes, and the
    // old engine's reply (if any) reaches nothing.
    m_ui.bridge().disconnectFromCluster();
    QTRY_VERIFY(dialog.isNull());
    QVERIFY(m_pane->findChild<ResetOffsetsDialog*>() == nullptr);
}

void LagResetOffsetsTest::cleanupTestCase() {
    m_ui.close();
}

QTEST_MAIN(LagResetOffsetsTest)
#include "tst_lag_reset_offsets.moc"

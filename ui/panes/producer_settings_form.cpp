#include "panes/producer_settings_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>
#include <limits>

#include "producer/balancer.h"
#include "records/compression.h"

namespace kafkascope::ui {
namespace {

using producer::RequiredAcks;
using std::chrono::milliseconds;

int ms(milliseconds value) { return static_cast<int>(value.count()); }

}  // namespace

ProducerSettingsForm::ProducerSettingsForm(QWidget* parent) : SettingsForm(parent) {
    const producer::WriterConfig d;

    constexpr int kMaxInt = std::numeric_limits<int>::max();
    m_batchSize = addSpin(tr("Batch size"), QStringLiteral("batchSize"), 1, 1'000'000, tr(" msgs"),
                          tr("Messages per partition batch; a full batch is sent at once. Default %1.")
                              .arg(d.batch_size));
    m_batchBytes = addSpin(tr("Batch bytes"), QStringLiteral("batchBytes"), 128, kMaxInt, tr(" B"),
                           tr("Encoded bytes per batch, header included; a full batch is sent. Default %1 (1 MiB).")
                               .arg(d.batch_bytes));
    m_batchTimeout = addSpin(tr("Batch timeout"), QStringLiteral("batchTimeout"), 0, kMaxInt, tr(" ms"),
                             tr("A batch waits at most this long, from its first message. Default %1 ms.")
                                 .arg(ms(d.batch_timeout)));

    // Linger: unset is a real, visible choice (sync writes flush at once).
    m_lingerSet = new QCheckBox(tr("Set"), this);
    m_lingerSet->setObjectName(QStringLiteral("lingerSet"));
    m_linger = new QSpinBox(this);
    m_linger->setObjectName(QStringLiteral("linger"));
    m_linger->setRange(0, kMaxInt);
    m_linger->setSuffix(tr(" ms"));
    m_linger->setValue(5);
    auto* lingerRow = new QWidget(this);
    auto* lingerLayout = new QHBoxLayout(lingerRow);
    lingerLayout->setContentsMargins(0, 0, 0, 0);
    lingerLayout->addWidget(m_lingerSet);
    lingerLayout->addWidget(m_linger, 1);
    m_lingerHint = hintLabel({}, this);
    m_form->addRow(tr("Linger"), lingerRow);
    m_form->addRow(QString(), m_lingerHint);
    lingerRow->setToolTip(tr("Unset (default): a synchronous send flushes its partitions at once — no idle stall. "
                             "Set: wait up to this long for more messages (≥ batch timeout = kafka-go exactly)."));
    connect(m_lingerSet, &QCheckBox::toggled, this, [this] {
        updateLingerHint();
        Q_EMIT changed();
    });
    connect(m_linger, &QSpinBox::valueChanged, this, [this] { Q_EMIT changed(); });

    m_acks = addCombo(tr("Required acks"), QStringLiteral("requiredAcks"),
                      tr("none: fire and forget (no offsets); one: leader; all: every in-sync replica. Default all."));
    m_acks->addItem(tr("none (0)"), static_cast<int>(RequiredAcks::none));
    m_acks->addItem(tr("one (1)"), static_cast<int>(RequiredAcks::one));
    m_acks->addItem(tr("all (-1)"), static_cast<int>(RequiredAcks::all));

    m_maxAttempts = addSpin(tr("Max attempts"), QStringLiteral("maxAttempts"), 1, 1000, {},
                            tr("Sends per batch, the first included; only retriable errors retry. Default %1.")
                                .arg(d.max_attempts));
    m_backoffMin = addSpin(tr("Backoff min"), QStringLiteral("backoffMin"), 0, kMaxInt, tr(" ms"),
                           tr("Retry n waits min(n² × min, max). Default %1 ms.").arg(ms(d.write_backoff_min)));
    m_backoffMax = addSpin(tr("Backoff max"), QStringLiteral("backoffMax"), 0, kMaxInt, tr(" ms"),
                           tr("Cap of the retry backoff. Default %1 ms.").arg(ms(d.write_backoff_max)));
    m_writeTimeout = addSpin(tr("Write timeout"), QStringLiteral("writeTimeout"), 1, kMaxInt, tr(" ms"),
                             tr("One Produce round trip (also the broker's timeout). Default %1 ms.")
                                 .arg(ms(d.write_timeout)));

    m_async = new QCheckBox(tr("Async"), this);
    m_async->setObjectName(QStringLiteral("async"));
    addRow(QString(), m_async,
           tr("The write call returns at once; batches leave by size, bytes or timer only. Default off."));
    connect(m_async, &QCheckBox::toggled, this, [this] { Q_EMIT changed(); });

    m_compression = addCombo(tr("Compression"), QStringLiteral("compression"),
                             tr("Codec of each record batch. Default none."));
    for (auto c : {records::Compression::none, records::Compression::gzip, records::Compression::snappy,
                   records::Compression::lz4, records::Compression::zstd}) {
        m_compression->addItem(QString::fromUtf8(records::compression_name(c).data(),
                                                 static_cast<qsizetype>(records::compression_name(c).size())),
                               static_cast<int>(c));
    }

    // Compression level: unset (the codec's own default) is a visible choice.
    m_levelSet = new QCheckBox(tr("Set"), this);
    m_levelSet->setObjectName(QStringLiteral("compressionLevelSet"));
    m_level = new QSpinBox(this);
    m_level->setObjectName(QStringLiteral("compressionLevel"));
    m_level->setRange(-7, 22);
    m_level->setValue(3);
    auto* levelRow = new QWidget(this);
    auto* levelLayout = new QHBoxLayout(levelRow);
    levelLayout->setContentsMargins(0, 0, 0, 0);
    levelLayout->addWidget(m_levelSet);
    levelLayout->addWidget(m_level, 1);
    addRow(tr("Compression level"), levelRow,
           tr("Unset: the codec's default. gzip 1-9, lz4 0-12, zstd 1-22 (higher = smaller, slower)."));
    connect(m_levelSet, &QCheckBox::toggled, this, [this] {
        updateDependentFields();
        Q_EMIT changed();
    });
    connect(m_level, &QSpinBox::valueChanged, this, [this] { Q_EMIT changed(); });

    m_balancer = addCombo(tr("Balancer"), QStringLiteral("balancer"),
                          tr("Picks the partition when none is given. Default round-robin."));
    for (const auto& info : producer::balancer_names()) {
        const QString name = QString::fromUtf8(info.name.data(), static_cast<qsizetype>(info.name.size()));
        m_balancer->addItem(name, name);
        m_balancer->setItemData(m_balancer->count() - 1,
                                QString::fromUtf8(info.hint.data(), static_cast<qsizetype>(info.hint.size())),
                                Qt::ToolTipRole);
    }
    m_chunkSize = addSpin(tr("Round-robin chunk"), QStringLiteral("roundRobinChunkSize"), 1, 1'000'000, tr(" msgs"),
                          tr("Round-robin only: messages per partition before moving on. Default %1.")
                              .arg(d.round_robin_chunk_size));
    connect(m_compression, &QComboBox::currentIndexChanged, this, [this] { updateDependentFields(); });
    connect(m_balancer, &QComboBox::currentIndexChanged, this, [this] { updateDependentFields(); });

    m_idempotent = addCombo(tr("Idempotent"), QStringLiteral("idempotent"),
                            tr("auto: on when acks = all and the broker allows it, so retries never duplicate."));
    m_idempotent->addItem(tr("auto"), -1);
    m_idempotent->addItem(tr("on"), 1);
    m_idempotent->addItem(tr("off"), 0);

    finishWithResetButton(QStringLiteral("resetSettings"), [this] { resetToDefaults(); });

    resetToDefaults();
}

void ProducerSettingsForm::updateLingerHint() {
    m_linger->setEnabled(m_lingerSet->isChecked());
    m_lingerHint->setText(m_lingerSet->isChecked()
                              ? tr("Set: partitions a send touched wait up to this long for more messages.")
                              : tr("Unset (default): a synchronous send flushes at once — no 1 s idle stall."));
}

void ProducerSettingsForm::updateDependentFields() {
    const auto codec = static_cast<records::Compression>(m_compression->currentData().toInt());
    m_levelSet->setEnabled(codec != records::Compression::none);
    m_level->setEnabled(codec != records::Compression::none && m_levelSet->isChecked());
    m_chunkSize->setEnabled(m_balancer->currentData().toString() == QStringLiteral("round-robin"));
}

producer::WriterConfig ProducerSettingsForm::config() const {
    producer::WriterConfig c;
    c.batch_size = static_cast<std::size_t>(m_batchSize->value());
    c.batch_bytes = static_cast<std::size_t>(m_batchBytes->value());
    c.batch_timeout = milliseconds(m_batchTimeout->value());
    if (m_lingerSet->isChecked()) c.linger = milliseconds(m_linger->value());
    c.required_acks = static_cast<RequiredAcks>(m_acks->currentData().toInt());
    c.max_attempts = m_maxAttempts->value();
    c.write_backoff_min = milliseconds(m_backoffMin->value());
    c.write_backoff_max = milliseconds(m_backoffMax->value());
    c.write_timeout = milliseconds(m_writeTimeout->value());
    c.async = m_async->isChecked();
    c.compression = static_cast<records::Compression>(m_compression->currentData().toInt());
    if (m_levelSet->isChecked()) c.compression_level = m_level->value();
    c.balancer = m_balancer->currentData().toString().toStdString();
    c.round_robin_chunk_size = m_chunkSize->value();
    const int idempotent = m_idempotent->currentData().toInt();
    if (idempotent >= 0) c.idempotent = idempotent == 1;
    return c;
}

void ProducerSettingsForm::setConfig(const producer::WriterConfig& c) {
    apply(c);
    Q_EMIT changed();  // once, not per field
}

void ProducerSettingsForm::apply(const producer::WriterConfig& c) {
    const QSignalBlocker blocker(this);
    m_batchSize->setValue(static_cast<int>(c.batch_size));
    m_batchBytes->setValue(static_cast<int>(c.batch_bytes));
    m_batchTimeout->setValue(ms(c.batch_timeout));
    m_lingerSet->setChecked(c.linger.has_value());
    if (c.linger) m_linger->setValue(ms(*c.linger));
    m_acks->setCurrentIndex(m_acks->findData(static_cast<int>(c.required_acks)));
    m_maxAttempts->setValue(c.max_attempts);
    m_backoffMin->setValue(ms(c.write_backoff_min));
    m_backoffMax->setValue(ms(c.write_backoff_max));
    m_writeTimeout->setValue(ms(c.write_timeout));
    m_async->setChecked(c.async);
    m_compression->setCurrentIndex(m_compression->findData(static_cast<int>(c.compression)));
    m_levelSet->setChecked(c.compression_level.has_value());
    if (c.compression_level) m_level->setValue(*c.compression_level);
    m_chunkSize->setValue(c.round_robin_chunk_size);
    const QString balancer = c.balancer.empty() ? QStringLiteral("round-robin") : QString::fromStdString(c.balancer);
    m_balancer->setCurrentIndex(std::max(0, m_balancer->findData(balancer)));
    m_idempotent->setCurrentIndex(m_idempotent->findData(c.idempotent ? (*c.idempotent ? 1 : 0) : -1));
    updateLingerHint();
    updateDependentFields();
}

namespace {

// Keys under the form's group; the names match the widgets' object names.
const QString kKeys[] = {
    QStringLiteral("batchSize"),   QStringLiteral("batchBytes"),  QStringLiteral("batchTimeoutMs"),
    QStringLiteral("lingerMs"),    QStringLiteral("requiredAcks"), QStringLiteral("maxAttempts"),
    QStringLiteral("backoffMinMs"), QStringLiteral("backoffMaxMs"), QStringLiteral("writeTimeoutMs"),
    QStringLiteral("async"),       QStringLiteral("compression"), QStringLiteral("compressionLevel"),
    QStringLiteral("balancer"),    QStringLiteral("roundRobinChunkSize"), QStringLiteral("idempotent"),
};

}  // namespace

void ProducerSettingsForm::save(QSettings& settings, const QString& group) const {
    const producer::WriterConfig c = config();
    settings.beginGroup(group);
    settings.setValue(QStringLiteral("batchSize"), static_cast<qulonglong>(c.batch_size));
    settings.setValue(QStringLiteral("batchBytes"), static_cast<qulonglong>(c.batch_bytes));
    settings.setValue(QStringLiteral("batchTimeoutMs"), static_cast<qlonglong>(c.batch_timeout.count()));
    // Unset linger / level / idempotence are stored as "" so that "unset"
    // survives a restart instead of falling back to a number.
    settings.setValue(QStringLiteral("lingerMs"), c.linger ? QVariant(static_cast<qlonglong>(c.linger->count()))
                                                           : QVariant(QString()));
    settings.setValue(QStringLiteral("requiredAcks"), static_cast<int>(c.required_acks));
    settings.setValue(QStringLiteral("maxAttempts"), c.max_attempts);
    settings.setValue(QStringLiteral("backoffMinMs"), static_cast<qlonglong>(c.write_backoff_min.count()));
    settings.setValue(QStringLiteral("backoffMaxMs"), static_cast<qlonglong>(c.write_backoff_max.count()));
    settings.setValue(QStringLiteral("writeTimeoutMs"), static_cast<qlonglong>(c.write_timeout.count()));
    settings.setValue(QStringLiteral("async"), c.async);
    const auto codec = records::compression_name(c.compression);
    settings.setValue(QStringLiteral("compression"),
                      QString::fromUtf8(codec.data(), static_cast<qsizetype>(codec.size())));
    settings.setValue(QStringLiteral("compressionLevel"),
                      c.compression_level ? QVariant(*c.compression_level) : QVariant(QString()));
    settings.setValue(QStringLiteral("balancer"),
                      QString::fromStdString(c.balancer.empty() ? std::string("round-robin") : c.balancer));
    settings.setValue(QStringLiteral("roundRobinChunkSize"), c.round_robin_chunk_size);
    settings.setValue(QStringLiteral("idempotent"),
                      c.idempotent ? (*c.idempotent ? QStringLiteral("on") : QStringLiteral("off")) : QStringLiteral("auto"));
    settings.endGroup();
}

void ProducerSettingsForm::restore(QSettings& settings, const QString& group) {
    producer::WriterConfig c = config();
    settings.beginGroup(group);
    bool any = false;
    for (const QString& key : kKeys) any = any || settings.contains(key);
    // Each reader leaves the field alone when the key is missing or bad.
    const auto number = [&](const QString& key, qlonglong min, qlonglong max, auto apply) {
        if (!settings.contains(key)) return;
        bool ok = false;
        const qlonglong v = settings.value(key).toLongLong(&ok);
        if (ok && v >= min && v <= max) apply(v);
    };
    const auto optionalNumber = [&](const QString& key, qlonglong min, qlonglong max, auto apply) {
        if (!settings.contains(key)) return;
        const QString text = settings.value(key).toString();
        bool ok = false;
        const qlonglong v = text.toLongLong(&ok);
        if (text.isEmpty()) {
            apply(std::optional<qlonglong>());
        } else if (ok && v >= min && v <= max) {
            apply(std::optional<qlonglong>(v));
        }
    };
    constexpr qlonglong kMaxInt = std::numeric_limits<int>::max();
    number(QStringLiteral("batchSize"), 1, m_batchSize->maximum(), [&](qlonglong v) { c.batch_size = std::size_t(v); });
    number(QStringLiteral("batchBytes"), m_batchBytes->minimum(), kMaxInt,
           [&](qlonglong v) { c.batch_bytes = std::size_t(v); });
    number(QStringLiteral("batchTimeoutMs"), 0, kMaxInt, [&](qlonglong v) { c.batch_timeout = milliseconds(v); });
    optionalNumber(QStringLiteral("lingerMs"), 0, kMaxInt, [&](std::optional<qlonglong> v) {
        c.linger = v ? std::optional<milliseconds>(milliseconds(*v)) : std::nullopt;
    });
    number(QStringLiteral("requiredAcks"), -1, 1, [&](qlonglong v) { c.required_acks = static_cast<RequiredAcks>(v); });
    number(QStringLiteral("maxAttempts"), 1, m_maxAttempts->maximum(), [&](qlonglong v) { c.max_attempts = int(v); });
    number(QStringLiteral("backoffMinMs"), 0, kMaxInt, [&](qlonglong v) { c.write_backoff_min = milliseconds(v); });
    number(QStringLiteral("backoffMaxMs"), 0, kMaxInt, [&](qlonglong v) { c.write_backoff_max = milliseconds(v); });
    number(QStringLiteral("writeTimeoutMs"), 1, kMaxInt, [&](qlonglong v) { c.write_timeout = milliseconds(v); });
    if (settings.contains(QStringLiteral("async"))) c.async = settings.value(QStringLiteral("async")).toBool();
    if (settings.contains(QStringLiteral("compression"))) {
        const std::string name = settings.value(QStringLiteral("compression")).toString().toStdString();
        for (auto codec : {records::Compression::none, records::Compression::gzip, records::Compression::snappy,
                           records::Compression::lz4, records::Compression::zstd}) {
            if (records::compression_name(codec) == name) c.compression = codec;
        }
    }
    optionalNumber(QStringLiteral("compressionLevel"), m_level->minimum(), m_level->maximum(),
                   [&](std::optional<qlonglong> v) {
                       c.compression_level = v ? std::optional<int>(int(*v)) : std::nullopt;
                   });
    if (settings.contains(QStringLiteral("balancer"))) {
        const QString name = settings.value(QStringLiteral("balancer")).toString();
        if (m_balancer->findData(name) >= 0) c.balancer = name.toStdString();
    }
    number(QStringLiteral("roundRobinChunkSize"), 1, m_chunkSize->maximum(),
           [&](qlonglong v) { c.round_robin_chunk_size = int(v); });
    if (settings.contains(QStringLiteral("idempotent"))) {
        const QString v = settings.value(QStringLiteral("idempotent")).toString();
        if (v == QStringLiteral("on")) c.idempotent = true;
        else if (v == QStringLiteral("off")) c.idempotent = false;
        else if (v == QStringLiteral("auto")) c.idempotent.reset();
    }
    settings.endGroup();
    if (!any) return;
    setConfig(c);
}

void ProducerSettingsForm::resetToDefaults() { setConfig(producer::WriterConfig{}); }

}  // namespace kafkascope::ui

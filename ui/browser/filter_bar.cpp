#include "browser/filter_bar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace kafkascope::ui {

namespace {

constexpr QChar kSep(0x1F);  // unit separator inside a saved filter
constexpr int kOldParts = 4;  // text, regex, case, fields (before ranges existed)
constexpr int kParts = 9;     // + min/max offset, min/max time, partition

QString optionalText(const std::optional<std::int64_t>& v) { return v ? QString::number(*v) : QString(); }

// "" -> no bound; a number -> that bound; else false.
bool parseBound(const QString& text, std::optional<std::int64_t>& out) {
    out.reset();
    if (text.trimmed().isEmpty()) return true;
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    if (ok) out = v;
    return ok;
}

}  // namespace

FilterBar::FilterBar(QWidget* parent) : QWidget(parent) {
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(buildTextRow());
    column->addWidget(buildRangeRow());
}

QWidget* FilterBar::buildTextRow() {
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_text = new QLineEdit(bar);
    m_text->setObjectName(QStringLiteral("filterEdit"));
    m_text->setPlaceholderText(tr("Filter loaded messages"));
    m_text->setClearButtonEnabled(true);
    m_regex = new QCheckBox(tr("Regex"), bar);
    m_caseSensitive = new QCheckBox(tr("Case"), bar);
    m_caseSensitive->setChecked(true);
    m_fields = new QComboBox(bar);
    m_fields->addItem(tr("Key, value, headers"), browse::filter_key | browse::filter_value | browse::filter_headers);
    m_fields->addItem(tr("Value"), browse::filter_value);
    m_fields->addItem(tr("Key"), browse::filter_key);
    m_fields->addItem(tr("Headers"), browse::filter_headers);
    m_saved = new QComboBox(bar);
    m_saved->setToolTip(tr("Saved filters of this topic"));
    m_saved->setMinimumContentsLength(12);
    auto* save = new QPushButton(tr("Save filter"), bar);
    auto edited = [this] {
        if (!m_settingSpec) Q_EMIT changed();
    };
    connect(m_text, &QLineEdit::textChanged, this, edited);
    connect(m_regex, &QCheckBox::toggled, this, edited);
    connect(m_caseSensitive, &QCheckBox::toggled, this, edited);
    connect(m_fields, &QComboBox::currentIndexChanged, this, edited);
    connect(save, &QPushButton::clicked, this, [this] { Q_EMIT saveRequested(); });
    connect(m_saved, &QComboBox::activated, this, [this](int index) {
        const auto spec = decode(m_saved->itemData(index).toString());
        if (!spec) return;
        setSpec(*spec);
        Q_EMIT applyRequested();
    });
    row->addWidget(m_text, 2);
    row->addWidget(m_regex);
    row->addWidget(m_caseSensitive);
    row->addWidget(m_fields);
    row->addWidget(m_saved);
    row->addWidget(save);
    return bar;
}

QWidget* FilterBar::buildRangeRow() {
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    auto lineEdit = [&](const QString& name, const QString& placeholder) {
        auto* edit = new QLineEdit(bar);
        edit->setObjectName(name);
        edit->setPlaceholderText(placeholder);
        edit->setClearButtonEnabled(true);
        connect(edit, &QLineEdit::textChanged, this, [this] {
            if (!m_settingSpec) Q_EMIT changed();
        });
        return edit;
    };
    m_minOffset = lineEdit(QStringLiteral("filterMinOffset"), tr("min"));
    m_maxOffset = lineEdit(QStringLiteral("filterMaxOffset"), tr("max"));
    const QString timeHint = tr("ms or yyyy-MM-ddTHH:mm:ss");
    m_fromTime = lineEdit(QStringLiteral("filterFromTime"), timeHint);
    m_toTime = lineEdit(QStringLiteral("filterToTime"), timeHint);
    m_partition = new QSpinBox(bar);
    m_partition->setObjectName(QStringLiteral("filterPartition"));
    m_partition->setRange(-1, 1'000'000);
    m_partition->setSpecialValueText(tr("Any partition"));
    m_partition->setValue(-1);
    connect(m_partition, &QSpinBox::valueChanged, this, [this] {
        if (!m_settingSpec) Q_EMIT changed();
    });
    m_status = new QLabel(bar);
    m_status->setObjectName(QStringLiteral("filterStatus"));
    row->addWidget(new QLabel(tr("Offsets"), bar));
    row->addWidget(m_minOffset);
    row->addWidget(new QLabel(QStringLiteral("–"), bar));
    row->addWidget(m_maxOffset);
    row->addWidget(new QLabel(tr("Time"), bar));
    row->addWidget(m_fromTime, 1);
    row->addWidget(new QLabel(QStringLiteral("–"), bar));
    row->addWidget(m_toTime, 1);
    row->addWidget(m_partition);
    row->addWidget(m_status, 2);
    return bar;
}

std::optional<qint64> FilterBar::parseTime(const QString& input) {
    const QString text = input.trimmed();
    bool ok = false;
    const qint64 ms = text.toLongLong(&ok);
    if (ok) return ms;
    const QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (when.isValid()) return when.toMSecsSinceEpoch();
    return std::nullopt;
}

browse::FilterSpec FilterBar::spec(QString* error) const {
    browse::FilterSpec spec;
    spec.text = m_text->text().toStdString();
    spec.regex = m_regex->isChecked();
    spec.case_sensitive = m_caseSensitive->isChecked();
    spec.fields = m_fields->currentData().toUInt();
    QString why;
    if (!parseBound(m_minOffset->text(), spec.min_offset)) why = tr("'%1' is not an offset (min offset)").arg(m_minOffset->text());
    else if (!parseBound(m_maxOffset->text(), spec.max_offset)) why = tr("'%1' is not an offset (max offset)").arg(m_maxOffset->text());
    else if (spec.min_offset && spec.max_offset && *spec.min_offset > *spec.max_offset) {
        why = tr("the min offset %1 is above the max offset %2").arg(*spec.min_offset).arg(*spec.max_offset);
    }
    struct TimeField { QLineEdit* edit; std::optional<std::int64_t>* out; QString name; };
    for (const TimeField& f : {TimeField{m_fromTime, &spec.min_time, tr("from time")},
                               TimeField{m_toTime, &spec.max_time, tr("to time")}}) {
        if (!why.isEmpty() || f.edit->text().trimmed().isEmpty()) continue;
        const auto t = parseTime(f.edit->text());
        if (t) *f.out = *t;
        else why = tr("'%1' is not a time (%2): use ms since the epoch or yyyy-MM-ddTHH:mm:ss").arg(f.edit->text(), f.name);
    }
    if (why.isEmpty() && spec.min_time && spec.max_time && *spec.min_time > *spec.max_time) {
        why = tr("the from time is after the to time");
    }
    if (m_partition->value() >= 0) spec.partition = m_partition->value();
    if (error) *error = why;
    return spec;
}

void FilterBar::setSpec(const browse::FilterSpec& spec) {
    m_settingSpec = true;
    m_text->setText(QString::fromStdString(spec.text));
    m_regex->setChecked(spec.regex);
    m_caseSensitive->setChecked(spec.case_sensitive);
    m_fields->setCurrentIndex(std::max(0, m_fields->findData(spec.fields)));
    m_minOffset->setText(optionalText(spec.min_offset));
    m_maxOffset->setText(optionalText(spec.max_offset));
    m_fromTime->setText(optionalText(spec.min_time));
    m_toTime->setText(optionalText(spec.max_time));
    m_partition->setValue(spec.partition.value_or(-1));
    m_settingSpec = false;
}

void FilterBar::setStatusText(const QString& text) { m_status->setText(text); }

void FilterBar::setSavedEntries(const QStringList& entries) {
    m_saved->clear();
    for (const QString& entry : entries) {
        if (const auto spec = decode(entry)) m_saved->addItem(describe(*spec), entry);
    }
}

QString FilterBar::encode(const browse::FilterSpec& spec) {
    return QStringList{QString::fromStdString(spec.text), spec.regex ? QStringLiteral("1") : QStringLiteral("0"),
                       spec.case_sensitive ? QStringLiteral("1") : QStringLiteral("0"), QString::number(spec.fields),
                       optionalText(spec.min_offset), optionalText(spec.max_offset), optionalText(spec.min_time),
                       optionalText(spec.max_time),
                       spec.partition ? QString::number(*spec.partition) : QString()}
        .join(kSep);
}

std::optional<browse::FilterSpec> FilterBar::decode(const QString& entry) {
    const QStringList parts = entry.split(kSep);
    if (parts.size() != kOldParts && parts.size() != kParts) return std::nullopt;
    browse::FilterSpec spec;
    spec.text = parts[0].toStdString();
    spec.regex = parts[1] == QLatin1String("1");
    spec.case_sensitive = parts[2] == QLatin1String("1");
    bool ok = false;
    spec.fields = parts[3].toUInt(&ok);
    if (!ok) return std::nullopt;
    if (parts.size() == kParts) {
        std::optional<std::int64_t> partition;
        if (!parseBound(parts[4], spec.min_offset) || !parseBound(parts[5], spec.max_offset) ||
            !parseBound(parts[6], spec.min_time) || !parseBound(parts[7], spec.max_time) ||
            !parseBound(parts[8], partition)) {
            return std::nullopt;
        }
        if (partition) spec.partition = static_cast<std::int32_t>(*partition);
    }
    return spec;
}

QString FilterBar::describe(const browse::FilterSpec& spec) {
    QStringList out;
    if (!spec.text.empty()) out << QString::fromStdString(spec.text);
    auto range = [](const std::optional<std::int64_t>& lo, const std::optional<std::int64_t>& hi) {
        return (lo ? QString::number(*lo) : QString()) + QStringLiteral("–") + (hi ? QString::number(*hi) : QString());
    };
    if (spec.min_offset || spec.max_offset) out << tr("offsets %1").arg(range(spec.min_offset, spec.max_offset));
    if (spec.min_time || spec.max_time) out << tr("time %1").arg(range(spec.min_time, spec.max_time));
    if (spec.partition) out << tr("partition %1").arg(*spec.partition);
    return out.isEmpty() ? tr("(everything)") : out.join(QStringLiteral(", "));
}

}  // namespace kafkascope::ui

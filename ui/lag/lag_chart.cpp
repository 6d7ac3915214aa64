#include "lag/lag_chart.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <limits>

#include "lag/lag_chart_history.h"

namespace kafkascope::ui {

LagChart::LagChart(const LagChartHistory& history, QWidget* parent) : QWidget(parent), m_history(history) {
    m_modeBox = new QComboBox(this);
    m_modeBox->addItem(tr("total lag"), int(Mode::Total));
    m_modeBox->addItem(tr("lag per partition"), int(Mode::PerPartition));
    m_windowBox = new QComboBox(this);
    m_windowBox->addItem(tr("last 5 minutes"), 300);
    m_windowBox->addItem(tr("last 15 minutes"), 900);
    m_windowBox->addItem(tr("last hour"), 3600);
    m_windowBox->addItem(tr("all kept"), 0);
    m_note = new QLabel(this);
    m_note->setForegroundRole(QPalette::PlaceholderText);

    m_total = new QLineSeries;
    m_total->setName(tr("total lag"));
    auto* chart = new QChart;
    chart->addSeries(m_total);
    m_axisX = new QValueAxis;
    m_axisX->setTitleText(tr("seconds before the last poll"));
    m_axisX->setLabelFormat(QStringLiteral("%d"));
    m_axisY = new QValueAxis;
    m_axisY->setTitleText(tr("messages"));
    m_axisY->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(m_axisX, Qt::AlignBottom);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    m_total->attachAxis(m_axisX);
    m_total->attachAxis(m_axisY);
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->legend()->hide();
    m_view = new QChartView(chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show"), this));
    bar->addWidget(m_modeBox);
    bar->addWidget(new QLabel(tr("over"), this));
    bar->addWidget(m_windowBox);
    bar->addWidget(m_note, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_modeBox, &QComboBox::currentIndexChanged, this, &LagChart::redraw);
    connect(m_windowBox, &QComboBox::currentIndexChanged, this, &LagChart::redraw);
}

void LagChart::setGroup(const LagSnapshotPtr& snapshot, const QString& group) {
    m_snapshot = snapshot;
    m_group = group;
    redraw();
}

void LagChart::setMode(Mode mode) { m_modeBox->setCurrentIndex(m_modeBox->findData(int(mode))); }

LagChart::Mode LagChart::mode() const { return static_cast<Mode>(m_modeBox->currentData().toInt()); }

void LagChart::setWindowSeconds(int seconds) {
    const int index = m_windowBox->findData(seconds);
    if (index >= 0) m_windowBox->setCurrentIndex(index);
}

int LagChart::windowSeconds() const { return m_windowBox->currentData().toInt(); }

QString LagChart::note() const { return m_note->text(); }

void LagChart::redraw() {
    const monitor::GroupLag* group = nullptr;
    if (m_snapshot) {
        const std::string wanted = m_group.toStdString();
        for (const auto& g : m_snapshot->groups) {
            if (g.group_id == wanted) group = &g;
        }
    }
    const int seconds = windowSeconds();
    const double window = seconds > 0 ? seconds : std::numeric_limits<double>::infinity();
    double oldest = 0;
    double top = 1;
    m_note->clear();
    if (mode() == Mode::Total) {
        setPartitionLines({});
        m_total->setVisible(true);
        m_view->chart()->legend()->hide();
        drawTotal(group, window, oldest, top);
    } else {
        m_total->clear();
        m_total->setVisible(false);
        m_view->chart()->legend()->show();
        drawPartitions(group, window, oldest, top);
        // The legend names the partition lines only.
        for (QLegendMarker* marker : m_view->chart()->legend()->markers(m_total)) marker->setVisible(false);
    }
    // "All": from the oldest point kept (at least a minute) to now.
    m_axisX->setRange(seconds > 0 ? -seconds : std::min(oldest, -60.0), 0);
    m_axisY->setRange(0, top * 1.1);
    m_axisY->applyNiceNumbers();
}

void LagChart::drawTotal(const monitor::GroupLag* group, double window, double& oldest, double& top) {
    QList<QPointF> points;
    if (group) {
        for (const auto& [time, lag] : group->total_lag_history) {
            const double ago = static_cast<double>(m_snapshot->time_ms - time) / 1000.0;
            if (ago > window) continue;
            points.append(QPointF(-ago, static_cast<double>(lag)));
            oldest = std::min(oldest, -ago);
            top = std::max(top, static_cast<double>(lag));
        }
    }
    m_total->replace(points);
}

void LagChart::drawPartitions(const monitor::GroupLag* group, double window, double& oldest, double& top) {
    std::vector<const monitor::PartitionLag*> chosen;
    if (group) {
        for (const auto& p : group->partitions) chosen.push_back(&p);
    }
    const std::size_t all = chosen.size();
    if (chosen.size() > static_cast<std::size_t>(kMaxPartitionLines)) {
        std::stable_sort(chosen.begin(), chosen.end(), [](auto* a, auto* b) { return a->lag > b->lag; });
        chosen.resize(kMaxPartitionLines);
        m_note->setText(tr("the %1 of %2 partitions with the most lag").arg(kMaxPartitionLines).arg(all));
    }
    std::sort(chosen.begin(), chosen.end(), [](auto* a, auto* b) {
        return std::tie(a->topic, a->partition) < std::tie(b->topic, b->partition);
    });
    QStringList names;
    for (const auto* p : chosen) names << QStringLiteral("%1/%2").arg(QString::fromStdString(p->topic)).arg(p->partition);
    setPartitionLines(names);
    for (int i = 0; i < m_partitionLines.size(); ++i) {
        const monitor::PartitionLag* p = chosen[static_cast<std::size_t>(i)];
        QList<QPointF> points;
        if (const auto* kept = m_history.points(group->group_id, p->topic, p->partition)) {
            for (const auto& [time, lag] : *kept) {
                const double ago = static_cast<double>(m_snapshot->time_ms - time) / 1000.0;
                if (ago > window) continue;
                points.append(QPointF(-ago, static_cast<double>(lag)));
                oldest = std::min(oldest, -ago);
                top = std::max(top, static_cast<double>(lag));
            }
        }
        m_partitionLines[i]->replace(points);
    }
}

void LagChart::setPartitionLines(const QStringList& names) {
    bool same = names.size() == m_partitionLines.size();
    for (int i = 0; same && i < names.size(); ++i) same = m_partitionLines[i]->name() == names[i];
    if (same) return;
    QChart* chart = m_view->chart();
    for (QLineSeries* s : std::as_const(m_partitionLines)) {
        chart->removeSeries(s);
        delete s;
    }
    m_partitionLines.clear();
    for (const QString& name : names) {
        auto* s = new QLineSeries;
        s->setName(name);
        chart->addSeries(s);
        s->attachAxis(m_axisX);
        s->attachAxis(m_axisY);
        m_partitionLines.append(s);
    }
}

}  // namespace kafkascope::ui

#include "style/icons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <cmath>
#include <functional>
#include <numbers>

namespace kafkascope::ui::icons {
namespace {

// Draws `paint` on a 16x16 logical canvas at every size of the icon.
QIcon draw(const std::function<void(QPainter&)>& paint) {
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(size / 16.0, size / 16.0);
        paint(painter);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

const QColor kBrokerColor(0x3b, 0x6e, 0xa8);
const QColor kTopicColor(0x2f, 0x8f, 0x83);
const QColor kAccent(0xe0, 0xa1, 0x1b);

void serverBox(QPainter& p, QRectF box) {
    p.setPen(QPen(kBrokerColor.darker(130), 0.8));
    p.setBrush(kBrokerColor);
    p.drawRoundedRect(box, 1.5, 1.5);
    p.setPen(QPen(QColor(255, 255, 255, 200), 1.0));
    p.drawLine(QPointF(box.left() + 2.5, box.center().y()), QPointF(box.right() - 4.5, box.center().y()));
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x8c, 0xe0, 0x8a));
    p.drawEllipse(QPointF(box.right() - 2.3, box.center().y()), 1.0, 1.0);
}

void star(QPainter& p, QPointF centre, qreal radius) {
    QPainterPath path;
    for (int i = 0; i < 10; ++i) {
        const qreal r = (i % 2 == 0) ? radius : radius * 0.45;
        const qreal angle = -std::numbers::pi / 2 + i * std::numbers::pi / 5;
        const QPointF point(centre.x() + r * std::cos(angle), centre.y() + r * std::sin(angle));
        if (i == 0) path.moveTo(point); else path.lineTo(point);
    }
    path.closeSubpath();
    p.setPen(QPen(kAccent.darker(150), 0.6));
    p.setBrush(kAccent);
    p.drawPath(path);
}

void logBars(QPainter& p, const QColor& color, int bars) {
    const qreal height = 12.0 / bars;
    for (int i = 0; i < bars; ++i) {
        const QRectF bar(1.5, 2.0 + i * height, 13.0 - i * 2.5, height - 1.2);
        p.setPen(QPen(color.darker(130), 0.7));
        p.setBrush(color.lighter(100 + i * 18));
        p.drawRoundedRect(bar, 1.0, 1.0);
    }
}

}  // namespace

QIcon broker(bool controller) {
    static const QIcon plain = draw([](QPainter& p) {
        serverBox(p, QRectF(1.5, 2.0, 13.0, 5.5));
        serverBox(p, QRectF(1.5, 8.5, 13.0, 5.5));
    });
    static const QIcon crowned = draw([](QPainter& p) {
        serverBox(p, QRectF(1.5, 2.0, 13.0, 5.5));
        serverBox(p, QRectF(1.5, 8.5, 13.0, 5.5));
        star(p, QPointF(11.8, 4.2), 4.0);
    });
    return controller ? crowned : plain;
}

QIcon topic() {
    static const QIcon icon = draw([](QPainter& p) { logBars(p, kTopicColor, 3); });
    return icon;
}

QIcon partition() {
    static const QIcon icon = draw([](QPainter& p) {
        const QRectF bar(1.5, 5.0, 13.0, 6.0);
        p.setPen(QPen(kTopicColor.darker(140), 0.8));
        p.setBrush(kTopicColor.lighter(150));
        p.drawRoundedRect(bar, 1.0, 1.0);
        p.setPen(QPen(kTopicColor.darker(140), 0.7));
        for (qreal x = 4.5; x < 14.0; x += 3.0) p.drawLine(QPointF(x, 5.5), QPointF(x, 10.5));
    });
    return icon;
}

QIcon search() {
    static const QIcon icon = draw([](QPainter& p) {
        p.setPen(QPen(QColor(0x70, 0x78, 0x84), 1.6, Qt::SolidLine, Qt::RoundCap));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(6.5, 6.5), 4.2, 4.2);
        p.drawLine(QPointF(9.7, 9.7), QPointF(13.8, 13.8));
    });
    return icon;
}

QIcon application() {
    static const QIcon icon = draw([](QPainter& p) {
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0x23, 0x2f, 0x3e));
        p.drawRoundedRect(QRectF(0.5, 0.5, 15.0, 15.0), 3.0, 3.0);
        for (int i = 0; i < 3; ++i) {
            p.setBrush(kTopicColor.lighter(110 + i * 25));
            p.drawRoundedRect(QRectF(2.5, 3.0 + i * 3.2, 8.0 - i * 2.0, 2.2), 0.8, 0.8);
        }
        p.setPen(QPen(QColor(0xf2, 0xf2, 0xf2), 1.4));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(9.8, 9.4), 3.0, 3.0);
        p.drawLine(QPointF(12.0, 11.6), QPointF(14.2, 13.8));
    });
    return icon;
}

}  // namespace kafkascope::ui::icons

#pragma once
// Icons drawn with QPainter at 16 and 32 px, so the tool needs no image
// plugin (Debian's Qt has no SVG plugin by default) and no resource files.

#include <QIcon>

namespace kafkascope::ui::icons {

QIcon broker(bool controller = false);
QIcon topic();
QIcon partition();
QIcon search();
QIcon application();

}  // namespace kafkascope::ui::icons

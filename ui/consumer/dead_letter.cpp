#include "consumer/dead_letter.h"

#include <QObject>
#include <charconv>

namespace kafkascope::ui {

std::string deadLetterOriginValue(const consumer::Message& original) {
    return original.topic + "/" + std::to_string(original.partition) + "/" + std::to_string(original.offset);
}

std::optional<DeadLetterOrigin> parseDeadLetterOrigin(const std::string& value) {
    const auto last = value.rfind('/');
    if (last == std::string::npos || last == 0) return std::nullopt;
    const auto middle = value.rfind('/', last - 1);
    if (middle == std::string::npos || middle == 0) return std::nullopt;
    DeadLetterOrigin origin;
    origin.topic = value.substr(0, middle);
    const char* p0 = value.data() + middle + 1;
    const char* p1 = value.data() + last;
    auto [pe, pec] = std::from_chars(p0, p1, origin.partition);
    if (pec != std::errc() || pe != p1 || origin.partition < 0) return std::nullopt;
    const char* o0 = value.data() + last + 1;
    const char* o1 = value.data() + value.size();
    auto [oe, oec] = std::from_chars(o0, o1, origin.offset);
    if (oec != std::errc() || oe != o1 || origin.offset < 0) return std::nullopt;
    return origin;
}

producer::Message deadLetterMessage(const consumer::Message& original, const std::string& topic) {
    producer::Message m;
    m.topic = topic;
    m.key = original.key;
    m.value = original.value;
    m.headers = original.headers;
    const std::string origin = deadLetterOriginValue(original);
    records::RecordHeader header;
    header.key = kDeadLetterOriginHeader;
    header.value = records::Bytes(origin.begin(), origin.end());
    m.headers.push_back(std::move(header));
    return m;
}

QString topicNameProblem(const QString& topic) {
    if (topic.isEmpty()) return QObject::tr("no topic given");
    if (topic == QStringLiteral(".") || topic == QStringLiteral("..")) {
        return QObject::tr("\"%1\" is not a valid topic name").arg(topic);
    }
    if (topic.size() > 249) return QObject::tr("topic name longer than 249 characters");
    for (QChar c : topic) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                        (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                        (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.') ||
                        c == QLatin1Char('_') || c == QLatin1Char('-');
        if (!ok) {
            return QObject::tr("topic name \"%1\" contains '%2' (allowed: letters, digits, '.', '_', '-')")
                .arg(topic, QString(c));
        }
    }
    return {};
}

}  // namespace kafkascope::ui

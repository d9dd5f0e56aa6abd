#include "storage/topicstore.h"

#include "common/hexdigit.h"
#include "storage/configparse.h"
#include "storage/fileutil.h"

#include <cerrno>
#include <sys/stat.h>

namespace samsa::broker::topicstore {

namespace {

constexpr const char* Magic = "samsa-topics 1";

std::string escape(const std::string& text)
{
    std::string out;
    for (const char c : text) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string unescape(const std::string& text)
{
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            const char next = text[++i];
            out += next == 't' ? '\t' : next == 'n' ? '\n' : next;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::vector<std::string> splitTabs(const std::string& line)
{
    std::vector<std::string> fields;
    size_t start = 0;
    for (;;) {
        const size_t tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos)
            break;
        start = tab + 1;
    }
    return fields;
}

std::optional<TopicId> fromHex(const std::string& text)
{
    if (text.size() != 32)
        return std::nullopt;
    TopicId id{};
    for (size_t i = 0; i < 16; ++i) {
        const int high = hexDigit(text[i * 2]);
        const int low = hexDigit(text[i * 2 + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        id[i] = static_cast<uint8_t>(high * 16 + low);
    }
    return id;
}

} // namespace

std::string toHex(const TopicId& id)
{
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (const uint8_t byte : id) {
        out += digits[byte >> 4];
        out += digits[byte & 0xF];
    }
    return out;
}

bool save(const std::string& path, const std::vector<TopicDescription>& topics, std::string* error)
{
    std::string content = std::string(Magic) + "\n";
    for (const auto& topic : topics) {
        content += escape(topic.name) + "\t" + toHex(topic.id) + "\t" + std::to_string(topic.partitionCount) + "\t"
            + (topic.internal ? "1" : "0");
        for (const auto& [key, value] : topic.overrides) {
            // Appended piece by piece: `"\t" + std::string&&` trips a GCC 12 -Wrestrict false positive.
            content += '\t';
            content += escape(key);
            content += '=';
            content += escape(value);
        }
        content += "\n";
    }
    return fileutil::writeFileAtomically(path, content, error);
}

std::optional<std::vector<TopicDescription>> load(const std::string& path, std::string* error)
{
    const auto content = fileutil::readFile(path);
    if (!content) {
        struct stat info{};
        if (::stat(path.c_str(), &info) != 0 && errno == ENOENT)
            return std::vector<TopicDescription>{};
        if (error)
            *error = fileutil::errnoMessage("cannot read " + path);
        return std::nullopt;
    }
    std::vector<TopicDescription> topics;
    size_t start = 0;
    int lineNumber = 0;
    while (start < content->size()) {
        size_t end = content->find('\n', start);
        if (end == std::string::npos)
            end = content->size();
        const std::string line = content->substr(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (lineNumber == 1) {
            if (line != Magic) {
                if (error)
                    *error = path + " is not a samsa topics file";
                return std::nullopt;
            }
            continue;
        }
        if (line.empty())
            continue;
        const auto fields = splitTabs(line);
        TopicDescription topic;
        std::optional<TopicId> id;
        std::optional<int64_t> partitions;
        if (fields.size() >= 4) {
            id = fromHex(fields[1]);
            partitions = configparse::parseInteger(fields[2], 1, INT32_MAX);
        }
        if (!id || !partitions) {
            if (error)
                *error = path + ": damaged line " + std::to_string(lineNumber);
            return std::nullopt;
        }
        topic.name = unescape(fields[0]);
        topic.id = *id;
        topic.partitionCount = static_cast<int32_t>(*partitions);
        topic.internal = fields[3] == "1";
        for (size_t i = 4; i < fields.size(); ++i) {
            const auto equals = fields[i].find('=');
            if (equals == std::string::npos)
                continue;
            topic.overrides[unescape(fields[i].substr(0, equals))] = unescape(fields[i].substr(equals + 1));
        }
        topics.push_back(std::move(topic));
    }
    return topics;
}

} // namespace samsa::broker::topicstore

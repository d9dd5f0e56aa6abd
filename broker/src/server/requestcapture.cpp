#include "requestcapture.h"

#include "common/log.h"
#include "protocol/bytereader.h"

#include <cctype>
#include <cstdlib>
#include <fstream>

namespace samsa::broker {

RequestCapture& RequestCapture::instance()
{
    static RequestCapture capture;
    return capture;
}

RequestCapture::RequestCapture()
{
    if (const char* dir = std::getenv("SAMSA_BROKER_CAPTURE_DIR"))
        m_dir = dir;
}

void RequestCapture::capture(const std::vector<uint8_t>& frame)
{
    protocol::ByteReader in(frame);
    const int16_t apiKey = in.readInt16();
    const int16_t version = in.readInt16();
    in.readInt32(); // correlation id
    std::string client = in.readNullableString(false).value_or("null");
    if (!in.ok())
        return;
    for (char& c : client) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            c = '_';
    }
    std::lock_guard lock(m_mutex);
    if (!m_seen.insert({ client, apiKey, version }).second)
        return;
    const std::string path
        = m_dir + "/" + client + "-" + std::to_string(apiKey) + "-v" + std::to_string(version) + ".bin";
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(frame.data()), static_cast<std::streamsize>(frame.size()));
    if (!out)
        log(LogLevel::Warning, "could not capture a request into %s", path.c_str());
}

} // namespace samsa::broker

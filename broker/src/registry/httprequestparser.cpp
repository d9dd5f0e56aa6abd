#include "registry/httprequestparser.h"

#include "common/hexdigit.h"
#include "registry/httptext.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace samsa::broker::registry {

namespace {

// A chunk-size line is hex digits and perhaps extensions; Kafka clients send none. Longer is abuse.
constexpr size_t MaxChunkLine = 1024;

std::string lowerTrimmed(std::string_view text)
{
    return httptext::lower(httptext::trim(text));
}


std::vector<std::string> headerValues(const HttpRequest& request, std::string_view name)
{
    std::vector<std::string> values;
    for (const auto& [key, value] : request.headers) {
        if (key == name)
            values.push_back(value);
    }
    return values;
}

} // namespace

HttpRequestParser::HttpRequestParser(size_t maxHeaderBytes, size_t maxBodyBytes)
    : m_maxHeaderBytes(maxHeaderBytes)
    , m_maxBodyBytes(maxBodyBytes)
{
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest request = std::move(m_request);
    m_request = HttpRequest();
    m_phase = Phase::Head;
    m_head.clear();
    m_blankPrefix = 0;
    m_line.clear();
    m_remaining = 0;
    m_crlfSeen = 0;
    m_trailerBytes = 0;
    m_status = 400;
    return request;
}

void HttpRequestParser::fail(int status)
{
    m_status = status;
    m_phase = Phase::Failed;
}

HttpRequestParser::State HttpRequestParser::feed(std::string_view data, size_t* used)
{
    size_t position = 0;
    while (true) {
        if (m_phase == Phase::Done || m_phase == Phase::Failed) {
            *used = position;
            return m_phase == Phase::Done ? State::Complete : State::Error;
        }
        if (position == data.size()) {
            *used = position;
            return State::NeedMore;
        }
        switch (m_phase) {
        case Phase::Head:
            readHead(data, &position);
            break;
        case Phase::FixedBody:
            readBody(data, &position, Phase::Done);
            break;
        case Phase::ChunkSize:
            if (readLine(data, &position, MaxChunkLine))
                chunkSizeLine();
            break;
        case Phase::ChunkData:
            readBody(data, &position, Phase::ChunkDataEnd);
            break;
        case Phase::ChunkDataEnd:
            ++m_examined;
            if (data[position++] != "\r\n"[m_crlfSeen])
                fail(400);
            else if (++m_crlfSeen == 2)
                m_phase = Phase::ChunkSize;
            break;
        case Phase::Trailers:
            if (readLine(data, &position, m_maxHeaderBytes + 2))
                trailerLine();
            break;
        case Phase::Done:
        case Phase::Failed:
            break;
        }
    }
}

void HttpRequestParser::readHead(std::string_view data, size_t* position)
{
    if (m_head.empty()) {
        while (*position < data.size() && (data[*position] == '\r' || data[*position] == '\n')) {
            ++m_examined;
            ++*position;
            if (++m_blankPrefix > m_maxHeaderBytes)
                return fail(400);
        }
        if (*position == data.size())
            return;
    }
    // Append what can still belong to the head, look for its end from the last 3 bytes seen on,
    // and give back what follows it.
    // A head of maxHeaderBytes and its CRLFCRLF fit in maxHeaderBytes + 4 (m_head is shorter here).
    const size_t take = std::min(data.size() - *position, m_maxHeaderBytes + 4 - m_head.size());
    const size_t searchFrom = m_head.size() >= 3 ? m_head.size() - 3 : 0;
    const size_t before = m_head.size();
    m_head.append(data.substr(*position, take));
    const size_t end = m_head.find("\r\n\r\n", searchFrom);
    m_examined += m_head.size() - searchFrom;
    if (end == std::string::npos) {
        *position += take;
        if (m_head.size() >= m_maxHeaderBytes + 4)
            fail(431);
        return;
    }
    if (end > m_maxHeaderBytes)
        return fail(431);
    *position += end + 4 - before;
    m_head.resize(end);
    if (!parseRequestHead(m_head, &m_request, &m_status))
        return fail(m_status);
    m_head.clear();
    m_head.shrink_to_fit();
    if (startBody() && m_phase == Phase::FixedBody && m_remaining == 0)
        m_phase = Phase::Done;
}

// Chooses the framing of the body (RFC 9112, 6.3), refusing what two parties could read apart.
bool HttpRequestParser::startBody()
{
    const std::vector<std::string> lengths = headerValues(m_request, "content-length");
    const std::vector<std::string> encodings = headerValues(m_request, "transfer-encoding");
    if (!encodings.empty()) {
        if (!lengths.empty()) {
            fail(400); // both framings: request smuggling, or a broken client
            return false;
        }
        int chunked = 0;
        for (const std::string& header : encodings) {
            size_t start = 0;
            while (start <= header.size()) {
                const size_t comma = std::min(header.find(',', start), header.size());
                const std::string coding = lowerTrimmed(std::string_view(header).substr(start, comma - start));
                start = comma + 1;
                if (coding.empty())
                    continue;
                if (coding != "chunked") {
                    fail(501);
                    return false;
                }
                ++chunked;
            }
        }
        if (chunked != 1) {
            fail(400);
            return false;
        }
        m_phase = Phase::ChunkSize;
        return true;
    }
    if (lengths.size() > 1) {
        fail(400);
        return false;
    }
    size_t length = 0;
    if (lengths.size() == 1) {
        const std::string& text = lengths.front();
        if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
            fail(400); // also "5, 5": a list is as ambiguous as two headers
            return false;
        }
        for (const char c : text) {
            const size_t digit = size_t(c - '0');
            if (length > (m_maxBodyBytes - digit) / 10) {
                fail(413);
                return false;
            }
            length = length * 10 + digit;
        }
    }
    m_remaining = length;
    m_phase = Phase::FixedBody;
    return true;
}

void HttpRequestParser::readBody(std::string_view data, size_t* position, Phase next)
{
    const size_t take = std::min(m_remaining, data.size() - *position);
    m_request.body.append(data.substr(*position, take));
    m_examined += take;
    *position += take;
    m_remaining -= take;
    if (m_remaining == 0) {
        m_crlfSeen = 0;
        m_phase = next;
    }
}

bool HttpRequestParser::readLine(std::string_view data, size_t* position, size_t maxLine)
{
    const size_t limit = std::min(data.size(), *position + (maxLine + 1 - std::min(m_line.size(), maxLine + 1)));
    const size_t newline = data.substr(0, limit).find('\n', *position);
    const size_t end = newline == std::string_view::npos ? limit : newline + 1;
    m_line.append(data.substr(*position, end - *position));
    m_examined += end - *position;
    *position = end;
    if (newline != std::string_view::npos) {
        if (m_line.size() < 2 || m_line[m_line.size() - 2] != '\r') {
            fail(400); // a bare LF ends no line here
            return false;
        }
        return true;
    }
    if (m_line.size() > maxLine)
        fail(m_phase == Phase::Trailers ? 431 : 400);
    return false;
}

// chunk-size [ BWS ";" extensions ] CRLF, size in hex.
void HttpRequestParser::chunkSizeLine()
{
    const std::string_view line = std::string_view(m_line).substr(0, m_line.size() - 2);
    size_t i = 0;
    size_t size = 0;
    for (; i < line.size() && hexDigit(line[i]) >= 0; ++i) {
        if (size > (std::numeric_limits<size_t>::max() >> 4))
            return fail(400); // overflow: no real chunk is that large
        size = size * 16 + size_t(hexDigit(line[i]));
    }
    if (i == 0)
        return fail(400);
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
        ++i;
    if (i < line.size() && line[i] != ';')
        return fail(400);
    for (; i < line.size(); ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return fail(400);
    }
    m_line.clear();
    if (size > m_maxBodyBytes - m_request.body.size())
        return fail(413);
    m_remaining = size;
    m_phase = size == 0 ? Phase::Trailers : Phase::ChunkData;
}

// Trailer fields are read and dropped (nothing here needs them), up to the empty line.
void HttpRequestParser::trailerLine()
{
    m_trailerBytes += m_line.size();
    if (m_trailerBytes > m_maxHeaderBytes + 2)
        return fail(431);
    if (m_line.size() == 2) {
        m_phase = Phase::Done;
        return;
    }
    const size_t colon = m_line.find(':');
    if (colon == 0 || colon == std::string::npos || m_line.find_first_of(" \t") < colon)
        return fail(400);
    m_line.clear();
}

} // namespace samsa::broker::registry

#include "jsontext.h"

#include "utf8.h"

#include <cstring>
#include <vector>

namespace Samsa::JsonText {

namespace {

constexpr int MaxIndentLevels = 64;

class Normalizer {
public:
    Normalizer(QByteArrayView input, bool pretty)
        : m_begin(reinterpret_cast<const unsigned char*>(input.data()))
        , m_end(m_begin + input.size())
        , m_p(m_begin)
        , m_pretty(pretty)
    {
        m_out.reserve(input.size() + (pretty ? input.size() / 2 : 0));
    }

    Result run();

private:
    enum class Expect { Value, ValueOrEnd, KeyOrEnd, Key, Colon, CommaOrEnd };

    bool fail(const char* what)
    {
        m_error = QString::fromLatin1(what);
        m_errorOffset = m_p - m_begin;
        return false;
    }
    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }
    void newline(size_t depth)
    {
        if (!m_pretty)
            return;
        m_out.append('\n');
        m_out.append(qsizetype(std::min<size_t>(depth, MaxIndentLevels) * 2), ' ');
    }
    bool string();
    bool number();
    bool literal();
    bool scalar();

    const unsigned char* m_begin;
    const unsigned char* m_end;
    const unsigned char* m_p;
    bool m_pretty;
    QByteArray m_out;
    QString m_error;
    qsizetype m_errorOffset = -1;
};

bool isHex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isDigit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

bool Normalizer::string()
{
    const unsigned char* start = m_p++;
    while (m_p < m_end) {
        const unsigned char c = *m_p;
        if (c == '"') {
            ++m_p;
            m_out.append(reinterpret_cast<const char*>(start), m_p - start);
            return true;
        }
        if (c == '\\') {
            if (m_end - m_p < 2)
                break;
            const unsigned char escaped = m_p[1];
            if (escaped == 'u') {
                if (m_end - m_p < 6 || !isHex(m_p[2]) || !isHex(m_p[3]) || !isHex(m_p[4]) || !isHex(m_p[5]))
                    return fail("invalid \\u escape");
                m_p += 6;
                continue;
            }
            if (escaped != '"' && escaped != '\\' && escaped != '/' && escaped != 'b' && escaped != 'f'
                && escaped != 'n' && escaped != 'r' && escaped != 't')
                return fail("invalid escape in a string");
            m_p += 2;
            continue;
        }
        if (c < 0x20)
            return fail("control character in a string");
        if (c < 0x80) {
            ++m_p;
            continue;
        }
        const int length = Utf8::sequenceLength(m_p, m_end);
        if (length == 0)
            return fail("invalid UTF-8 in a string");
        m_p += length;
    }
    m_p = m_end;
    return fail("unterminated string");
}

bool Normalizer::number()
{
    const unsigned char* start = m_p;
    if (*m_p == '-')
        ++m_p;
    if (m_p >= m_end || !isDigit(*m_p))
        return fail("invalid number");
    if (*m_p == '0') {
        ++m_p;
    } else {
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    if (m_p < m_end && *m_p == '.') {
        ++m_p;
        if (m_p >= m_end || !isDigit(*m_p))
            return fail("invalid number: digits must follow the decimal point");
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
        ++m_p;
        if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
            ++m_p;
        if (m_p >= m_end || !isDigit(*m_p))
            return fail("invalid number: digits must follow the exponent");
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    m_out.append(reinterpret_cast<const char*>(start), m_p - start);
    return true;
}

bool Normalizer::literal()
{
    for (const char* word : { "true", "false", "null" }) {
        const size_t length = strlen(word);
        if (size_t(m_end - m_p) >= length && memcmp(m_p, word, length) == 0) {
            m_out.append(word, qsizetype(length));
            m_p += length;
            return true;
        }
    }
    return fail("unexpected character");
}

bool Normalizer::scalar()
{
    const unsigned char c = *m_p;
    if (c == '"')
        return string();
    if (c == '-' || isDigit(c))
        return number();
    return literal();
}

Result Normalizer::run()
{
    Result result;
    std::vector<char> stack; // '{' or '['
    Expect expect = Expect::Value;
    bool done = false;
    bool ok = true;
    while (ok && !done) {
        skipSpace();
        if (m_p >= m_end) {
            ok = fail(stack.empty() && expect == Expect::Value ? "no JSON value" : "unexpected end of data");
            break;
        }
        const unsigned char c = *m_p;
        bool valueEnded = false;
        switch (expect) {
        case Expect::ValueOrEnd:
        case Expect::KeyOrEnd:
            if (c == (expect == Expect::ValueOrEnd ? ']' : '}')) {
                m_out.append(char(c));
                ++m_p;
                stack.pop_back();
                valueEnded = true;
                break;
            }
            newline(stack.size());
            if (expect == Expect::KeyOrEnd) {
                expect = Expect::Key;
                continue;
            }
            [[fallthrough]];
        case Expect::Value:
            if (c == '{' || c == '[') {
                if (stack.empty())
                    result.isContainer = true;
                stack.push_back(char(c));
                m_out.append(char(c));
                ++m_p;
                expect = c == '{' ? Expect::KeyOrEnd : Expect::ValueOrEnd;
                break;
            }
            ok = scalar();
            valueEnded = true;
            break;
        case Expect::Key:
            if (c != '"') {
                ok = fail("expected a string as object key");
                break;
            }
            ok = string();
            expect = Expect::Colon;
            break;
        case Expect::Colon:
            if (c != ':') {
                ok = fail("expected ':' after an object key");
                break;
            }
            ++m_p;
            m_out.append(m_pretty ? QByteArrayView(": ") : QByteArrayView(":"));
            expect = Expect::Value;
            break;
        case Expect::CommaOrEnd:
            if (c == ',') {
                ++m_p;
                m_out.append(',');
                newline(stack.size());
                expect = stack.back() == '{' ? Expect::Key : Expect::Value;
            } else if (c == (stack.back() == '{' ? '}' : ']')) {
                newline(stack.size() - 1);
                m_out.append(char(c));
                ++m_p;
                stack.pop_back();
                valueEnded = true;
            } else {
                ok = fail(stack.back() == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
            }
            break;
        }
        if (ok && valueEnded) {
            if (stack.empty())
                done = true;
            else
                expect = Expect::CommaOrEnd;
        }
    }
    if (ok) {
        skipSpace();
        if (m_p < m_end)
            ok = fail("unexpected data after the JSON value");
    }
    if (!ok) {
        result.error = QStringLiteral("%1 at byte %2").arg(m_error).arg(m_errorOffset);
        result.errorOffset = m_errorOffset;
        return result;
    }
    result.ok = true;
    result.json = std::move(m_out);
    return result;
}

} // namespace

Result normalize(QByteArrayView input, bool pretty)
{
    return Normalizer(input, pretty).run();
}

} // namespace Samsa::JsonText

#include "jaasconfig.h"

#include <QRegularExpression>

namespace Samsa {

namespace {

class JaasTokenizer {
public:
    explicit JaasTokenizer(const QString& text)
        : m_text(text)
    {
    }

    void skipSpaces()
    {
        while (m_position < m_text.size() && m_text.at(m_position).isSpace())
            ++m_position;
    }
    bool atEnd()
    {
        skipSpaces();
        return m_position >= m_text.size();
    }
    bool take(QChar c)
    {
        skipSpaces();
        if (m_position < m_text.size() && m_text.at(m_position) == c) {
            ++m_position;
            return true;
        }
        return false;
    }
    // A bare word: letters, digits and the punctuation of class names.
    QString word()
    {
        skipSpaces();
        const qsizetype start = m_position;
        while (m_position < m_text.size()) {
            const QChar c = m_text.at(m_position);
            if (!(c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('$')
                    || c == QLatin1Char('-')))
                break;
            ++m_position;
        }
        return m_text.mid(start, m_position - start);
    }
    // A double-quoted string with backslash escapes, or a bare word; false when a quote is unterminated.
    bool value(QString* out)
    {
        skipSpaces();
        if (m_position >= m_text.size())
            return false;
        if (m_text.at(m_position) != QLatin1Char('"')) {
            *out = word();
            return !out->isEmpty();
        }
        ++m_position;
        QString result;
        while (m_position < m_text.size()) {
            const QChar c = m_text.at(m_position++);
            if (c == QLatin1Char('"')) {
                *out = result;
                return true;
            }
            if (c == QLatin1Char('\\') && m_position < m_text.size())
                result.append(m_text.at(m_position++));
            else
                result.append(c);
        }
        return false;
    }

private:
    const QString& m_text;
    qsizetype m_position = 0;
};

} // namespace

JaasConfig parseJaasConfig(const QString& text)
{
    JaasConfig config;
    JaasTokenizer tokens(text);
    config.loginModule = tokens.word();
    if (config.loginModule.isEmpty()) {
        config.error = QStringLiteral("it does not start with a login module class name");
        return config;
    }
    config.controlFlag = tokens.word().toLower();
    static const QRegularExpression flags(QStringLiteral("^(required|requisite|sufficient|optional)$"));
    if (!flags.match(config.controlFlag).hasMatch()) {
        config.error
            = QStringLiteral("expected 'required', 'requisite', 'sufficient' or 'optional' after the login module");
        return config;
    }
    while (!tokens.atEnd()) {
        if (tokens.take(QLatin1Char(';'))) {
            if (!tokens.atEnd())
                config.error = QStringLiteral("only one login module entry is supported");
            return config;
        }
        const QString name = tokens.word();
        if (name.isEmpty()) {
            config.error = QStringLiteral("expected an option name such as username=\"...\"");
            return config;
        }
        if (!tokens.take(QLatin1Char('='))) {
            config.error = QStringLiteral("option '%1' has no '=' and value").arg(name);
            return config;
        }
        QString value;
        if (!tokens.value(&value)) {
            config.error = QStringLiteral("the value of option '%1' is missing or its quote is not closed").arg(name);
            return config;
        }
        config.options.insert(name, value);
    }
    config.error = QStringLiteral("the entry does not end with ';'");
    return config;
}

} // namespace Samsa

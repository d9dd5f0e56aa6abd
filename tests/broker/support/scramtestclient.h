#pragma once

// A SCRAM client after RFC 5802 section 3 for tests, on Qt's own HMAC and hashes (with PBKDF2
// written out here): an implementation independent of the broker's OpenSSL calls. Header only.

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>
#include <QMessageAuthenticationCode>

namespace Samsa::Test {

// Hi() of RFC 5802: PBKDF2 with one block as long as the hash.
inline QByteArray scramPbkdf2(
    QCryptographicHash::Algorithm algorithm, const QByteArray& password, const QByteArray& salt, int iterations)
{
    QByteArray block = QMessageAuthenticationCode::hash(salt + QByteArray("\0\0\0\1", 4), password, algorithm);
    QByteArray result = block;
    for (int i = 1; i < iterations; ++i) {
        block = QMessageAuthenticationCode::hash(block, password, algorithm);
        for (int j = 0; j < result.size(); ++j)
            result[j] = char(result[j] ^ block[j]);
    }
    return result;
}

struct ScramTestClient {
    ScramTestClient(QCryptographicHash::Algorithm a, QByteArray u, QByteArray p)
        : algorithm(a)
        , user(std::move(u))
        , password(std::move(p))
    {
    }

    QCryptographicHash::Algorithm algorithm;
    QByteArray user; // as sent: ',' and '=' already escaped
    QByteArray password;
    QByteArray nonce = "fyko+d2lbbFgONRv9qkxdawL";
    QByteArray gs2Header = "n,,";
    QByteArray expectedServerFinal; // set by finalMessage()

    QByteArray firstBare() const { return "n=" + user + ",r=" + nonce; }
    QByteArray firstMessage() const { return gs2Header + firstBare(); }

    // The client-final for this server-first; replyNonce overrides the r= sent back, binding the c=.
    QByteArray finalMessage(const QByteArray& serverFirst, QByteArray replyNonce = {}, QByteArray binding = {})
    {
        QByteArray serverNonce;
        QByteArray salt;
        int iterations = 0;
        for (const QByteArray& attribute : serverFirst.split(',')) {
            if (attribute.startsWith("r="))
                serverNonce = attribute.mid(2);
            else if (attribute.startsWith("s="))
                salt = QByteArray::fromBase64(attribute.mid(2));
            else if (attribute.startsWith("i="))
                iterations = attribute.mid(2).toInt();
        }
        const QByteArray salted = scramPbkdf2(algorithm, password, salt, iterations);
        const QByteArray clientKey = QMessageAuthenticationCode::hash("Client Key", salted, algorithm);
        const QByteArray storedKey = QCryptographicHash::hash(clientKey, algorithm);
        const QByteArray withoutProof = "c=" + (binding.isNull() ? gs2Header : binding).toBase64()
            + ",r=" + (replyNonce.isNull() ? serverNonce : replyNonce);
        const QByteArray authMessage = firstBare() + ',' + serverFirst + ',' + withoutProof;
        const QByteArray signature = QMessageAuthenticationCode::hash(authMessage, storedKey, algorithm);
        QByteArray proof = clientKey;
        for (int i = 0; i < proof.size(); ++i)
            proof[i] = char(proof[i] ^ signature[i]);
        const QByteArray serverKey = QMessageAuthenticationCode::hash("Server Key", salted, algorithm);
        expectedServerFinal = "v=" + QMessageAuthenticationCode::hash(authMessage, serverKey, algorithm).toBase64();
        return withoutProof + ",p=" + proof.toBase64();
    }
};

} // namespace Samsa::Test

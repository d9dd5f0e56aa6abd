// SCRAM-SHA-256 and SCRAM-SHA-512 on the server side (security/scram*): the RFC 7677 test vector
// byte for byte, round trips against a client written here with Qt's own PBKDF2 and HMAC (an
// implementation independent of the broker's OpenSSL calls: scramtestclient.h), wrong proofs and unknown users
// failing alike, and malformed, lying or oversized messages refused cleanly. Also the strict
// base64 the messages use.

#include "common/base64.h"
#include "scramtestclient.h"
#include "security/scramcredentials.h"
#include "security/scramexchange.h"
#include "security/scrammessages.h"
#include "testmain.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QtTest>

#include <map>

using namespace samsa::broker;
using namespace samsa::broker::security;
using Outcome = ScramExchange::Outcome;

Q_DECLARE_METATYPE(ScramMechanism)

namespace {

std::string str(const QByteArray& bytes)
{
    return bytes.toStdString();
}

QByteArray bytes(const std::string& text)
{
    return QByteArray::fromStdString(text);
}

QCryptographicHash::Algorithm algorithmOf(ScramMechanism mechanism)
{
    return mechanism == ScramMechanism::Sha256 ? QCryptographicHash::Sha256 : QCryptographicHash::Sha512;
}

struct TestClient : Samsa::Test::ScramTestClient {
    TestClient(ScramMechanism mechanism, QByteArray user, QByteArray password)
        : ScramTestClient(algorithmOf(mechanism), std::move(user), std::move(password))
    {
    }
};

// Users known to the exchanges of these tests, with credentials made by the broker's code.
struct Users {
    std::map<std::string, std::string> passwords { { "alice", "alice-secret" }, { "a,b=c", "odd name" },
        { "user", "pencil" } };
    std::vector<std::string> lookedUp;

    ScramExchange::CredentialLookup lookup(ScramMechanism mechanism)
    {
        return [this, mechanism](const std::string& user) -> std::optional<ScramCredential> {
            lookedUp.push_back(user);
            const auto it = passwords.find(user);
            if (it == passwords.end())
                return std::nullopt;
            return newScramCredential(mechanism, it->second);
        };
    }
};

} // namespace

class TestScram : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void base64RoundTrip();
    void base64RefusesWhatIsNotCanonical_data();
    void base64RefusesWhatIsNotCanonical();
    void rfc7677TestVector();
    void roundTrip_data();
    void roundTrip();
    void escapedUserNameIsDecoded();
    void wrongPasswordFailsWithInvalidProof_data();
    void wrongPasswordFailsWithInvalidProof();
    void unknownUserFailsOnlyAtTheProof();
    void authorizationIdMustBeTheUser();
    void badClientFirst_data();
    void badClientFirst();
    void badClientFinal_data();
    void badClientFinal();
    void librdkafkaRepeatedClientNonceIsAccepted();
    void nothingAfterTheEnd();
    void credentialsAsKafkaStoresThem();
};

void TestScram::base64RoundTrip()
{
    for (int length = 0; length < 70; ++length) {
        QByteArray data;
        for (int i = 0; i < length; ++i)
            data += char((i * 37 + length) & 0xff);
        const std::string encoded = encodeBase64(str(data));
        QCOMPARE(bytes(encoded), data.toBase64());
        const auto decoded = decodeBase64(encoded);
        QVERIFY(decoded);
        QCOMPARE(bytes(*decoded), data);
    }
}

void TestScram::base64RefusesWhatIsNotCanonical_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addRow("length not a multiple of 4") << QByteArray("abc");
    QTest::addRow("missing padding") << QByteArray("YQ");
    QTest::addRow("padding inside") << QByteArray("YQ==YQ==");
    QTest::addRow("three padding characters") << QByteArray("Y===");
    QTest::addRow("character outside the alphabet") << QByteArray("YW!j");
    QTest::addRow("url-safe alphabet") << QByteArray("-_-_");
    QTest::addRow("space") << QByteArray("YW j");
    QTest::addRow("bits left in the padding") << QByteArray("YR==");
    QTest::addRow("bits left before one pad") << QByteArray("YWJ=");
}

void TestScram::base64RefusesWhatIsNotCanonical()
{
    QFETCH(QByteArray, text);
    QVERIFY(!decodeBase64(str(text)));
}

// RFC 7677 section 3, with its salt, nonces and proof: the server's answers must be these bytes.
void TestScram::rfc7677TestVector()
{
    const std::string salt = *decodeBase64("W22ZaJ0SNY7soEsUEjb6gQ==");
    const ScramCredential credential = deriveScramCredential(ScramMechanism::Sha256, "pencil", salt, 4096);
    std::vector<std::string> lookedUp;
    ScramExchange exchange(
        ScramMechanism::Sha256,
        [&](const std::string& user) {
            lookedUp.push_back(user);
            return std::optional(credential);
        },
        "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");

    const auto first = exchange.next("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
    QCOMPARE(first.outcome, Outcome::Continue);
    QCOMPARE(bytes(first.response),
        QByteArray("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
    QCOMPARE(lookedUp, std::vector<std::string> { "user" });

    const auto final = exchange.next("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                                     "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
    QCOMPARE(final.outcome, Outcome::Succeeded);
    QCOMPARE(bytes(final.response), QByteArray("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
    QCOMPARE(exchange.user(), std::string("user"));
}

void TestScram::roundTrip_data()
{
    QTest::addColumn<ScramMechanism>("mechanism");
    QTest::addRow("SCRAM-SHA-256") << ScramMechanism::Sha256;
    QTest::addRow("SCRAM-SHA-512") << ScramMechanism::Sha512;
}

void TestScram::roundTrip()
{
    QFETCH(ScramMechanism, mechanism);
    Users users;
    ScramExchange exchange(mechanism, users.lookup(mechanism));
    TestClient client { mechanism, "alice", "alice-secret" };
    const auto first = exchange.next(str(client.firstMessage()));
    QCOMPARE(first.outcome, Outcome::Continue);
    // The nonce is the client's plus a random part of the server's.
    QVERIFY(bytes(first.response).startsWith(QByteArray("r=" + client.nonce)));
    QVERIFY(bytes(first.response).indexOf(',') > 2 + client.nonce.size() + 16);
    QVERIFY(bytes(first.response).endsWith(",i=4096"));
    const auto final = exchange.next(str(client.finalMessage(bytes(first.response))));
    QCOMPARE(final.outcome, Outcome::Succeeded);
    QCOMPARE(bytes(final.response), client.expectedServerFinal);
    QCOMPARE(exchange.user(), std::string("alice"));
    QCOMPARE(exchange.mechanism(), mechanism);
    QCOMPARE(QByteArray(scramMechanismName(mechanism)),
        QByteArray(mechanism == ScramMechanism::Sha256 ? "SCRAM-SHA-256" : "SCRAM-SHA-512"));
    QCOMPARE(scramMechanismFromName(scramMechanismName(mechanism)), std::optional(mechanism));

    // Another exchange gets another server nonce.
    ScramExchange second(mechanism, users.lookup(mechanism));
    QVERIFY(second.next(str(client.firstMessage())).response != first.response);
}

void TestScram::escapedUserNameIsDecoded()
{
    Users users;
    ScramExchange exchange(ScramMechanism::Sha256, users.lookup(ScramMechanism::Sha256));
    TestClient client { ScramMechanism::Sha256, bytes(encodeSaslName("a,b=c")), "odd name" };
    QCOMPARE(client.user, QByteArray("a=2Cb=3Dc"));
    const auto first = exchange.next(str(client.firstMessage()));
    QCOMPARE(first.outcome, Outcome::Continue);
    QCOMPARE(users.lookedUp, std::vector<std::string> { "a,b=c" });
    QCOMPARE(exchange.next(str(client.finalMessage(bytes(first.response)))).outcome, Outcome::Succeeded);
    QCOMPARE(exchange.user(), std::string("a,b=c"));
}

void TestScram::wrongPasswordFailsWithInvalidProof_data()
{
    roundTrip_data();
}

void TestScram::wrongPasswordFailsWithInvalidProof()
{
    QFETCH(ScramMechanism, mechanism);
    Users users;
    ScramExchange exchange(mechanism, users.lookup(mechanism));
    TestClient client { mechanism, "alice", "alice-secreT" };
    const auto first = exchange.next(str(client.firstMessage()));
    QCOMPARE(first.outcome, Outcome::Continue);
    const auto final = exchange.next(str(client.finalMessage(bytes(first.response))));
    QCOMPARE(final.outcome, Outcome::Failed);
    QCOMPARE(bytes(final.response), QByteArray("e=invalid-proof"));
    QCOMPARE(bytes(final.error), QByteArray("Authentication failed: Invalid user credentials"));
    QVERIFY(exchange.user().empty());
}

// An unknown name gets a server-first like any other (a salt that stays the same for that name)
// and fails at the proof exactly as a wrong password does.
void TestScram::unknownUserFailsOnlyAtTheProof()
{
    Users users;
    TestClient client { ScramMechanism::Sha512, "mallory", "anything" };
    QByteArray salts[2];
    for (QByteArray& salt : salts) {
        ScramExchange exchange(ScramMechanism::Sha512, users.lookup(ScramMechanism::Sha512));
        const auto first = exchange.next(str(client.firstMessage()));
        QCOMPARE(first.outcome, Outcome::Continue);
        const QList<QByteArray> attributes = bytes(first.response).split(',');
        QCOMPARE(attributes.size(), 3);
        salt = attributes[1];
        QVERIFY(salt.size() > 20);
        QCOMPARE(attributes[2], QByteArray("i=4096"));
        const auto final = exchange.next(str(client.finalMessage(bytes(first.response))));
        QCOMPARE(final.outcome, Outcome::Failed);
        QCOMPARE(bytes(final.response), QByteArray("e=invalid-proof"));
        QCOMPARE(bytes(final.error), QByteArray("Authentication failed: Invalid user credentials"));
    }
    QCOMPARE(salts[0], salts[1]);
    // ...and another unknown name another salt.
    ScramExchange other(ScramMechanism::Sha512, users.lookup(ScramMechanism::Sha512));
    TestClient trudy { ScramMechanism::Sha512, "trudy", "x" };
    QVERIFY(!bytes(other.next(str(trudy.firstMessage())).response).contains(salts[0]));
}

void TestScram::authorizationIdMustBeTheUser()
{
    Users users;
    {
        ScramExchange exchange(ScramMechanism::Sha256, users.lookup(ScramMechanism::Sha256));
        TestClient client { ScramMechanism::Sha256, "alice", "alice-secret" };
        client.gs2Header = "n,a=alice,";
        const auto first = exchange.next(str(client.firstMessage()));
        QCOMPARE(first.outcome, Outcome::Continue);
        // The channel binding repeats that header, authzid and all.
        QCOMPARE(exchange.next(str(client.finalMessage(bytes(first.response)))).outcome, Outcome::Succeeded);
    }
    ScramExchange exchange(ScramMechanism::Sha256, users.lookup(ScramMechanism::Sha256));
    const auto step = exchange.next("n,a=admin,n=alice,r=abcdef");
    QCOMPARE(step.outcome, Outcome::Failed);
    QVERIFY2(bytes(step.error).contains("authorization id"), step.error.c_str());
    QVERIFY(step.response.empty());
}

void TestScram::badClientFirst_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("reason");
    QTest::addRow("empty") << QByteArray() << QByteArray("empty message");
    QTest::addRow("no gs2 header") << QByteArray("n=user,r=abc") << QByteArray("GS2");
    QTest::addRow("channel binding asked for")
        << QByteArray("p=tls-unique,,n=user,r=abc") << QByteArray("channel binding is not supported");
    QTest::addRow("unknown cbind flag") << QByteArray("x,,n=user,r=abc") << QByteArray("channel binding flag");
    QTest::addRow("authzid without a=") << QByteArray("n,user,n=user,r=abc") << QByteArray("authorization id");
    QTest::addRow("mandatory extension") << QByteArray("n,,m=foo,n=user,r=abc") << QByteArray("mandatory");
    QTest::addRow("attributes swapped") << QByteArray("n,,r=abc,n=user") << QByteArray("no user name");
    QTest::addRow("empty user") << QByteArray("n,,n=,r=abc") << QByteArray("invalid user name");
    QTest::addRow("bare equals in user") << QByteArray("n,,n=us=er,r=abc") << QByteArray("invalid user name");
    QTest::addRow("unknown escape in user") << QByteArray("n,,n=us=2Der,r=abc") << QByteArray("invalid user name");
    QTest::addRow("truncated escape") << QByteArray("n,,n=user=2,r=abc") << QByteArray("invalid user name");
    QTest::addRow("no nonce") << QByteArray("n,,n=user") << QByteArray("nonce");
    QTest::addRow("empty nonce") << QByteArray("n,,n=user,r=") << QByteArray("nonce");
    QTest::addRow("control character in nonce") << QByteArray("n,,n=user,r=ab\x01"
                                                              "c")
                                                << QByteArray("nonce");
    QTest::addRow("space in nonce") << QByteArray("n,,n=user,r=ab c") << QByteArray("nonce");
    QTest::addRow("delegation token") << QByteArray("n,,n=user,r=abc,tokenauth=true") << QByteArray("tokenauth");
    QTest::addRow("other extension") << QByteArray("n,,n=user,r=abc,x=1") << QByteArray("extension");
    QTest::addRow("NUL byte") << QByteArray("n,,n=us\0er,r=abc", 16) << QByteArray("NUL");
    QTest::addRow("huge") << QByteArray("n,,n=user,r=" + QByteArray(100000, 'x')) << QByteArray("longer than");
}

void TestScram::badClientFirst()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, reason);
    Users users;
    ScramExchange exchange(ScramMechanism::Sha256, users.lookup(ScramMechanism::Sha256));
    const auto step = exchange.next(std::string_view(message.constData(), size_t(message.size())));
    QCOMPARE(step.outcome, Outcome::Failed);
    QVERIFY2(bytes(step.error).startsWith("Authentication failed: "), step.error.c_str());
    QVERIFY2(bytes(step.error).contains(reason), step.error.c_str());
    QVERIFY(step.response.empty());
    QVERIFY(users.lookedUp.empty());
    // The exchange is over: even a good message fails now.
    QCOMPARE(exchange.next("n,,n=alice,r=abc").outcome, Outcome::Failed);
}

void TestScram::badClientFinal_data()
{
    QTest::addColumn<QByteArray>("message"); // with NONCE for the full nonce and PROOF for a valid proof
    QTest::addColumn<QByteArray>("reason");
    QTest::addRow("empty") << QByteArray() << QByteArray("empty message");
    QTest::addRow("no proof") << QByteArray("c=biws,r=NONCE") << QByteArray("needs c=, r= and p=");
    QTest::addRow("proof not base64") << QByteArray("c=biws,r=NONCE,p=!!!!") << QByteArray("client proof");
    QTest::addRow("proof badly padded") << QByteArray("c=biws,r=NONCE,p=YQ") << QByteArray("client proof");
    QTest::addRow("empty proof") << QByteArray("c=biws,r=NONCE,p=") << QByteArray("client proof");
    QTest::addRow("proof too short") << QByteArray("c=biws,r=NONCE,p=YWJj") << QByteArray("Invalid user credentials");
    QTest::addRow("proof too long") << QByteArray("c=biws,r=NONCE,p=" + QByteArray(64, 'a').toBase64())
                                    << QByteArray("Invalid user credentials");
    QTest::addRow("binding not base64") << QByteArray("c=b!ws,r=NONCE,p=PROOF") << QByteArray("channel binding");
    QTest::addRow("binding lies about the header")
        << QByteArray("c=" + QByteArray("y,,").toBase64() + ",r=NONCE,p=PROOF") << QByteArray("GS2 header");
    QTest::addRow("binding with cbind data")
        << QByteArray("c=" + QByteArray("p=tls-unique,,xyz").toBase64() + ",r=NONCE,p=PROOF")
        << QByteArray("GS2 header");
    QTest::addRow("other nonce") << QByteArray("c=biws,r=NONCEx,p=PROOF") << QByteArray("nonce");
    QTest::addRow("client nonce only") << QByteArray("c=biws,r=fyko+d2lbbFgONRv9qkxdawL,p=PROOF")
                                       << QByteArray("nonce");
    QTest::addRow("other prefix") << QByteArray("c=biws,r=xxNONCE,p=PROOF") << QByteArray("nonce");
    QTest::addRow("attributes swapped") << QByteArray("r=NONCE,c=biws,p=PROOF") << QByteArray("channel binding");
    QTest::addRow("extension") << QByteArray("c=biws,r=NONCE,x=1,p=PROOF") << QByteArray("extension");
    QTest::addRow("huge") << QByteArray("c=biws,r=NONCE,p=" + QByteArray(9000, 'A')) << QByteArray("longer than");
}

void TestScram::badClientFinal()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, reason);
    Users users;
    ScramExchange exchange(ScramMechanism::Sha256, users.lookup(ScramMechanism::Sha256));
    TestClient client { ScramMechanism::Sha256, "alice", "alice-secret" };
    const auto first = exchange.next(str(client.firstMessage()));
    QCOMPARE(first.outcome, Outcome::Continue);
    const QByteArray good = client.finalMessage(bytes(first.response));
    const QByteArray nonce = bytes(first.response).split(',')[0].mid(2);
    const QByteArray proof = good.mid(good.indexOf(",p=") + 3);
    message.replace("NONCE", nonce).replace("PROOF", proof);
    const auto step = exchange.next(str(message));
    QCOMPARE(step.outcome, Outcome::Failed);
    QVERIFY2(bytes(step.error).contains(reason), step.error.c_str());
    QVERIFY(exchange.user().empty());
    QCOMPARE(exchange.next(str(good)).outcome, Outcome::Failed);
}

// librdkafka before 2.7 (Debian 12's 2.0.2) sends back its own nonce followed by the whole nonce of
// the server-first; Kafka accepts that, and so must we, or kcat cannot log in with SCRAM.
void TestScram::librdkafkaRepeatedClientNonceIsAccepted()
{
    Users users;
    ScramExchange exchange(ScramMechanism::Sha512, users.lookup(ScramMechanism::Sha512));
    TestClient client { ScramMechanism::Sha512, "alice", "alice-secret" };
    const auto first = exchange.next(str(client.firstMessage()));
    const QByteArray nonce = bytes(first.response).split(',')[0].mid(2);
    const auto final = exchange.next(str(client.finalMessage(bytes(first.response), client.nonce + nonce)));
    QCOMPARE(final.outcome, Outcome::Succeeded);
    QCOMPARE(bytes(final.response), client.expectedServerFinal);
}

void TestScram::nothingAfterTheEnd()
{
    Users users;
    ScramExchange exchange(ScramMechanism::Sha256, users.lookup(ScramMechanism::Sha256));
    TestClient client { ScramMechanism::Sha256, "alice", "alice-secret" };
    const auto first = exchange.next(str(client.firstMessage()));
    const QByteArray final = client.finalMessage(bytes(first.response));
    QCOMPARE(exchange.next(str(final)).outcome, Outcome::Succeeded);
    const auto again = exchange.next(str(final));
    QCOMPARE(again.outcome, Outcome::Failed);
    QVERIFY(!again.error.empty());
}

// StoredKey = H(HMAC(SaltedPassword, "Client Key")), ServerKey = HMAC(SaltedPassword, "Server Key"),
// SaltedPassword = PBKDF2 of the password: checked against Qt's implementation, with a random salt.
void TestScram::credentialsAsKafkaStoresThem()
{
    for (const auto mechanism : { ScramMechanism::Sha256, ScramMechanism::Sha512 }) {
        const ScramCredential credential = newScramCredential(mechanism, "pencil");
        QCOMPARE(credential.iterations, 4096);
        QCOMPARE(credential.salt.size(), size_t(32));
        QVERIFY(newScramCredential(mechanism, "pencil").salt != credential.salt);
        const auto algorithm
            = mechanism == ScramMechanism::Sha256 ? QCryptographicHash::Sha256 : QCryptographicHash::Sha512;
        const QByteArray salted = Samsa::Test::scramPbkdf2(algorithm, "pencil", bytes(credential.salt), 4096);
        QCOMPARE(bytes(credential.storedKey),
            QCryptographicHash::hash(QMessageAuthenticationCode::hash("Client Key", salted, algorithm), algorithm));
        QCOMPARE(bytes(credential.serverKey), QMessageAuthenticationCode::hash("Server Key", salted, algorithm));
    }
    QVERIFY(!scramMechanismFromName("SCRAM-SHA-1"));
    QVERIFY(!scramMechanismFromName("scram-sha-256"));
}

SAMSA_TEST_MAIN(TestScram, QCoreApplication)

#include "tst_scram.moc"

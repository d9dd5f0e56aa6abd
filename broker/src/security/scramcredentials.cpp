#include "security/scramcredentials.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>

namespace samsa::broker::security {

namespace {

const EVP_MD* digest(ScramMechanism mechanism)
{
    return mechanism == ScramMechanism::Sha256 ? EVP_sha256() : EVP_sha512();
}

const unsigned char* bytes(std::string_view text)
{
    return reinterpret_cast<const unsigned char*>(text.data());
}

} // namespace

std::optional<ScramMechanism> scramMechanismFromName(std::string_view name)
{
    if (name == "SCRAM-SHA-256")
        return ScramMechanism::Sha256;
    if (name == "SCRAM-SHA-512")
        return ScramMechanism::Sha512;
    return std::nullopt;
}

const char* scramMechanismName(ScramMechanism mechanism)
{
    return mechanism == ScramMechanism::Sha256 ? "SCRAM-SHA-256" : "SCRAM-SHA-512";
}

std::string scramHash(ScramMechanism mechanism, std::string_view data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), out, &length, digest(mechanism), nullptr) != 1)
        std::abort(); // only fails on allocation failure
    return std::string(reinterpret_cast<const char*>(out), length);
}

std::string scramHmac(ScramMechanism mechanism, std::string_view key, std::string_view data)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(digest(mechanism), key.data(), static_cast<int>(key.size()), bytes(data), data.size(), out, &length))
        std::abort();
    return std::string(reinterpret_cast<const char*>(out), length);
}

std::string scramSaltedPassword(
    ScramMechanism mechanism, std::string_view password, std::string_view salt, int iterations)
{
    std::string out(static_cast<size_t>(EVP_MD_get_size(digest(mechanism))), '\0');
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), bytes(salt),
            static_cast<int>(salt.size()), iterations, digest(mechanism), static_cast<int>(out.size()),
            reinterpret_cast<unsigned char*>(out.data()))
        != 1)
        std::abort();
    return out;
}

ScramCredential deriveScramCredential(
    ScramMechanism mechanism, std::string_view password, std::string_view salt, int iterations)
{
    std::string salted = scramSaltedPassword(mechanism, password, salt, iterations);
    ScramCredential credential;
    credential.salt = std::string(salt);
    credential.iterations = iterations;
    credential.storedKey = scramHash(mechanism, scramHmac(mechanism, salted, "Client Key"));
    credential.serverKey = scramHmac(mechanism, salted, "Server Key");
    OPENSSL_cleanse(salted.data(), salted.size());
    return credential;
}

ScramCredential newScramCredential(ScramMechanism mechanism, std::string_view password)
{
    return deriveScramCredential(mechanism, password, randomBytes(32), kScramIterations);
}

std::string randomBytes(size_t count)
{
    std::string out(count, '\0');
    if (count > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1) {
        std::fputs("samsa-broker: the random number generator failed\n", stderr);
        std::abort();
    }
    return out;
}

bool constantTimeEquals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace samsa::broker::security

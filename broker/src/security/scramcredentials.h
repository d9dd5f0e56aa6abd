#pragma once

// SCRAM credentials as Kafka stores them (RFC 5802 section 3): a random salt, an iteration count,
// StoredKey = H(HMAC(SaltedPassword, "Client Key")) and ServerKey = HMAC(SaltedPassword, "Server Key"),
// with SaltedPassword = PBKDF2-HMAC(password, salt, iterations). The password itself is not kept.
// Also the few primitives the exchange needs, all from OpenSSL.

#include <optional>
#include <string>
#include <string_view>

namespace samsa::broker::security {

enum class ScramMechanism { Sha256, Sha512 };

// "SCRAM-SHA-256" / "SCRAM-SHA-512"; nullopt for any other name.
std::optional<ScramMechanism> scramMechanismFromName(std::string_view name);
const char* scramMechanismName(ScramMechanism mechanism);

// Kafka's default (and minimum) iteration count for the credentials it stores.
constexpr int kScramIterations = 4096;

struct ScramCredential {
    std::string salt; // raw bytes
    std::string storedKey;
    std::string serverKey;
    int iterations = 0;
};

// Derives the credential for this salt and iteration count (the RFC 7677 test uses a fixed salt).
ScramCredential deriveScramCredential(
    ScramMechanism mechanism, std::string_view password, std::string_view salt, int iterations);
// A fresh credential: 32 random salt bytes, kScramIterations.
ScramCredential newScramCredential(ScramMechanism mechanism, std::string_view password);

// The mechanism's hash H() and HMAC(key, data), as raw bytes.
std::string scramHash(ScramMechanism mechanism, std::string_view data);
std::string scramHmac(ScramMechanism mechanism, std::string_view key, std::string_view data);
// PBKDF2-HMAC with the mechanism's hash; the output is as long as the hash.
std::string scramSaltedPassword(
    ScramMechanism mechanism, std::string_view password, std::string_view salt, int iterations);

// Cryptographically random bytes (OpenSSL's RAND_bytes); aborts when the generator fails, since
// predictable salts and nonces would be worse than no broker.
std::string randomBytes(size_t count);
// Equality in time that depends only on the lengths, never on where the contents differ.
bool constantTimeEquals(std::string_view a, std::string_view b);

} // namespace samsa::broker::security

#pragma once

// The server side of TLS listeners (SSL, SASL_SSL): an asio::ssl::context built from Kafka's
// ssl.* settings, and the principal a verified client certificate carries.

#include "security/tlssettings.h"

#include <asio.hpp>
#include <asio/ssl.hpp>

#include <memory>
#include <string>

namespace samsa::broker::security {

// TLS 1.2 or later; client certificates asked for as clientAuth says and verified against the
// CAs. Null with one readable line in *error when a file cannot be read or the key does not
// match the certificate.
std::shared_ptr<asio::ssl::context> makeServerTlsContext(const TlsSettings& settings, std::string* error);

// The subject of the peer's verified certificate in RFC 2253 form, most specific first, as Kafka's
// default principal builder gives it (X500Principal.getName()): "CN=alice,O=Samsa". Empty when the
// client sent none.
std::string peerCertificateSubject(SSL* ssl);

} // namespace samsa::broker::security

#include "security/tlscontext.h"

#include <openssl/err.h>
#include <openssl/x509.h>

namespace samsa::broker::security {

namespace {

std::string openSslError()
{
    const unsigned long code = ERR_peek_last_error();
    ERR_clear_error();
    if (code == 0)
        return "unknown error";
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return text;
}

} // namespace

std::shared_ptr<asio::ssl::context> makeServerTlsContext(const TlsSettings& settings, std::string* error)
{
    auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
    SSL_CTX* native = context->native_handle();
    ERR_clear_error();
    SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
    context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2
        | asio::ssl::context::no_sslv3 | asio::ssl::context::single_dh_use);
    if (SSL_CTX_use_certificate_chain_file(native, settings.certificateLocation.c_str()) != 1) {
        *error = "cannot load ssl.certificate.location " + settings.certificateLocation + ": " + openSslError();
        return nullptr;
    }
    if (SSL_CTX_use_PrivateKey_file(native, settings.keyLocation.c_str(), SSL_FILETYPE_PEM) != 1) {
        const bool mismatch = ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH;
        *error = (mismatch ? "ssl.key.location " + settings.keyLocation + " does not match ssl.certificate.location: "
                           : "cannot load ssl.key.location " + settings.keyLocation + ": ")
            + openSslError();
        return nullptr;
    }
    if (SSL_CTX_check_private_key(native) != 1) {
        *error = "ssl.key.location does not match ssl.certificate.location: " + openSslError();
        return nullptr;
    }
    if (!settings.caLocation.empty()) {
        if (SSL_CTX_load_verify_locations(native, settings.caLocation.c_str(), nullptr) != 1) {
            *error = "cannot load ssl.ca.location " + settings.caLocation + ": " + openSslError();
            return nullptr;
        }
        // Tells clients which CAs we accept, so one with several certificates picks the right one.
        if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(settings.caLocation.c_str()))
            SSL_CTX_set_client_CA_list(native, names);
    }
    int mode = SSL_VERIFY_NONE;
    if (settings.clientAuth == "requested")
        mode = SSL_VERIFY_PEER;
    else if (settings.clientAuth == "required")
        mode = SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
    SSL_CTX_set_verify(native, mode, nullptr);
    return context;
}

std::string peerCertificateSubject(SSL* ssl)
{
    X509* certificate = SSL_get1_peer_certificate(ssl);
    if (!certificate)
        return {};
    std::string subject;
    if (BIO* bio = BIO_new(BIO_s_mem())) {
        // RFC 2253 order and escaping, but UTF-8 kept as it is (Java's getName() does not hex-dump it).
        const unsigned long flags = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
        if (X509_NAME_print_ex(bio, X509_get_subject_name(certificate), 0, flags) >= 0) {
            char* data = nullptr;
            const long size = BIO_get_mem_data(bio, &data);
            if (size > 0)
                subject.assign(data, static_cast<size_t>(size));
        }
        BIO_free(bio);
    }
    X509_free(certificate);
    return subject;
}

} // namespace samsa::broker::security

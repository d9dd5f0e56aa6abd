#pragma once

// Decode → act → encode for one API, from its description in protocol/messages/.

#include "api/handlers.h"
#include "api/requestscope.h"
#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

#include <memory>
#include <string>

namespace samsa::broker::api {

template <class Api> constexpr bool isFlexibleVersion(int16_t version)
{
    return Api::firstFlexible >= 0 && version >= Api::firstFlexible;
}

template <class Api>
Response encodeAnswer(const protocol::RequestHeader& header, const typename Api::Response& answer, bool close)
{
    protocol::ByteWriter out = startResponse(header);
    protocol::encodeMessage(out, header.apiVersion, isFlexibleVersion<Api>(header.apiVersion), answer);
    finishResponse(out);
    return Response { std::move(out), close, {} };
}

inline Response malformedRequest(const protocol::RequestHeader& header)
{
    return Response { std::nullopt, true,
        "malformed request body (api key " + std::to_string(header.apiKey) + " version "
            + std::to_string(header.apiVersion) + ")" };
}

template <class Api> void serve(std::shared_ptr<RequestScope> scope, Responder done)
{
    using Request = typename Api::Request;
    Request request;
    const int16_t version = scope->version();
    if (!protocol::decodeMessage(scope->body(), version, isFlexibleVersion<Api>(version), request)) {
        done(malformedRequest(scope->header));
        return;
    }
    if constexpr (requires(RequestScope& s, const Request& r) { handle(s, r); }) {
        auto answer = handle(*scope, request);
        if constexpr (protocol::IsOptional<decltype(answer)>::value) {
            if (!answer) {
                done(Response {});
                return;
            }
            done(encodeAnswer<Api>(scope->header, *answer, scope->connection.closeAfterResponse));
        } else {
            done(encodeAnswer<Api>(scope->header, answer, scope->connection.closeAfterResponse));
        }
    } else {
        auto reply = [scope, done = std::move(done)](typename Api::Response answer) {
            done(encodeAnswer<Api>(scope->header, answer, scope->connection.closeAfterResponse));
        };
        handle(scope, std::move(request), std::move(reply));
    }
}

// A version beyond ours gets UNSUPPORTED_VERSION in the API's own response shape, written in our
// newest version (ApiVersions: in v0, which every client can read). The body is read as our
// newest version where it can be, so that per-item answers name the client's items.
template <class Api> Response answerUnsupportedVersion(const RequestScope& scope)
{
    constexpr int16_t answerVersion = Api::key == protocol::ApiKey::ApiVersions ? 0 : Api::maxVersion;
    typename Api::Request request;
    if constexpr (Api::key != protocol::ApiKey::ApiVersions) {
        protocol::ByteReader in(scope.body());
        if (isFlexibleVersion<Api>(answerVersion))
            in.skipTaggedFields(); // the header's, left unread for versions we do not know
        if (!in.ok()
            || !protocol::decodeMessage(
                scope.body().subspan(in.position()), answerVersion, isFlexibleVersion<Api>(answerVersion), request))
            request = {};
    }
    protocol::RequestHeader header = scope.header;
    header.apiVersion = answerVersion;
    return encodeAnswer<Api>(header, Api::errorResponse(request, ErrorCode::UnsupportedVersion), false);
}

} // namespace samsa::broker::api

#pragma once

#include "common/errors.h"
#include "protocol/apikeys.h"
#include "protocol/messagecodec.h"

namespace samsa::broker::protocol {

struct ApiVersionsRequest {
    // v3+: who the client is. Read and ignored, as the old handler did (Kafka only checks that
    // they are well-formed names and uses them for metrics).
    std::string clientSoftwareName;
    std::string clientSoftwareVersion;

    template <class Io> void fields(Io& io)
    {
        io.field(clientSoftwareName, since(3));
        io.field(clientSoftwareVersion, since(3));
    }
};

struct ApiVersionsResponse {
    struct ApiVersion {
        int16_t apiKey = 0;
        int16_t minVersion = 0;
        int16_t maxVersion = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(apiKey);
            io.field(minVersion);
            io.field(maxVersion);
        }
    };

    struct SupportedFeature {
        std::string name;
        int16_t minVersion = 0;
        int16_t maxVersion = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(minVersion);
            io.field(maxVersion);
        }
    };

    struct FinalizedFeature {
        std::string name;
        int16_t maxVersionLevel = 0;
        int16_t minVersionLevel = 0;

        template <class Io> void fields(Io& io)
        {
            io.field(name);
            io.field(maxVersionLevel);
            io.field(minVersionLevel);
        }
    };

    int16_t errorCode = 0;
    std::vector<ApiVersion> apiKeys;
    int32_t throttleTimeMs = 0;
    // Feature flags (v3+, tagged). This broker has none, so they stay at their defaults and are
    // not written.
    std::vector<SupportedFeature> supportedFeatures;
    int64_t finalizedFeaturesEpoch = -1;
    std::vector<FinalizedFeature> finalizedFeatures;
    bool zkMigrationReady = false;

    template <class Io> void fields(Io& io)
    {
        io.field(errorCode);
        io.field(apiKeys);
        io.field(throttleTimeMs, since(1));
        io.tagged(0, supportedFeatures, since(3));
        io.tagged(1, finalizedFeaturesEpoch, since(3), int64_t { -1 });
        io.tagged(2, finalizedFeatures, since(3));
        io.tagged(3, zkMigrationReady, since(3));
    }
};

// Every API and version range this broker serves (supportedApis()), with this error code.
ApiVersionsResponse apiVersionsResponse(ErrorCode error);

struct ApiVersionsApi {
    static constexpr ApiKey key = ApiKey::ApiVersions;
    static constexpr const char* name = "ApiVersions";
    static constexpr int16_t maxVersion = 4;
    static constexpr int16_t firstFlexible = 3;
    using Request = ApiVersionsRequest;
    using Response = ApiVersionsResponse;
    // Lists every supported API along with the error, so that a client that asked in a version
    // beyond ours can pick one we serve.
    static Response errorResponse(const Request& request, ErrorCode error);
};

} // namespace samsa::broker::protocol

#pragma once

// Every API this broker serves, each described once by its messages/<name>.h: key, versions,
// first flexible version, request and response fields. ApiVersions advertises this list, the
// dispatcher routes by it, and the tests round-trip each entry at each version. Adding an API is
// one line here and one handle() overload in api/handlers.h.

#include "protocol/messages/alterconfigs.h"
#include "protocol/messages/apiversions.h"
#include "protocol/messages/createacls.h"
#include "protocol/messages/createpartitions.h"
#include "protocol/messages/createtopics.h"
#include "protocol/messages/deleteacls.h"
#include "protocol/messages/deletegroups.h"
#include "protocol/messages/deleterecords.h"
#include "protocol/messages/deletetopics.h"
#include "protocol/messages/describeacls.h"
#include "protocol/messages/describecluster.h"
#include "protocol/messages/describeconfigs.h"
#include "protocol/messages/describegroups.h"
#include "protocol/messages/describelogdirs.h"
#include "protocol/messages/fetch.h"
#include "protocol/messages/findcoordinator.h"
#include "protocol/messages/heartbeat.h"
#include "protocol/messages/incrementalalterconfigs.h"
#include "protocol/messages/initproducerid.h"
#include "protocol/messages/joingroup.h"
#include "protocol/messages/leavegroup.h"
#include "protocol/messages/listgroups.h"
#include "protocol/messages/listoffsets.h"
#include "protocol/messages/metadata.h"
#include "protocol/messages/offsetcommit.h"
#include "protocol/messages/offsetdelete.h"
#include "protocol/messages/offsetfetch.h"
#include "protocol/messages/produce.h"
#include "protocol/messages/saslauthenticate.h"
#include "protocol/messages/saslhandshake.h"
#include "protocol/messages/syncgroup.h"

#include <cstdint>

namespace samsa::broker::protocol {

template <class... Apis> struct ApiList {
    static constexpr size_t size = sizeof...(Apis);

    // Calls f.template operator()<Api>() for each API.
    template <class F> static void forEach(F&& f) { (f.template operator()<Apis>(), ...); }

    // Calls f.template operator()<Api>() for the API with this key; false when none has it.
    template <class F> static bool visit(int16_t key, F&& f)
    {
        return ((static_cast<int16_t>(Apis::key) == key ? (f.template operator()<Apis>(), true) : false) || ...);
    }
};

using ServedApis = ApiList<
    ProduceApi,
    FetchApi,
    ListOffsetsApi,
    FindCoordinatorApi,
    DescribeClusterApi,
    ApiVersionsApi,
    SaslHandshakeApi,
    SaslAuthenticateApi,
    DescribeConfigsApi,
    AlterConfigsApi,
    IncrementalAlterConfigsApi,
    OffsetCommitApi,
    OffsetFetchApi,
    OffsetDeleteApi,
    JoinGroupApi,
    SyncGroupApi,
    HeartbeatApi,
    LeaveGroupApi,
    ListGroupsApi,
    DescribeGroupsApi,
    DeleteGroupsApi,
    MetadataApi,
    CreateTopicsApi,
    DeleteTopicsApi,
    CreatePartitionsApi,
    DeleteRecordsApi,
    DescribeLogDirsApi,
    DescribeAclsApi,
    CreateAclsApi,
    DeleteAclsApi,
    InitProducerIdApi
>;

} // namespace samsa::broker::protocol

/* Consumer-group figures for one broker: how long a group of 10 librdkafka consumers takes to
 * stabilise on a 100-partition topic, and OffsetCommit throughput from 10 clients committing
 * synchronously in a loop. Run by bench/broker/group-bench against samsa-broker and against
 * librdkafka's mock cluster (started in this process with "mock").
 *
 * usage: group-bench BOOTSTRAP|mock [COMMIT_SECONDS]
 * Prints "stabilise_ms=N commits_per_second=N". */

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CONSUMERS 10
#define PARTITIONS 100
#define CLIENTS 10

static const char* topicName = "group-bench";
static double commitSeconds = 3.0;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static rd_kafka_t* newClient(rd_kafka_type_t type, const char* bootstrap, const char* group)
{
    char errstr[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    const char* settings[][2] = {
        { "bootstrap.servers", bootstrap }, { "log_level", "3" }, { "session.timeout.ms", "6000" },
        { "heartbeat.interval.ms", "100" }, { "enable.auto.commit", "false" }, { "group.id", group },
    };
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; ++i) {
        if (!settings[i][1])
            continue;
        if (rd_kafka_conf_set(conf, settings[i][0], settings[i][1], errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
            fprintf(stderr, "group-bench: %s\n", errstr);
            exit(2);
        }
    }
    rd_kafka_t* handle = rd_kafka_new(type, conf, errstr, sizeof errstr);
    if (!handle) {
        fprintf(stderr, "group-bench: %s\n", errstr);
        exit(2);
    }
    return handle;
}

static int createTopic(const char* bootstrap)
{
    rd_kafka_t* admin = newClient(RD_KAFKA_PRODUCER, bootstrap, NULL);
    rd_kafka_NewTopic_t* topic = rd_kafka_NewTopic_new(topicName, PARTITIONS, 1, NULL, 0);
    rd_kafka_queue_t* queue = rd_kafka_queue_new(admin);
    rd_kafka_CreateTopics(admin, &topic, 1, NULL, queue);
    rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 20000);
    int ok = event && !rd_kafka_event_error(event);
    if (ok) {
        size_t count = 0;
        const rd_kafka_topic_result_t** results
            = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count);
        ok = count == 1
            && (!rd_kafka_topic_result_error(results[0])
                || rd_kafka_topic_result_error(results[0]) == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS);
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_queue_destroy(queue);
    rd_kafka_NewTopic_destroy(topic);
    rd_kafka_destroy(admin);
    return ok;
}

/* True when the consumers hold every partition exactly once, each at least one. */
static int stable(rd_kafka_t** consumers)
{
    int owners[PARTITIONS];
    memset(owners, 0, sizeof owners);
    for (int c = 0; c < CONSUMERS; ++c) {
        rd_kafka_topic_partition_list_t* list = NULL;
        if (rd_kafka_assignment(consumers[c], &list))
            return 0;
        const int count = list->cnt;
        for (int i = 0; i < list->cnt; ++i) {
            if (list->elems[i].partition >= 0 && list->elems[i].partition < PARTITIONS)
                owners[list->elems[i].partition]++;
        }
        rd_kafka_topic_partition_list_destroy(list);
        if (count == 0)
            return 0;
    }
    for (int p = 0; p < PARTITIONS; ++p) {
        if (owners[p] != 1)
            return 0;
    }
    return 1;
}

static double stabilise(const char* bootstrap)
{
    rd_kafka_t* consumers[CONSUMERS];
    const double started = now();
    for (int c = 0; c < CONSUMERS; ++c) {
        consumers[c] = newClient(RD_KAFKA_CONSUMER, bootstrap, "group-bench-stabilise");
        rd_kafka_poll_set_consumer(consumers[c]);
        rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(topics, topicName, RD_KAFKA_PARTITION_UA);
        rd_kafka_subscribe(consumers[c], topics);
        rd_kafka_topic_partition_list_destroy(topics);
    }
    double elapsed = -1;
    while (now() - started < 60) {
        for (int c = 0; c < CONSUMERS; ++c) {
            rd_kafka_message_t* message = rd_kafka_consumer_poll(consumers[c], 5);
            if (message)
                rd_kafka_message_destroy(message);
        }
        if (stable(consumers)) {
            elapsed = now() - started;
            break;
        }
    }
    for (int c = 0; c < CONSUMERS; ++c) {
        rd_kafka_consumer_close(consumers[c]);
        rd_kafka_destroy(consumers[c]);
    }
    return elapsed;
}

struct Committer {
    const char* bootstrap;
    int index;
    long commits;
    long failures;
};

static void* commitLoop(void* argument)
{
    struct Committer* committer = argument;
    char group[64];
    snprintf(group, sizeof group, "group-bench-commit-%d", committer->index);
    rd_kafka_t* client = newClient(RD_KAFKA_CONSUMER, committer->bootstrap, group);
    rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_t* partition
        = rd_kafka_topic_partition_list_add(list, topicName, committer->index % PARTITIONS);
    /* A first commit finds the coordinator; it is not counted. */
    partition->offset = 0;
    rd_kafka_commit(client, list, 0);
    const double started = now();
    while (now() - started < commitSeconds) {
        partition->offset = committer->commits + 1;
        if (rd_kafka_commit(client, list, 0) == RD_KAFKA_RESP_ERR_NO_ERROR)
            committer->commits++;
        else
            committer->failures++;
    }
    rd_kafka_topic_partition_list_destroy(list);
    rd_kafka_destroy(client);
    return NULL;
}

static double commitThroughput(const char* bootstrap, long* failures)
{
    pthread_t threads[CLIENTS];
    struct Committer committers[CLIENTS];
    for (int i = 0; i < CLIENTS; ++i) {
        committers[i] = (struct Committer) { bootstrap, i, 0, 0 };
        pthread_create(&threads[i], NULL, commitLoop, &committers[i]);
    }
    long total = 0;
    *failures = 0;
    for (int i = 0; i < CLIENTS; ++i) {
        pthread_join(threads[i], NULL);
        total += committers[i].commits;
        *failures += committers[i].failures;
    }
    return (double)total / commitSeconds;
}

int main(int argc, char** argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: group-bench BOOTSTRAP|mock [COMMIT_SECONDS]\n");
        return 2;
    }
    if (argc > 2)
        commitSeconds = atof(argv[2]);
    const char* bootstrap = argv[1];
    rd_kafka_t* mockHandle = NULL;
    rd_kafka_mock_cluster_t* mock = NULL;
    if (strcmp(bootstrap, "mock") == 0) {
        char errstr[512];
        rd_kafka_conf_t* conf = rd_kafka_conf_new();
        rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
        mockHandle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
        mock = mockHandle ? rd_kafka_mock_cluster_new(mockHandle, 1) : NULL;
        if (!mock) {
            fprintf(stderr, "group-bench: cannot start the mock cluster\n");
            return 2;
        }
        rd_kafka_mock_topic_create(mock, topicName, PARTITIONS, 1);
        bootstrap = rd_kafka_mock_cluster_bootstraps(mock);
    } else if (!createTopic(bootstrap)) {
        fprintf(stderr, "group-bench: cannot create topic %s\n", topicName);
        return 2;
    }
    const double stabiliseSeconds = stabilise(bootstrap);
    long failures = 0;
    const double commits = commitThroughput(bootstrap, &failures);
    printf("stabilise_ms=%.0f commits_per_second=%.0f commit_failures=%ld\n",
        stabiliseSeconds < 0 ? -1.0 : stabiliseSeconds * 1000, commits, failures);
    if (mock) {
        rd_kafka_mock_cluster_destroy(mock);
        rd_kafka_destroy(mockHandle);
    }
    return stabiliseSeconds < 0 ? 1 : 0;
}

/* Reproduces the one LeakSanitizer report that tests/sanitizers/lsan.supp suppresses, with no Samsa
 * code: librdkafka 2.0.2 leaves 176 bytes allocated in rd_kafka_new() behind when a client ran
 * ListConsumerGroups against librdkafka's own mock cluster, even after rd_kafka_destroy().
 *
 *     gcc -fsanitize=address -g rdkafka_mock_listgroups_leak.c -o leak -lrdkafka
 *     ./leak      # metadata only: no leak
 *     ./leak g    # and ListConsumerGroups: "176 byte(s) leaked in 1 allocation(s)", every run
 *
 * Not built by the project. */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdio.h>
int main(int argc, char** argv) {
    char err[512];
    rd_kafka_t* mockrk = rd_kafka_new(RD_KAFKA_PRODUCER, rd_kafka_conf_new(), err, sizeof err);
    rd_kafka_mock_cluster_t* mc = rd_kafka_mock_cluster_new(mockrk, 3);
    rd_kafka_mock_topic_create(mc, "t", 2, 3);
    const char* bs = rd_kafka_mock_cluster_bootstraps(mc);
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bs, err, sizeof err);
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    const struct rd_kafka_metadata* md;
    rd_kafka_metadata(rk, 1, NULL, &md, 5000);
    rd_kafka_metadata_destroy(md);
    if (argc > 1) {
        rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
        rd_kafka_AdminOptions_t* o = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS);
        rd_kafka_ListConsumerGroups(rk, o, q);
        rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 5000);
        printf("event %s\n", ev ? rd_kafka_event_error_string(ev) : "none");
        if (ev) rd_kafka_event_destroy(ev);
        rd_kafka_AdminOptions_destroy(o);
        rd_kafka_queue_destroy(q);
    }
    rd_kafka_destroy(rk);
    rd_kafka_mock_cluster_destroy(mc);
    rd_kafka_destroy(mockrk);
    return 0;
}

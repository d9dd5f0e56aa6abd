/* librdkafka's in-process mock cluster as a standalone process, the baseline of
 * broker-throughput and a peer for checking client scripts (run_with_broker.py --mock).
 *
 * usage: mock-cluster [BROKERS]
 * Prints "mock-cluster ready HOST:PORT[,HOST:PORT...]" once it listens, then serves until
 * SIGTERM or SIGINT and exits 0. */

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    int brokers = argc > 1 ? atoi(argv[1]) : 1;
    char errstr[512];
    sigset_t signals;
    int received = 0;

    if (brokers < 1) {
        fprintf(stderr, "mock-cluster: BROKERS must be a positive number\n");
        return 2;
    }
    /* Block the stop signals before librdkafka starts threads so only sigwait() sees them. */
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, NULL);

    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
    rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!handle) {
        fprintf(stderr, "mock-cluster: %s\n", errstr);
        return 2;
    }
    rd_kafka_mock_cluster_t* cluster = rd_kafka_mock_cluster_new(handle, brokers);
    if (!cluster) {
        fprintf(stderr, "mock-cluster: rd_kafka_mock_cluster_new failed\n");
        rd_kafka_destroy(handle);
        return 2;
    }
    printf("mock-cluster ready %s\n", rd_kafka_mock_cluster_bootstraps(cluster));
    fflush(stdout);

    sigwait(&signals, &received);
    rd_kafka_mock_cluster_destroy(cluster);
    rd_kafka_destroy(handle);
    return 0;
}

/* Produce latency at a steady rate: librdkafka producer, acks=1, one message every 1/RATE s;
 * latency = delivery report time - produce call time.
 *
 * usage: produce-latency BOOTSTRAP TOPIC [RATE=10000] [SECONDS=5] [SIZE=100] [LINGER_MS=0]
 * Prints one line: "messages N rate R p50_ms A p99_ms B max_ms C errors E". Exit 0 when every
 * message was delivered. */

#include <librdkafka/rdkafka.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t* sent_at;
static double* latencies;
static long delivered;
static long errors;

static void on_delivery(rd_kafka_t* rk, const rd_kafka_message_t* message, void* opaque)
{
    (void)rk;
    (void)opaque;
    const long index = (long)(intptr_t)message->_private;
    if (message->err)
        ++errors;
    else
        latencies[delivered++] = (double)(now_ns() - sent_at[index]) / 1e6;
}

static int compare(const void* a, const void* b)
{
    const double x = *(const double*)a;
    const double y = *(const double*)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char** argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: produce-latency BOOTSTRAP TOPIC [RATE] [SECONDS] [SIZE] [LINGER_MS]\n");
        return 2;
    }
    const char* bootstrap = argv[1];
    const char* topic = argv[2];
    const long rate = argc > 3 ? atol(argv[3]) : 10000;
    const long seconds = argc > 4 ? atol(argv[4]) : 5;
    const long size = argc > 5 ? atol(argv[5]) : 100;
    const char* linger = argc > 6 ? argv[6] : "0";
    const long count = rate * seconds;
    if (rate <= 0 || seconds <= 0 || size <= 0) {
        fprintf(stderr, "produce-latency: RATE, SECONDS and SIZE must be positive\n");
        return 2;
    }
    sent_at = calloc((size_t)count, sizeof *sent_at);
    latencies = calloc((size_t)count, sizeof *latencies);
    char* payload = malloc((size_t)size);
    memset(payload, 'p', (size_t)size);

    char errstr[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    if (rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap, errstr, sizeof errstr)
        || rd_kafka_conf_set(conf, "acks", "1", errstr, sizeof errstr)
        || rd_kafka_conf_set(conf, "linger.ms", linger, errstr, sizeof errstr)) {
        fprintf(stderr, "produce-latency: %s\n", errstr);
        return 2;
    }
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk) {
        fprintf(stderr, "produce-latency: %s\n", errstr);
        return 2;
    }
    /* Warm up: metadata, connection and topic creation are not part of the measurement. */
    rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(0), RD_KAFKA_V_VALUE(payload, (size_t)size),
                      RD_KAFKA_V_OPAQUE((void*)(intptr_t)0), RD_KAFKA_V_END);
    sent_at[0] = now_ns();
    rd_kafka_flush(rk, 10000);
    delivered = 0;
    errors = 0;

    const int64_t start = now_ns();
    const int64_t interval = 1000000000 / rate;
    for (long i = 0; i < count; ++i) {
        const int64_t due = start + i * interval;
        while (now_ns() < due)
            rd_kafka_poll(rk, 0);
        sent_at[i] = now_ns();
        if (rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(0), RD_KAFKA_V_VALUE(payload, (size_t)size),
                              RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_OPAQUE((void*)(intptr_t)i), RD_KAFKA_V_END))
            ++errors;
        rd_kafka_poll(rk, 0);
    }
    rd_kafka_flush(rk, 30000);
    const double elapsed = (double)(now_ns() - start) / 1e9;
    rd_kafka_destroy(rk);

    if (delivered == 0) {
        fprintf(stderr, "produce-latency: nothing delivered (%ld errors)\n", errors);
        return 1;
    }
    qsort(latencies, (size_t)delivered, sizeof *latencies, compare);
    printf("messages %ld rate %.0f p50_ms %.3f p99_ms %.3f max_ms %.3f errors %ld\n", delivered, (double)count / elapsed,
           latencies[delivered / 2], latencies[(long)((double)delivered * 0.99)], latencies[delivered - 1], errors);
    free(payload);
    free(latencies);
    free(sent_at);
    return errors == 0 && delivered == count ? 0 : 1;
}

// Load generator for bench/statsd-ingest: sends StatsD datagrams of about 1,400 bytes, packed
// with lines for a few thousand distinct names (counters, timers, gauges), at a target rate of
// lines per second for a number of seconds, to 127.0.0.1:PORT. Prints the lines it sent.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: generator PORT LINES_PER_SECOND SECONDS\n"); return 2; }
    int port = atoi(argv[1]);
    double rate = atof(argv[2]), seconds = atof(argv[3]);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    // Pre-build 64 datagrams; each line is one of 3,000 names, a third each counters, timers, gauges.
    enum { DATAGRAMS = 64 };
    static char payload[DATAGRAMS][1500];
    int length[DATAGRAMS], lines[DATAGRAMS];
    unsigned seed = 1;
    for (int d = 0; d < DATAGRAMS; d++) {
        length[d] = 0; lines[d] = 0;
        for (;;) {
            char line[96];
            int name = rand_r(&seed) % 3000, value = rand_r(&seed) % 1000;
            const char *type = name % 3 == 0 ? "c" : name % 3 == 1 ? "ms" : "g";
            int n = snprintf(line, sizeof line, "bench.app%d.metric%d:%d|%s\n", name % 10, name, value, type);
            if (length[d] + n > 1400) break;
            memcpy(payload[d] + length[d], line, n);
            length[d] += n; lines[d]++;
        }
    }
    long sent = 0;
    double start = now();
    int next = 0;
    while (now() - start < seconds) {
        double due = (now() - start) * rate;   // lines that should have gone by now
        while (sent < due) {
            sendto(fd, payload[next], length[next], 0, (struct sockaddr *)&to, sizeof to);
            sent += lines[next];
            next = (next + 1) % DATAGRAMS;
        }
        usleep(200);
    }
    printf("%ld\n", sent);
    return 0;
}

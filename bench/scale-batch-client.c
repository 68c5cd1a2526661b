/* bench/scale: the bare rrdcached BATCH client, the limit the daemon's writer is measured against.
 * Creates METRICS files through rrdcached (untimed), then sends ROUNDS rounds of one value per
 * file, each round one BATCH ("BATCH", "UPDATE file t:v" per file, "."), then FLUSHALL and waits
 * until rrdcached has written every value. Prints the accepted and the sustained (written to disk)
 * updates per second. With SCALE_SINGLE=1 in the environment, each UPDATE is sent on its own and
 * its answer awaited (one round trip per file per step), to compare with BATCH.
 * usage: scale-batch-client SOCKET DIR METRICS ROUNDS T0 STEP DS-AND-RRA... */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static FILE *in, *out;

static void line(char *buffer, size_t size) {
    if (!fgets(buffer, (int)size, in)) { fprintf(stderr, "rrdcached closed the connection\n"); exit(1); }
}

/* One command; returns the status and skips the lines that follow a positive one. */
static long command(const char *text) {
    char buffer[4096];
    fputs(text, out); fflush(out);
    line(buffer, sizeof buffer);
    long status = strtol(buffer, NULL, 10);
    for (long i = 0; i < status; i++) line(buffer, sizeof buffer);
    return status;
}

static long written(void) {
    char buffer[4096]; long value = -1;
    fputs("STATS\n", out); fflush(out);
    line(buffer, sizeof buffer);
    long count = strtol(buffer, NULL, 10);
    for (long i = 0; i < count; i++) {
        line(buffer, sizeof buffer);
        if (!strncmp(buffer, "DataSetsWritten: ", 17)) value = strtol(buffer + 17, NULL, 10);
    }
    return value;
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

int main(int argc, char **argv) {
    if (argc < 8) { fprintf(stderr, "usage: %s SOCKET DIR METRICS ROUNDS T0 STEP DS... RRA...\n", argv[0]); return 2; }
    int metrics = atoi(argv[3]), rounds = atoi(argv[4]), step = atoi(argv[6]);
    long t0 = atol(argv[5]);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = { .sun_family = AF_UNIX };
    strncpy(address.sun_path, argv[1], sizeof address.sun_path - 1);
    if (connect(fd, (struct sockaddr *)&address, sizeof address)) { perror("connect"); return 1; }
    in = fdopen(fd, "r"); out = fdopen(dup(fd), "w");
    setvbuf(out, NULL, _IOFBF, 1 << 20);
    char **paths = calloc(metrics, sizeof *paths);
    char layout[4096] = "";
    for (int i = 7; i < argc; i++) { strcat(layout, " "); strcat(layout, argv[i]); }
    for (int i = 0; i < metrics; i++) {
        char folder[4096];
        snprintf(folder, sizeof folder, "%s/group%d", argv[2], i / 100);
        mkdir(folder, 0755);
        if (asprintf(&paths[i], "%s/metric%d.rrd", folder, i) < 0) return 1;
        char create[8192];
        snprintf(create, sizeof create, "CREATE %s -O -b %ld -s %d%s\n", paths[i], t0, step, layout);
        if (command(create) < 0) { fprintf(stderr, "create refused: %s", create); return 1; }
    }
    int single = getenv("SCALE_SINGLE") && !strcmp(getenv("SCALE_SINGLE"), "1");
    long before = written(), errors = 0;
    double started = now();
    for (int round = 1; round <= rounds && single; round++) {
        for (int i = 0; i < metrics; i++) {
            char update[8192];
            snprintf(update, sizeof update, "UPDATE %s %ld:%d\n", paths[i], t0 + (long)round * step, round);
            if (command(update) < 0) errors++;
        }
    }
    for (int round = 1; round <= rounds && !single; round++) {
        char buffer[4096];
        fputs("BATCH\n", out);
        for (int i = 0; i < metrics; i++) fprintf(out, "UPDATE %s %ld:%d\n", paths[i], t0 + (long)round * step, round);
        fputs(".\n", out); fflush(out);
        line(buffer, sizeof buffer);                 /* 0 Go ahead */
        line(buffer, sizeof buffer);                 /* N errors */
        long count = strtol(buffer, NULL, 10);
        errors += count;
        for (long i = 0; i < count; i++) line(buffer, sizeof buffer);
    }
    double accepted = now();
    command("FLUSHALL\n");
    long expected = before + (long)metrics * rounds;
    while (written() < expected) usleep(10000);
    double done = now();
    printf("accepted_per_s %.0f\nsustained_per_s %.0f\nerrors %ld\n",
           metrics * (double)rounds / (accepted - started), metrics * (double)rounds / (done - started), errors);
    return errors ? 1 : 0;
}

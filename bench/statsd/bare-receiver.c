// The physical limit for bench/statsd-ingest: a UDP receiver that only counts lines (newlines),
// with the same 8 MiB receive buffer as the daemon. Runs until SIGTERM, then prints the count.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static volatile sig_atomic_t stop = 0;
static void on_term(int signal) { (void)signal; stop = 1; }

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: bare-receiver PORT\n"); return 2; }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int size = 8 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1]))};
    inet_pton(AF_INET, "127.0.0.1", &at.sin_addr);
    if (bind(fd, (struct sockaddr *)&at, sizeof at) != 0) { perror("bind"); return 1; }
    struct sigaction action = {.sa_handler = on_term};
    sigaction(SIGTERM, &action, NULL);
    enum { BATCH = 64 };
    static char buffers[BATCH][65536];
    struct iovec iov[BATCH];
    struct mmsghdr messages[BATCH];
    for (int i = 0; i < BATCH; i++) {
        iov[i] = (struct iovec){buffers[i], sizeof buffers[i]};
        messages[i] = (struct mmsghdr){.msg_hdr = {.msg_iov = &iov[i], .msg_iovlen = 1}};
    }
    long lines = 0;
    printf("ready\n");
    fflush(stdout);
    while (!stop) {
        int n = recvmmsg(fd, messages, BATCH, 0, NULL);
        for (int i = 0; i < n; i++) {
            const char *p = buffers[i], *end = p + messages[i].msg_len;
            while ((p = memchr(p, '\n', end - p))) { lines++; p++; }
        }
    }
    printf("%ld\n", lines);
    return 0;
}

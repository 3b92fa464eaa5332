// openloop: an open-loop HTTP/1.1 load generator for the edge's /check endpoint.
//
// Why our own client: wrk is closed-loop (a slow answer delays the next request, so the tail hides) and a
// managed client on the same two cores costs more CPU per request than the server it measures. This one is a
// single thread on epoll: requests leave on a fixed schedule (start + k/rate), one outstanding request per
// keep-alive connection, and each latency is taken from the SCHEDULED send time, so any stall on either side
// (queueing for a free connection included) lands in the percentiles (no coordinated omission).
//
// usage: openloop HOST PORT RATE SECONDS TENANTS CONNECTIONS [WARMUP_SECONDS]
// Prints a human line and one JSON line; exits 1 when any request failed or the rate was not reached.
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNECTIONS 1024
#define RESPONSE_BUFFER 16384
#define FINE_BUCKETS 100000 // 1 µs resolution up to 100 ms
#define COARSE_BUCKETS 60000 // 1 ms resolution up to 60 s

typedef struct {
  int fd;
  int busy;
  int64_t scheduled_ns; // the scheduled send time of the request in flight
  size_t filled;
  char buffer[RESPONSE_BUFFER];
} connection;

typedef struct {
  uint64_t fine[FINE_BUCKETS];
  uint64_t coarse[COARSE_BUCKETS];
  uint64_t count;
  int64_t max_us;
} histogram;

static const char *const paths[] = {"/public/a", "/private/x", "/public/b", "/private/y"};

static connection connections[MAX_CONNECTIONS];
static histogram latencies;
static uint64_t allowed, denied, errors, completed;
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static uint32_t next_random(void) {
  // xorshift64*: cheap and good enough to spread tenants and paths
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (uint32_t)((rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

static void record(int64_t micros) {
  if (micros < 0) micros = 0;
  if (micros < FINE_BUCKETS) {
    latencies.fine[micros]++;
  } else {
    int64_t ms = micros / 1000;
    latencies.coarse[ms < COARSE_BUCKETS ? ms : COARSE_BUCKETS - 1]++;
  }
  if (micros > latencies.max_us) latencies.max_us = micros;
  latencies.count++;
}

static double percentile_ms(double p) {
  if (latencies.count == 0) return 0;
  uint64_t rank = (uint64_t)(p * (double)latencies.count);
  if (rank >= latencies.count) rank = latencies.count - 1;
  uint64_t seen = 0;
  for (int i = 0; i < FINE_BUCKETS; i++) {
    seen += latencies.fine[i];
    if (seen > rank) return i / 1000.0;
  }
  for (int i = 0; i < COARSE_BUCKETS; i++) {
    seen += latencies.coarse[i];
    if (seen > rank) return (double)i;
  }
  return latencies.max_us / 1000.0;
}

static int open_connection(const struct sockaddr_in *address) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect(fd, (const struct sockaddr *)address, sizeof *address) < 0 && errno != EINPROGRESS) {
    close(fd);
    return -1;
  }
  return fd;
}

// Sends one check on an idle connection: a random tenant, path and user (half the users are the tenant's admin).
static int send_request(connection *c, int tenants) {
  char request[512];
  uint32_t tenant = next_random() % (uint32_t)tenants;
  uint32_t pick = next_random();
  int length = snprintf(request, sizeof request,
                        "GET /check%s HTTP/1.1\r\nHost: 127.0.0.1\r\nx-tenant-id: t-%u\r\nx-user: %s-%u\r\n\r\n",
                        paths[pick & 3], tenant, (pick & 4) ? "user" : "viewer", tenant);
  ssize_t sent = send(c->fd, request, (size_t)length, MSG_NOSIGNAL);
  // A request this small always fits an empty socket buffer; a short write means the connection is broken.
  return sent == length ? 0 : -1;
}

// Finds the end of one complete response in the buffer; returns its length, 0 when incomplete, -1 on garbage.
static long complete_response(const char *data, size_t filled, int *status, int *has_reason) {
  const char *end = memmem(data, filled, "\r\n\r\n", 4);
  if (end == NULL) return filled >= RESPONSE_BUFFER ? -1 : 0;
  size_t header_length = (size_t)(end - data) + 4;
  if (filled < 12 || memcmp(data, "HTTP/1.1 ", 9) != 0) return -1;
  *status = atoi(data + 9);
  *has_reason = 0;
  long content_length = -1;
  int chunked = 0;
  for (const char *line = memchr(data, '\n', header_length); line != NULL && line < end;
       line = memchr(line + 1, '\n', (size_t)(end - line))) {
    const char *name = line + 1;
    if (strncasecmp(name, "content-length:", 15) == 0) content_length = atol(name + 15);
    else if (strncasecmp(name, "transfer-encoding: chunked", 26) == 0) chunked = 1;
    else if (strncasecmp(name, "x-tollgate-reason:", 18) == 0) *has_reason = 1;
  }
  if (content_length >= 0) {
    size_t total = header_length + (size_t)content_length;
    return filled >= total ? (long)total : 0;
  }
  if (!chunked) return (long)header_length;
  // Chunked body: walk "size\r\n data\r\n" pieces to the terminating zero-size chunk.
  size_t at = header_length;
  for (;;) {
    const char *crlf = memmem(data + at, filled - at, "\r\n", 2);
    if (crlf == NULL) return 0;
    long size = strtol(data + at, NULL, 16);
    at = (size_t)(crlf - data) + 2;
    if (size == 0) return filled >= at + 2 ? (long)(at + 2) : 0;
    at += (size_t)size + 2;
    if (at > filled) return 0;
  }
}

int main(int argc, char **argv) {
  if (argc < 7) {
    fprintf(stderr, "usage: openloop HOST PORT RATE SECONDS TENANTS CONNECTIONS [WARMUP_SECONDS]\n");
    return 2;
  }
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[2]))};
  if (inet_pton(AF_INET, argv[1], &address.sin_addr) != 1) {
    fprintf(stderr, "openloop: not an IPv4 address: %s\n", argv[1]);
    return 2;
  }
  int rate = atoi(argv[3]), seconds = atoi(argv[4]), tenants = atoi(argv[5]), count = atoi(argv[6]);
  int warmup = argc > 7 ? atoi(argv[7]) : 3;
  if (rate <= 0 || seconds <= 0 || tenants <= 0 || count <= 0 || count > MAX_CONNECTIONS || warmup < 0) {
    fprintf(stderr, "openloop: RATE, SECONDS, TENANTS > 0 and 1 <= CONNECTIONS <= %d\n", MAX_CONNECTIONS);
    return 2;
  }
  // The kernel's default 50 µs timer slack would show up as latency on every early wake-up.
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);

  int poller = epoll_create1(0);
  for (int i = 0; i < count; i++) {
    connections[i].fd = open_connection(&address);
    if (connections[i].fd < 0) {
      perror("openloop: connect");
      return 1;
    }
    struct epoll_event event = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
    epoll_ctl(poller, EPOLL_CTL_ADD, connections[i].fd, &event);
  }

  const int64_t interval = 1000000000LL / rate;
  const uint64_t warmup_requests = (uint64_t)rate * (uint64_t)warmup;
  const uint64_t total = warmup_requests + (uint64_t)rate * (uint64_t)seconds;
  // Requests whose time has come but that wait for a free connection, in schedule order.
  int64_t *backlog = calloc(total, sizeof *backlog);
  uint64_t backlog_head = 0, backlog_tail = 0;
  int *idle = malloc(sizeof(int) * (size_t)count);
  int idle_count = 0;
  for (int i = count - 1; i >= 0; i--) idle[idle_count++] = i;

  const int64_t start = now_ns() + 10000000; // 10 ms to settle the connects
  const int64_t measured_from = start + (int64_t)warmup_requests * interval;
  uint64_t scheduled = 0, finished = 0;
  int64_t deadline = start + (int64_t)total * interval + 10000000000LL;
  struct epoll_event events[64];

  while (finished < total) {
    int64_t now = now_ns();
    if (now > deadline) {
      fprintf(stderr, "openloop: %llu requests unanswered 10 s after the schedule ended\n",
              (unsigned long long)(total - finished));
      errors += total - finished;
      break;
    }
    while (scheduled < total && start + (int64_t)scheduled * interval <= now) {
      backlog[backlog_tail++] = start + (int64_t)scheduled * interval;
      scheduled++;
    }
    while (backlog_head < backlog_tail && idle_count > 0) {
      connection *c = &connections[idle[--idle_count]];
      c->busy = 1;
      c->scheduled_ns = backlog[backlog_head++];
      c->filled = 0;
      if (send_request(c, tenants) != 0) {
        fprintf(stderr, "openloop: send failed: %s\n", strerror(errno));
        return 1;
      }
    }
    struct timespec timeout = {1, 0};
    if (scheduled < total) {
      int64_t wait = start + (int64_t)scheduled * interval - now_ns();
      if (wait < 0) wait = 0;
      timeout.tv_sec = wait / 1000000000;
      timeout.tv_nsec = wait % 1000000000;
    }
    int ready = epoll_pwait2(poller, events, 64, &timeout, NULL);
    if (ready < 0 && errno != EINTR) {
      perror("openloop: epoll");
      return 1;
    }
    for (int e = 0; e < ready; e++) {
      connection *c = &connections[events[e].data.u32];
      ssize_t got = recv(c->fd, c->buffer + c->filled, RESPONSE_BUFFER - c->filled, 0);
      if (got <= 0) {
        if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        fprintf(stderr, "openloop: the server closed a connection (%s)\n", got == 0 ? "eof" : strerror(errno));
        return 1;
      }
      c->filled += (size_t)got;
      int status = 0, has_reason = 0;
      long length = complete_response(c->buffer, c->filled, &status, &has_reason);
      if (length < 0) {
        fprintf(stderr, "openloop: malformed response\n");
        return 1;
      }
      if (length == 0) continue;
      int64_t done = now_ns();
      if (c->scheduled_ns >= measured_from) {
        record((done - c->scheduled_ns) / 1000);
        if (status == 200) allowed++;
        else if (status == 403 && !has_reason) denied++;
        else {
          if (errors < 5) fprintf(stderr, "openloop: unexpected answer: %.*s\n", (int)(length < 300 ? length : 300), c->buffer);
          errors++;
        }
        completed++;
      }
      finished++;
      c->busy = 0;
      c->filled = 0;
      idle[idle_count++] = (int)(c - connections);
    }
  }

  double achieved = (double)completed / seconds;
  printf("target %d/s for %ds over %d connections, %d tenants: answered %llu (%.0f/s), errors %llu, allowed %llu, denied %llu\n",
         rate, seconds, count, tenants, (unsigned long long)completed, achieved, (unsigned long long)errors,
         (unsigned long long)allowed, (unsigned long long)denied);
  printf("latency ms (from scheduled send): p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f\n", percentile_ms(0.50),
         percentile_ms(0.90), percentile_ms(0.99), percentile_ms(0.999), latencies.max_us / 1000.0);
  printf("{\"rate_target\":%d,\"rate_achieved\":%.0f,\"tenants\":%d,\"connections\":%d,\"errors\":%llu,"
         "\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f}\n",
         rate, achieved, tenants, count, (unsigned long long)errors, percentile_ms(0.50), percentile_ms(0.90),
         percentile_ms(0.99), percentile_ms(0.999), latencies.max_us / 1000.0);
  return errors == 0 && completed == (uint64_t)rate * (uint64_t)seconds ? 0 : 1;
}

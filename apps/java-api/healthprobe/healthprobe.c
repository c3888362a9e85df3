/*
 * The image's HEALTHCHECK: GET http://127.0.0.1:$PORT/readyz (or argv[1]), exit 0 on a 200 and 1
 * otherwise. A few milliseconds of CPU where a JVM took 0.15 s or more, so it can probe every
 * 100 ms while the service starts without slowing that start; libc only (the runtime already
 * links it), and the image still needs no shell, curl or wget.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "/readyz";
  const char *port = getenv("PORT");
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port ? atoi(port) : 8080) };
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  /* Two seconds for each of connect, send and receive, as the Java probe had. */
  struct timeval timeout = { .tv_sec = 2 };
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) { perror("socket"); return 1; }
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  if (connect(fd, (struct sockaddr *)&address, sizeof address) < 0) { printf("GET %s failed: ", path); fflush(stdout); perror("connect"); return 1; }
  char request[512];
  int length = snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", path);
  if (length < 0 || length >= (int)sizeof request || send(fd, request, length, 0) != length) { printf("GET %s failed: could not send\n", path); return 1; }
  /* The status line is all that is read: "HTTP/1.1 200 ..." */
  char status[64] = { 0 };
  size_t got = 0;
  while (got < sizeof status - 1) {
    ssize_t n = recv(fd, status + got, sizeof status - 1 - got, 0);
    if (n <= 0) break;
    got += (size_t)n;
    if (memchr(status, '\n', got)) break;
  }
  close(fd);
  status[strcspn(status, "\r\n")] = '\0';
  puts(got ? status : "no response");
  return strncmp(status, "HTTP/1.1 200", 12) == 0 ? 0 : 1;
}

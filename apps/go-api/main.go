// Command go-api is a small net/http service, built into one static binary on scratch.
//
// It is built to run well as the only process of a minimal image (scratch, no shell):
//   - it handles SIGTERM/SIGINT itself and shuts down within shutdownTimeout;
//   - `go-api -healthcheck` probes its own /health on localhost and exits 0 or 1,
//     so a Docker HEALTHCHECK needs no shell and no curl;
//   - it writes nothing to disk, so it runs on a read-only root filesystem.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

// Injected at build time: go build -ldflags "-X main.version=1.2.3 -X main.revision=abc123".
var (
	version  = "dev"
	revision = "unknown"
)

const (
	defaultPort = "8080"
	// `docker stop` sends SIGTERM and waits (10 s by default) before SIGKILL; the image's
	// contract is to be gone within 2 s, so in-flight requests get 1.5 s to finish.
	shutdownTimeout = 1500 * time.Millisecond
	// Shorter than the image's HEALTHCHECK --timeout, so a hung probe reports itself.
	healthcheckTimeout = 2 * time.Second
)

func main() {
	os.Exit(run(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// run is main without the process globals, so tests can drive every mode.
func run(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("go-api", flag.ContinueOnError)
	flags.SetOutput(stderr)
	healthcheck := flags.Bool("healthcheck", false, "probe /health on localhost:$PORT, exit 0 if healthy and 1 if not")
	showVersion := flags.Bool("version", false, "print the version and exit")
	if err := flags.Parse(args); err != nil {
		return 2
	}

	port := getenv("PORT")
	if port == "" {
		port = defaultPort
	}

	switch {
	case *showVersion:
		fmt.Fprintln(stdout, versionString())
		return 0
	case *healthcheck:
		ctx, cancel := context.WithTimeout(context.Background(), healthcheckTimeout)
		defer cancel()
		if err := probe(ctx, net.JoinHostPort("127.0.0.1", port), "/health"); err != nil {
			fmt.Fprintln(stderr, "unhealthy:", err)
			return 1
		}
		return 0
	}

	logger := slog.New(slog.NewJSONHandler(stdout, nil))

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	// After the first signal, restore the default handling: a second Ctrl-C ends the
	// process at once instead of waiting for the graceful shutdown.
	context.AfterFunc(ctx, stop)

	ln, err := net.Listen("tcp", ":"+port)
	if err != nil {
		logger.Error("listen failed", "err", err)
		return 1
	}
	if err := serve(ctx, ln, newHandler(), logger); err != nil {
		logger.Error("server stopped", "err", err)
		return 1
	}
	return 0
}

// serve runs the HTTP server on ln until ctx is done, then shuts it down gracefully:
// it stops accepting, lets in-flight requests finish within shutdownTimeout, and
// closes whatever is left after that.
func serve(ctx context.Context, ln net.Listener, handler http.Handler, logger *slog.Logger) error {
	srv := &http.Server{
		Handler: handler,
		// Timeouts bound slow clients; net/http has none by default.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	logger.Info("listening", "addr", ln.Addr().String(), "version", version, "revision", revision)

	select {
	case err := <-served:
		return err // Serve only returns early on a listener failure.
	case <-ctx.Done():
	}

	logger.Info("shutting down", "timeout", shutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// probe answers the -healthcheck flag: nil if GET path on addr answers 200 within ctx.
//
// It speaks HTTP/1.1 over a plain TCP connection and parses the answer with
// http.ReadResponse instead of using http.Client: the client's transport (and its
// HTTP/2 half) would add about 0.5 MB, 7% of the image, for one request on localhost.
// No proxy variables apply to it either.
func probe(ctx context.Context, addr, path string) error {
	var dialer net.Dialer
	conn, err := dialer.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	if _, err := fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: go-api-healthcheck\r\nConnection: close\r\n\r\n", path, addr); err != nil {
		return err
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return nil
}

func versionString() string {
	return fmt.Sprintf("go-api %s (revision %s, %s)", version, revision, runtime.Version())
}

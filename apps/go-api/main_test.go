package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startServe runs serve on a free loopback port and returns its address, a cancel
// function standing in for SIGTERM, and a channel that receives serve's result.
func startServe(t *testing.T, handler http.Handler) (string, context.CancelFunc, <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, handler, slog.New(slog.DiscardHandler)) }()
	return ln.Addr().String(), cancel, done
}

func TestServeAnswersAndStopsOnSignal(t *testing.T) {
	addr, cancel, done := startServe(t, newHandler())

	if err := probe(t.Context(), addr, "/health"); err != nil {
		t.Fatalf("health probe against the running server: %v", err)
	}

	start := time.Now()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v, want nil after a clean shutdown", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("serve did not return within 2 s of the shutdown signal")
	}
	t.Logf("idle shutdown took %v", time.Since(start))

	if err := probe(t.Context(), addr, "/health"); err == nil {
		t.Fatal("server still answers after shutdown")
	}
}

func TestShutdownLetsInFlightRequestFinish(t *testing.T) {
	entered := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		close(entered)
		time.Sleep(300 * time.Millisecond)
		_, _ = io.WriteString(w, "finished")
	})
	addr, cancel, done := startServe(t, slow)

	body := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + addr)
		if err != nil {
			body <- "error: " + err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		body <- string(b)
	}()
	<-entered
	cancel()

	if got := <-body; got != "finished" {
		t.Fatalf("in-flight request got %q, want it to finish during the graceful shutdown", got)
	}
	if err := <-done; err != nil {
		t.Fatalf("serve returned %v, want nil", err)
	}
}

func TestShutdownGivesUpAfterTimeout(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	entered := make(chan struct{})
	stuck := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		close(entered)
		<-release
	})
	addr, cancel, done := startServe(t, stuck)

	go func() {
		if resp, err := http.Get("http://" + addr); err == nil {
			resp.Body.Close()
		}
	}()
	<-entered
	start := time.Now()
	cancel()

	select {
	case err := <-done:
		if err == nil {
			t.Fatal("serve returned nil, want the shutdown timeout reported")
		}
		if elapsed := time.Since(start); elapsed < shutdownTimeout || elapsed > 2*time.Second {
			t.Fatalf("gave up after %v, want between %v and 2s", elapsed, shutdownTimeout)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("serve did not return within 3 s although a request hangs")
	}
}

func TestProbe(t *testing.T) {
	healthy := httptest.NewServer(newHandler())
	defer healthy.Close()
	if err := probe(t.Context(), healthy.Listener.Addr().String(), "/health"); err != nil {
		t.Errorf("healthy server: %v", err)
	}

	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer failing.Close()
	if err := probe(t.Context(), failing.Listener.Addr().String(), "/health"); err == nil || !strings.Contains(err.Error(), "503") {
		t.Errorf("server answering 503: err = %v, want it to name the status", err)
	}

	garbage, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer garbage.Close()
	go func() {
		if conn, err := garbage.Accept(); err == nil {
			_, _ = io.WriteString(conn, "SSH-2.0-not-http\r\n")
			conn.Close()
		}
	}()
	if err := probe(t.Context(), garbage.Addr().String(), "/health"); err == nil {
		t.Error("server answering something that is not HTTP: err = nil, want a parse error")
	}

	hanging, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer hanging.Close() // accepts (in the kernel backlog) and never answers
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := probe(ctx, hanging.Addr().String(), "/health"); err == nil || time.Since(start) > time.Second {
		t.Errorf("server that never answers: err = %v after %v, want a timeout at the context deadline", err, time.Since(start))
	}

	closed := httptest.NewServer(newHandler())
	closed.Close()
	if err := probe(t.Context(), closed.Listener.Addr().String(), "/health"); err == nil {
		t.Error("closed port: err = nil, want a connection error")
	}
}

// portOf returns the port of an httptest server, as the PORT variable would give it.
func portOf(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	return port
}

func TestRunHealthcheckFlag(t *testing.T) {
	srv := httptest.NewServer(newHandler())
	env := func(key string) string {
		if key == "PORT" {
			return portOf(t, srv)
		}
		return ""
	}
	var stdout, stderr bytes.Buffer

	if code := run([]string{"-healthcheck"}, env, &stdout, &stderr); code != 0 {
		t.Fatalf("exit code %d (stderr %q), want 0 while the server is up", code, stderr.String())
	}

	srv.Close()
	stderr.Reset()
	if code := run([]string{"-healthcheck"}, env, &stdout, &stderr); code != 1 {
		t.Fatalf("exit code %d, want 1 once the server is gone", code)
	}
	if !strings.Contains(stderr.String(), "unhealthy") {
		t.Fatalf("stderr %q, want it to say why", stderr.String())
	}
}

func TestRunVersionFlag(t *testing.T) {
	oldVersion, oldRevision := version, revision
	version, revision = "1.2.3", "abc123"
	t.Cleanup(func() { version, revision = oldVersion, oldRevision })

	var stdout bytes.Buffer
	if code := run([]string{"-version"}, func(string) string { return "" }, &stdout, io.Discard); code != 0 {
		t.Fatalf("exit code %d, want 0", code)
	}
	if got := stdout.String(); !strings.Contains(got, "go-api 1.2.3") || !strings.Contains(got, "abc123") {
		t.Fatalf("output %q, want the version and revision", got)
	}
}

func TestRunRejectsUnknownFlag(t *testing.T) {
	if code := run([]string{"-nope"}, func(string) string { return "" }, io.Discard, io.Discard); code != 2 {
		t.Fatalf("exit code %d, want 2 for a usage error", code)
	}
}

func TestRunFailsWhenPortIsTaken(t *testing.T) {
	ln, err := net.Listen("tcp", ":0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())

	var stdout bytes.Buffer
	env := func(key string) string {
		if key == "PORT" {
			return port
		}
		return ""
	}
	if code := run(nil, env, &stdout, io.Discard); code != 1 {
		t.Fatalf("exit code %d, want 1 when the port is in use", code)
	}
	if !strings.Contains(stdout.String(), "listen failed") {
		t.Fatalf("log %q, want it to say the listen failed", stdout.String())
	}
}

// The whole path a container takes: run serves until the process gets SIGTERM
// (what `docker stop` sends) and exits 0 within the 2 s the image's contract allows.
func TestRunStopsOnSIGTERM(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ln.Close()
	env := func(key string) string {
		if key == "PORT" {
			return port
		}
		return ""
	}

	exited := make(chan int, 1)
	go func() { exited <- run(nil, env, io.Discard, io.Discard) }()

	// Signal only once it answers: by then run has installed its signal handler,
	// so the SIGTERM cannot kill the test binary instead.
	deadline := time.Now().Add(5 * time.Second)
	for probe(t.Context(), "127.0.0.1:"+port, "/health") != nil {
		if time.Now().After(deadline) {
			t.Fatal("server did not answer within 5 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}

	select {
	case code := <-exited:
		if code != 0 {
			t.Fatalf("exit code %d after SIGTERM, want 0", code)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("run did not return within 2 s of SIGTERM")
	}
}

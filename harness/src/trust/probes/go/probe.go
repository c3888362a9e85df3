// The TLS probe for Go images (a static binary on scratch or distroless): built with the Go
// toolchain image the apps build with, it verifies through crypto/x509's system roots exactly
// as net/http does in the image: which bundle Go reads there, whether it verifies a real public
// chain (offline, at a fixed date), and a live handshake to a package registry.
// Prints one JSON line (the shape harness/src/trust/probe.ts reads); the harness decides.
//
//	probe CHAIN.pem AT DNS-NAME HOST PORT
package main

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"strings"
	"time"
)

type verdict struct {
	Store        string   `json:"store,omitempty"`
	Certificates int      `json:"certificates,omitempty"`
	Target       string   `json:"target,omitempty"`
	Reachable    bool     `json:"reachable"`
	OK           bool     `json:"ok"`
	Detail       string   `json:"detail"`
	PeerChain    []string `json:"peerChain,omitempty"`
}

// Where crypto/x509 looks on Linux (root_linux.go), first SSL_CERT_FILE.
var certFiles = []string{
	"/etc/ssl/certs/ca-certificates.crt",
	"/etc/pki/tls/certs/ca-bundle.crt",
	"/etc/ssl/ca-bundle.pem",
	"/etc/pki/tls/cacert.pem",
	"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
	"/etc/ssl/cert.pem",
}

func bundle() (string, int) {
	files := certFiles
	if f := os.Getenv("SSL_CERT_FILE"); f != "" {
		files = []string{f}
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		n := 0
		for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
			if block.Type == "CERTIFICATE" {
				n++
			}
		}
		return f, n
	}
	return "", 0
}

func pemOf(c *x509.Certificate) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw}))
}

func offline(chainFile string, at time.Time, dnsName string) verdict {
	v := verdict{Store: "Go's system roots (crypto/x509, as net/http uses them)"}
	data, err := os.ReadFile(chainFile)
	if err != nil {
		v.Detail = err.Error()
		return v
	}
	var chain []*x509.Certificate
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			v.Detail = err.Error()
			return v
		}
		chain = append(chain, c)
	}
	intermediates := x509.NewCertPool()
	for _, c := range chain[1:] {
		intermediates.AddCert(c)
	}
	// Roots nil: the system pool, read from the image's files.
	chains, err := chain[0].Verify(x509.VerifyOptions{DNSName: dnsName, Intermediates: intermediates, CurrentTime: at})
	if err != nil {
		v.Detail = err.Error()
		return v
	}
	names := []string{}
	for _, c := range chains[0] {
		names = append(names, c.Subject.CommonName)
	}
	v.OK, v.Detail = true, strings.Join(names, " <- ")
	return v
}

func live(host, port string) verdict {
	v := verdict{Target: net.JoinHostPort(host, port)}
	conn, err := tls.DialWithDialer(&net.Dialer{Timeout: 10 * time.Second}, "tcp", v.Target, &tls.Config{ServerName: host})
	if err == nil {
		defer conn.Close()
		peers := conn.ConnectionState().PeerCertificates
		v.Reachable, v.OK, v.Detail = true, true, fmt.Sprintf("verified (%s)", peers[0].Subject.CommonName)
		for _, c := range peers {
			v.PeerChain = append(v.PeerChain, pemOf(c))
		}
		return v
	}
	v.Detail = err.Error()
	var refused *tls.CertificateVerificationError
	if errors.As(err, &refused) {
		v.Reachable = true
		for _, c := range refused.UnverifiedCertificates {
			v.PeerChain = append(v.PeerChain, pemOf(c))
		}
	}
	return v
}

func main() {
	if len(os.Args) != 6 {
		fmt.Fprintln(os.Stderr, "usage: probe CHAIN.pem AT DNS-NAME HOST PORT")
		os.Exit(2)
	}
	at, err := time.Parse(time.RFC3339, os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	path, n := bundle()
	source := "no bundle in any place crypto/x509 looks"
	if path != "" {
		source = path
	}
	_ = json.NewEncoder(os.Stdout).Encode(map[string]any{
		"runtime": runtime.Version(),
		"bundle":  map[string]any{"source": source, "certificates": n},
		"offline": []verdict{offline(os.Args[1], at, os.Args[3])},
		"live":    live(os.Args[4], os.Args[5]),
	})
}

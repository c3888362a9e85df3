package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// do sends one request through the router and returns the recorded response.
func do(t *testing.T, method, path, contentType, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	newHandler().ServeHTTP(rec, req)
	return rec
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type = %q, want application/json", ct)
	}
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("body %q is not the expected JSON: %v", rec.Body.String(), err)
	}
	return v
}

func TestHealth(t *testing.T) {
	rec := do(t, http.MethodGet, "/health", "", "")
	if rec.Code != http.StatusOK {
		t.Fatalf("status = %d, want 200", rec.Code)
	}
	if got := decode[map[string]string](t, rec); got["status"] != "ok" {
		t.Fatalf("body = %v, want status ok", got)
	}
}

func TestVersionReportsInjectedValues(t *testing.T) {
	oldVersion, oldRevision := version, revision
	version, revision = "1.2.3", "abc123"
	t.Cleanup(func() { version, revision = oldVersion, oldRevision })

	got := decode[map[string]string](t, do(t, http.MethodGet, "/version", "", ""))
	if got["version"] != "1.2.3" || got["revision"] != "abc123" || !strings.HasPrefix(got["go"], "go") {
		t.Fatalf("body = %v, want version 1.2.3, revision abc123 and the Go version", got)
	}
}

func TestRoot(t *testing.T) {
	got := decode[map[string]string](t, do(t, http.MethodGet, "/", "", ""))
	if got["message"] != welcome {
		t.Fatalf("message = %q, want %q", got["message"], welcome)
	}
}

func TestUnknownPathIs404(t *testing.T) {
	if rec := do(t, http.MethodGet, "/nope", "", ""); rec.Code != http.StatusNotFound {
		t.Fatalf("status = %d, want 404", rec.Code)
	}
}

func TestWrongMethodIs405(t *testing.T) {
	rec := do(t, http.MethodGet, "/api/greetings", "", "")
	if rec.Code != http.StatusMethodNotAllowed {
		t.Fatalf("status = %d, want 405", rec.Code)
	}
	if allow := rec.Header().Get("Allow"); !strings.Contains(allow, "POST") {
		t.Fatalf("Allow = %q, want it to list POST", allow)
	}
}

func TestGreeting(t *testing.T) {
	tests := []struct {
		name, body   string
		wantGreeting string
		wantLanguage string
	}{
		{"default language", `{"name":"Ada"}`, "Hello, Ada!", "en"},
		{"chosen language", `{"name":"Ada","language":"fr"}`, "Bonjour, Ada !", "fr"},
		{"name is trimmed", `{"name":"  Grace  ","language":"de"}`, "Hallo, Grace!", "de"},
		{"non-ASCII name", `{"name":"Émilie","language":"es"}`, "¡Hola, Émilie!", "es"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, http.MethodPost, "/api/greetings", "application/json", tt.body)
			if rec.Code != http.StatusOK {
				t.Fatalf("status = %d (%s), want 200", rec.Code, rec.Body)
			}
			got := decode[greetingResponse](t, rec)
			if got.Greeting != tt.wantGreeting || got.Language != tt.wantLanguage {
				t.Fatalf("got %+v, want greeting %q in %q", got, tt.wantGreeting, tt.wantLanguage)
			}
		})
	}
}

func TestGreetingRejectsBadRequests(t *testing.T) {
	tests := []struct {
		name, contentType, body string
		wantStatus              int
		wantField               string // for 422: the field that must be named
	}{
		{"no content type", "", `{"name":"Ada"}`, http.StatusUnsupportedMediaType, ""},
		{"form body", "application/x-www-form-urlencoded", "name=Ada", http.StatusUnsupportedMediaType, ""},
		{"malformed JSON", "application/json", `{"name":`, http.StatusBadRequest, ""},
		{"unknown field", "application/json", `{"name":"Ada","admin":true}`, http.StatusBadRequest, ""},
		{"two objects", "application/json", `{"name":"Ada"}{"name":"Bob"}`, http.StatusBadRequest, ""},
		{"wrong type", "application/json", `{"name":42}`, http.StatusBadRequest, ""},
		{"too large", "application/json", `{"name":"` + strings.Repeat("a", maxBodyBytes) + `"}`, http.StatusRequestEntityTooLarge, ""},
		{"missing name", "application/json", `{}`, http.StatusUnprocessableEntity, "name"},
		{"blank name", "application/json", `{"name":"   "}`, http.StatusUnprocessableEntity, "name"},
		{"long name", "application/json", `{"name":"` + strings.Repeat("é", maxNameRunes+1) + `"}`, http.StatusUnprocessableEntity, "name"},
		{"control character", "application/json", `{"name":"Ada\u0007"}`, http.StatusUnprocessableEntity, "name"},
		{"unknown language", "application/json", `{"name":"Ada","language":"xx"}`, http.StatusUnprocessableEntity, "language"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(t, http.MethodPost, "/api/greetings", tt.contentType, tt.body)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d (%s), want %d", rec.Code, rec.Body, tt.wantStatus)
			}
			got := decode[errorResponse](t, rec)
			if got.Error == "" {
				t.Fatalf("body %s has no error message", rec.Body)
			}
			if tt.wantField != "" && got.Fields[tt.wantField] == "" {
				t.Fatalf("fields = %v, want a message for %q", got.Fields, tt.wantField)
			}
		})
	}
}

func TestLongNameAtTheLimitIsAccepted(t *testing.T) {
	body := `{"name":"` + strings.Repeat("é", maxNameRunes) + `"}`
	if rec := do(t, http.MethodPost, "/api/greetings", "application/json; charset=utf-8", body); rec.Code != http.StatusOK {
		t.Fatalf("status = %d (%s), want 200 for a name of exactly %d characters", rec.Code, rec.Body, maxNameRunes)
	}
}

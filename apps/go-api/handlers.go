package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"runtime"
	"strings"
	"unicode"
	"unicode/utf8"
)

// welcome is what GET / says; the development target's reload check edits this line.
const welcome = "Hello from go-api"

const (
	// Request bodies beyond this are refused with 413 before they are decoded.
	maxBodyBytes = 1 << 10
	maxNameRunes = 50
)

// greetings maps a language code to its greeting format.
var greetings = map[string]string{
	"en": "Hello, %s!",
	"fr": "Bonjour, %s !",
	"de": "Hallo, %s!",
	"es": "¡Hola, %s!",
}

// newHandler routes requests. Method-qualified patterns (Go 1.22) answer 405 with an
// Allow header for a wrong method, so the handlers need no method checks of their own.
func newHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", handleHealth)
	mux.HandleFunc("GET /version", handleVersion)
	mux.HandleFunc("GET /{$}", handleRoot)
	mux.HandleFunc("POST /api/greetings", handleGreeting)
	return mux
}

func handleHealth(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func handleVersion(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{
		"version":  version,
		"revision": revision,
		"go":       runtime.Version(),
	})
}

func handleRoot(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"service": "go-api", "message": welcome})
}

type greetingRequest struct {
	Name     string `json:"name"`
	Language string `json:"language"`
}

type greetingResponse struct {
	Greeting string `json:"greeting"`
	Language string `json:"language"`
}

type errorResponse struct {
	Error  string            `json:"error"`
	Fields map[string]string `json:"fields,omitempty"`
}

// handleGreeting answers POST /api/greetings {"name": "Ada", "language": "fr"}.
// 415 for a body that is not JSON, 413 for one over maxBodyBytes, 400 for malformed
// JSON or unknown fields, 422 for well-formed JSON that fails validation.
func handleGreeting(w http.ResponseWriter, r *http.Request) {
	if mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mediaType != "application/json" {
		writeJSON(w, http.StatusUnsupportedMediaType, errorResponse{Error: "Content-Type must be application/json"})
		return
	}

	var req greetingRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeJSON(w, http.StatusRequestEntityTooLarge, errorResponse{Error: fmt.Sprintf("body is larger than %d bytes", maxBodyBytes)})
			return
		}
		writeJSON(w, http.StatusBadRequest, errorResponse{Error: "malformed JSON: " + err.Error()})
		return
	}
	if dec.More() {
		writeJSON(w, http.StatusBadRequest, errorResponse{Error: "body must hold a single JSON object"})
		return
	}

	name, language, problems := validateGreeting(req)
	if len(problems) > 0 {
		writeJSON(w, http.StatusUnprocessableEntity, errorResponse{Error: "validation failed", Fields: problems})
		return
	}
	writeJSON(w, http.StatusOK, greetingResponse{
		Greeting: fmt.Sprintf(greetings[language], name),
		Language: language,
	})
}

// validateGreeting returns the cleaned name and language, or a message per bad field.
func validateGreeting(req greetingRequest) (name, language string, problems map[string]string) {
	problems = map[string]string{}

	name = strings.TrimSpace(req.Name)
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		problems["name"] = "is required"
	case n > maxNameRunes:
		problems["name"] = fmt.Sprintf("must be at most %d characters", maxNameRunes)
	case strings.ContainsFunc(name, unicode.IsControl):
		problems["name"] = "must not contain control characters"
	}

	language = req.Language
	if language == "" {
		language = "en"
	}
	if _, ok := greetings[language]; !ok {
		problems["language"] = "must be one of de, en, es, fr"
	}
	return name, language, problems
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	// The status line is already sent; an encoding error here can only be a broken
	// connection, which there is no one left to tell.
	_ = json.NewEncoder(w).Encode(body)
}

module example.com/go-api

// 1.26.0, not the host's patch release: any Go 1.26 toolchain builds it without
// GOTOOLCHAIN downloading a newer one (which an air-gapped build could not do).
go 1.26.0

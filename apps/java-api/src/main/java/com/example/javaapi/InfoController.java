package com.example.javaapi;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET / and GET /version. */
@RestController
class InfoController {

	/** What GET / says; the development target's reload check edits this line. */
	static final String WELCOME = "Hello from java-api";

	private final String version;

	private final String revision;

	InfoController(@Value("${app.version}") String version, @Value("${app.revision}") String revision) {
		this.version = version;
		this.revision = revision;
	}

	@GetMapping("/")
	Map<String, String> root() {
		return Map.of("service", "java-api", "message", WELCOME);
	}

	@GetMapping("/version")
	Map<String, String> version() {
		return Map.of("version", this.version, "revision", this.revision, "java", Runtime.version().toString());
	}
}

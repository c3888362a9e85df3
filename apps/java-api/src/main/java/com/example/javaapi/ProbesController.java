package com.example.javaapi;

import java.util.Map;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /livez and GET /readyz: Spring Boot's own availability states (what the actuator's liveness
 * and readiness groups report), answered as the actuator does: 200 {"status":"UP"}, or 503 with
 * "DOWN" (broken) or "OUT_OF_SERVICE" (refusing traffic, as during a graceful shutdown). Not the
 * actuator itself: its endpoint machinery was 350 classes loaded at every start for two answers.
 */
@RestController
class ProbesController {

	private final ApplicationAvailability availability;

	ProbesController(ApplicationAvailability availability) {
		this.availability = availability;
	}

	@GetMapping("/livez")
	ResponseEntity<Map<String, String>> liveness() {
		return status(this.availability.getLivenessState() == LivenessState.CORRECT, "DOWN");
	}

	@GetMapping("/readyz")
	ResponseEntity<Map<String, String>> readiness() {
		return status(this.availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC, "OUT_OF_SERVICE");
	}

	private static ResponseEntity<Map<String, String>> status(boolean up, String otherwise) {
		return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", up ? "UP" : otherwise));
	}
}

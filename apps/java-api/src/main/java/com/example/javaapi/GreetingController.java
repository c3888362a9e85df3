package com.example.javaapi;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/greetings {"name": "Ada", "language": "fr"} answers {"greeting": "Bonjour, Ada !", "language": "fr"}. */
@RestController
class GreetingController {

	private static final Map<String, String> FORMATS = Map.of(
			"en", "Hello, %s!",
			"fr", "Bonjour, %s !",
			"de", "Hallo, %s!",
			"es", "¡Hola, %s!");

	record GreetingRequest(
			@NotBlank(message = "is required") @Size(max = 50, message = "must be at most 50 characters")
			@Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String name,
			@Pattern(regexp = "de|en|es|fr", message = "must be one of de, en, es, fr") String language) {
	}

	record GreetingResponse(String greeting, String language) {
	}

	@PostMapping(path = "/api/greetings", consumes = MediaType.APPLICATION_JSON_VALUE)
	GreetingResponse greet(@Valid @RequestBody GreetingRequest request) {
		String language = request.language() == null ? "en" : request.language();
		return new GreetingResponse(FORMATS.get(language).formatted(request.name().strip()), language);
	}
}

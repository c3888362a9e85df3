package com.example.javaapi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The service over real HTTP: one context for every test, on a random port. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "app.version=9.9.9-test", "app.revision=abc123" })
class ApiTest {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@Test
	void greetsInTheRequestedLanguage() throws Exception {
		HttpResponse<String> response = postJson("/api/greetings", "{\"name\":\"Ada\",\"language\":\"fr\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"greeting\":\"Bonjour, Ada !\"").contains("\"language\":\"fr\"");
	}

	@Test
	void defaultsToEnglish() throws Exception {
		assertThat(postJson("/api/greetings", "{\"name\":\"Grace\"}").body()).contains("Hello, Grace!");
	}

	@Test
	void rejectsInvalidFieldsWith400AndAMessagePerField() throws Exception {
		HttpResponse<String> response = postJson("/api/greetings", "{\"name\":\" \",\"language\":\"xx\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"name\":\"is required\"").contains("\"language\":\"must be one of de, en, es, fr\"");
	}

	@Test
	void rejectsMalformedJsonWith400() throws Exception {
		assertThat(postJson("/api/greetings", "{\"name\":").statusCode()).isEqualTo(400);
	}

	@Test
	void rejectsANameOver50Characters() throws Exception {
		HttpResponse<String> response = postJson("/api/greetings", "{\"name\":\"" + "a".repeat(51) + "\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("must be at most 50 characters");
	}

	@Test
	void rejectsControlCharactersInTheName() throws Exception {
		HttpResponse<String> response = postJson("/api/greetings", "{\"name\":\"A\\u0007da\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"name\":\"must not contain control characters\"");
	}

	@Test
	void reportsTheBuildVersion() throws Exception {
		HttpResponse<String> response = get("/version");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"version\":\"9.9.9-test\"").contains("\"revision\":\"abc123\"");
	}

	@Test
	void saysHello() throws Exception {
		assertThat(get("/").body()).contains(InfoController.WELCOME);
	}

	@Test
	void servesLivenessAndReadiness() throws Exception {
		assertThat(get("/livez").statusCode()).isEqualTo(200);
		assertThat(get("/readyz").statusCode()).isEqualTo(200);
		assertThat(get("/readyz").body()).isEqualTo("{\"status\":\"UP\"}");
	}
}

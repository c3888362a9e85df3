package com.example.javaapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The image's HEALTHCHECK: GET http://127.0.0.1:$PORT/readyz, exit 0 on 200 and 1 otherwise.
 * A plain socket and java.base only, so it starts in a small JVM without Spring on the class
 * path, and the image needs no curl, wget or shell.
 */
public final class HealthProbe {

	private HealthProbe() {
	}

	public static void main(String[] args) {
		int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
		String path = args.length > 0 ? args[0] : "/readyz";
		String status = probe("127.0.0.1", port, path, 2_000);
		System.out.println(status);
		System.exit(status.startsWith("HTTP/1.1 200") ? 0 : 1);
	}

	/** The response's status line, or what went wrong. */
	static String probe(String host, int port, String path, int timeoutMs) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), timeoutMs);
			socket.setSoTimeout(timeoutMs);
			String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			String statusLine = reader.readLine();
			return statusLine == null ? "no response" : statusLine;
		}
		catch (IOException exception) {
			return "GET " + path + " failed: " + exception;
		}
	}
}

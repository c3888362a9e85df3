package com.example.javaapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The java-api service: a small JSON API, shipped as a multi-stage image on a jlink runtime. */
@SpringBootApplication
public class JavaApiApplication {

	public static void main(String[] args) {
		// Tomcat's JULI gives the console handler the JDK's two-line format unless told otherwise:
		// its lines then look like Spring Boot's (which logs through java.util.logging here too).
		System.setProperty("org.apache.juli.formatter", "org.springframework.boot.logging.java.SimpleFormatter");
		SpringApplication.run(JavaApiApplication.class, args);
	}
}

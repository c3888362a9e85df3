package com.example.javaapi;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 400 with a one-line reason for a body that is not JSON of the expected shape, instead of Spring's generic error body. */
@RestControllerAdvice
class BadRequestAdvice {

	@ExceptionHandler(HttpMessageNotReadableException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	Map<String, Object> unreadable() {
		return Map.of("error", "the body is not a JSON object of the expected shape");
	}
}

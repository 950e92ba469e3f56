package org.truce.http;

/** One offending field of a request and what is allowed there. */
public record FieldError(String field, String message) {}

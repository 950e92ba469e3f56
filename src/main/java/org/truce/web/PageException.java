package org.truce.web;

import java.time.Duration;

/** An error of a web page, answered as an HTML page by {@link Pages} (the API's errors stay problem+json). */
final class PageException extends RuntimeException {

  final int status;
  final String title;
  final Duration retryAfter;

  PageException(int status, String title, String message, Duration retryAfter) {
    super(message);
    this.status = status;
    this.title = title;
    this.retryAfter = retryAfter;
  }

  static PageException forbidden(String message) {
    return new PageException(403, "Forbidden", message, null);
  }
}

package org.truce.web;

import java.time.Duration;

/**
 * An error of a web page, answered as an HTML page in the reader's language by {@link Pages} (the API's errors
 * stay problem+json). Title and message are message keys; the message's {0} … are args.
 */
final class PageException extends RuntimeException {

  final int status;
  final String titleKey;
  final String messageKey;
  final transient Object[] args;
  final Duration retryAfter;

  PageException(int status, String titleKey, String messageKey, Duration retryAfter, Object... args) {
    super(messageKey);
    this.status = status;
    this.titleKey = titleKey;
    this.messageKey = messageKey;
    this.args = args;
    this.retryAfter = retryAfter;
  }

  static PageException forbidden(String messageKey, Object... args) {
    return new PageException(403, "error.forbidden", messageKey, null, args);
  }

  static PageException notFound() {
    return new PageException(404, "error.notFound", "error.notFound.message", null);
  }
}

package org.truce.http;

import java.util.List;
import java.util.Map;

/** An error that is an HTTP answer: turned into an RFC 9457 problem document by {@link Problems}. */
public class ApiException extends RuntimeException {

  private final int status;
  private final String title;
  private final List<FieldError> errors;
  private final Map<String, Object> extra;

  public ApiException(int status, String title, String detail, List<FieldError> errors, Map<String, Object> extra) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.extra = extra == null ? Map.of() : Map.copyOf(extra);
  }

  public static ApiException badRequest(String detail, List<FieldError> errors) {
    return new ApiException(400, "Malformed request", detail, errors, null);
  }

  public static ApiException invalid(List<FieldError> errors) {
    return new ApiException(422, "Invalid input", errors.size() + " field(s) are not valid", errors, null);
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "Not found", what + " was not found", List.of(), null);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "Unauthorized", "A valid 'Authorization: Bearer <token>' header is required", List.of(), null);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "Forbidden", detail, List.of(), null);
  }

  public static ApiException conflict(String detail, List<FieldError> errors) {
    return new ApiException(409, "Conflict", detail, errors, null);
  }

  public static ApiException tooLarge(String detail) {
    return new ApiException(413, "Payload too large", detail, List.of(new FieldError("body", detail)), null);
  }

  public static ApiException unsupportedMediaType(String detail) {
    return new ApiException(415, "Unsupported media type", detail, List.of(new FieldError("Content-Type", detail)), null);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, Object> extra() {
    return extra;
  }
}

package io.etp.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;

/**
 * An error answer: the status plus a JSON body {@code {"error":"<reason_code>","message":"<text>"}}. Every error the
 * API returns has this shape (docs/api.md lists the codes).
 */
public record ApiProblem(StatusCode status, String code, String message, List<HttpHeader> headers) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public ApiProblem(StatusCode status, String code, String message) {
    this(status, code, message, List.of());
  }

  public HttpResponse response() {
    String body = MAPPER.createObjectNode().put("error", code).put("message", message).toString();
    return HttpResponse.create().withStatus(status).addHeaders(headers)
        .withEntity(ContentTypes.APPLICATION_JSON, body);
  }
}

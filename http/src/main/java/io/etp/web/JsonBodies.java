package io.etp.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The one JSON reader for request bodies and client messages: a document is one JSON value and nothing after it, so
 * {@code {"a":1}{"b":2}} or {@code {"a":1} trailing} is refused instead of being read as its first value.
 */
public final class JsonBodies {

  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonBodies() {}

  /** The document as a tree; fails on malformed JSON and on anything after the first value. */
  public static JsonNode readTree(String text) throws IOException {
    return STRICT.readTree(text);
  }
}

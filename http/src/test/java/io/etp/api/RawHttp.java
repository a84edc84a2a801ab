package io.etp.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, as curl would send it, for the headers the JDK client refuses to set (Host,
 * Connection, Upgrade): one request per connection, the status code and body back.
 */
public final class RawHttp {

  /** The status line's code, the response head and the body (up to 64 KiB; WebSocket upgrades: the head only). */
  public record Response(int status, String head, String body) {}

  private RawHttp() {}

  public static Response send(int port, String method, String path, Map<String, String> headers) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
      if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Connection"))) {
        request.append("Connection: close\r\n");
      }
      request.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      boolean upgrade = headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Upgrade"));
      while (read.size() < 65_536 && (n = in.read(buf)) > 0) {
        read.write(buf, 0, n);
        String sofar = read.toString(StandardCharsets.ISO_8859_1);
        int headEnd = sofar.indexOf("\r\n\r\n");
        if (upgrade && headEnd > 0 && (sofar.startsWith("HTTP/1.1 101")
            || read.size() - headEnd - 4 >= contentLength(sofar.substring(0, headEnd)))) {
          break; // an upgrade keeps the socket open: the handshake answer (and its body) is all we want
        }
      }
      String text = read.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      String body = end < 0 ? "" : text.substring(end + 4);
      int status = Integer.parseInt(head.substring(9, 12));
      return new Response(status, head, body);
    }
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    return 0;
  }

  /** A WebSocket upgrade request's headers, plus {@code extra}. */
  public static Map<String, String> upgrade(Map<String, String> extra) {
    java.util.LinkedHashMap<String, String> h = new java.util.LinkedHashMap<>(Map.of(
        "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version", "13"));
    h.putAll(extra);
    return h;
  }
}

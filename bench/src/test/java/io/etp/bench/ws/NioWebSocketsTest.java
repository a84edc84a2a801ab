package io.etp.bench.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The load client's own WebSocket client against a real Pekko HTTP server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NioWebSocketsTest {

  private static final String LARGE = "x".repeat(200_000);

  private ActorSystem system;
  private ServerBinding binding;

  @BeforeAll
  void start() throws Exception {
    system = ActorSystem.create("nio-ws-test", ConfigFactory.parseString(
        "pekko.actor.provider = local\npekko.http.server.websocket.periodic-keep-alive-max-idle = 100ms"));
    // sends a small message, a large one, one streamed in fragments, then (after a pause with keep-alive pings)
    // closes; /refuse answers a plain 403
    Flow<Message, Message, ?> handler = Flow.fromSinkAndSourceCoupled(Sink.ignore(),
        Source.<Message>from(List.of(TextMessage.create("hello"), TextMessage.create(LARGE),
                TextMessage.create(Source.from(List.of("frag", "ment", "ed")))))
            .concat(Source.<Message>empty().initialDelay(Duration.ofMillis(400))));
    binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(Directives.concat(
            Directives.path("ws", () -> Directives.handleWebSocketMessages(handler)),
            Directives.path("refuse", () -> Directives.complete(StatusCodes.FORBIDDEN))))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  void stop() throws Exception {
    binding.unbind().toCompletableFuture().get(5, TimeUnit.SECONDS);
    system.terminate();
  }

  private URI uri(String path) {
    return URI.create("ws://127.0.0.1:" + binding.localAddress().getPort() + path);
  }

  @Test
  void receivesSmallLargeAndFragmentedMessagesAnswersPingsAndSeesTheServerClose() throws Exception {
    BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    BlockingQueue<String> closes = new LinkedBlockingQueue<>();
    try (NioWebSockets sockets = new NioWebSockets((text, at) -> texts.add(text), closes::add)) {
      sockets.connect(uri("/ws"), null).get(10, TimeUnit.SECONDS);
      assertEquals("hello", texts.poll(5, TimeUnit.SECONDS));
      assertEquals(LARGE, texts.poll(5, TimeUnit.SECONDS), "a 200 kB message in one 64-bit-length frame");
      assertEquals("fragmented", texts.poll(5, TimeUnit.SECONDS), "a streamed message reassembled");
      String closed = closes.poll(5, TimeUnit.SECONDS);
      assertTrue(closed != null && closed.startsWith("closed"), String.valueOf(closed));
      assertTrue(texts.isEmpty(), texts.toString());
    }
  }

  @Test
  void aRefusedHandshakeFailsTheConnectionWithTheStatus() throws Exception {
    try (NioWebSockets sockets = new NioWebSockets((text, at) -> { }, reason -> { })) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> sockets.connect(uri("/refuse"), null).get(10, TimeUnit.SECONDS));
      assertTrue(e.getCause().getMessage().contains("403"), e.getCause().getMessage());
    }
  }
}

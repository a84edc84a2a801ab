package io.etp.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;

/**
 * The WebSocket handler for one {@code /ws/events} connection: sends the hub's stream for this subscriber as JSON text
 * messages, and reads subscribe messages that replace the filter. Incoming messages may arrive streamed; each is read
 * whole within {@code etp.live.read-timeout}. It runs behind {@link BoundedWebSocket}, which closes the connection
 * with 1009 before a message over {@code etp.live.max-client-message} bytes reaches it. Replies to the client
 * (SUBSCRIBED, ERROR) go through a small bounded queue.
 *
 * <p>A client that connects with {@code batch=true} accepts frames holding a JSON array of messages: the events that
 * reached its backlog while its socket was still writing the previous frame (a burst, or a slow link) are sent
 * together as one array, in order, at most {@link #MAX_BATCH} per frame; a socket that keeps up still gets one object
 * per frame. One frame and one TCP write for a burst instead of one per message is what lets a node feed 1,000
 * subscribers during the fleet's bursts (docs/benchmarks.md, "WebSocket fan-out").
 */
public final class LiveSocket {

  private static final int CONTROL_BUFFER = 16;

  /** Most messages in one batched frame; also the most a batching client holds beyond its client buffer. */
  static final int MAX_BATCH = 128;

  private LiveSocket() {}

  /**
   * A handler flow for one connection of {@code callerId}, starting with {@code initial} filter at {@code resume}; it
   * is registered in {@code connections} while open, so that revoking the caller's key closes it.
   */
  public static Flow<Message, Message, NotUsed> flow(EventHub hub, LiveSettings settings, EventFilter initial,
                                                     EventHub.Resume resume, LiveConnections connections,
                                                     String callerId, boolean batched) {
    return Flow.<Message, Message, NotUsed>fromMaterializer((materializer, attributes) ->
            connection(hub, settings, initial, resume, materializer, connections, callerId, batched))
        .mapMaterializedValue(ignored -> NotUsed.getInstance());
  }

  private static Flow<Message, Message, NotUsed> connection(EventHub hub, LiveSettings settings, EventFilter initial,
                                                            EventHub.Resume resume, Materializer materializer,
                                                            LiveConnections connections, String callerId,
                                                            boolean batched) {
    AtomicReference<EventFilter> filter = new AtomicReference<>(initial);
    Pair<BoundedSourceQueue<Outbound>, Source<Outbound, NotUsed>> control =
        Source.<Outbound>queue(CONTROL_BUFFER).preMaterialize(materializer);
    BoundedSourceQueue<Outbound> replies = control.first();

    // Messages over etp.live.max-client-message bytes never get here: BoundedWebSocket closes the connection with 1009
    Sink<Message, NotUsed> in = Flow.<Message>create()
        .mapAsync(1, message -> read(message, settings, materializer))
        .to(Sink.foreach(text -> {
          ClientMessage parsed = text
              .map(LiveJson::readClientMessage)
              .orElseGet(() -> new ClientMessage.Invalid("binary_not_supported", "send JSON text messages"));
          if (parsed instanceof ClientMessage.Subscribe subscribe) {
            filter.set(subscribe.filter());
            replies.offer(new Outbound.Subscribed(subscribe.filter()));
          } else if (parsed instanceof ClientMessage.Invalid invalid) {
            replies.offer(new Outbound.Error(invalid.code(), invalid.message()));
          }
        }))
        .mapMaterializedValue(done -> NotUsed.getInstance());

    // A chunk is what reached this subscriber since its stream last took its backlog (see EventHub): a batching
    // socket sends it as one frame, any other socket message by message.
    Source<List<Outbound>, UniqueKillSwitch> chunks = hub.subscribeChunks(resume, filter::get, batched ? MAX_BATCH : Integer.MAX_VALUE)
        .merge(control.second().map(List::of))
        .viaMat(KillSwitches.single(), Keep.right());
    Source<Message, UniqueKillSwitch> out = (batched
        ? chunks.map(chunk -> frame(texts(hub, chunk)))
        : chunks.mapConcat(chunk -> texts(hub, chunk)))
        .map(text -> (Message) TextMessage.create(text));
    Source<Message, NotUsed> socket = out
        .watchTermination((killSwitch, done) -> {
          connections.opened(callerId, killSwitch);
          done.whenComplete((d, t) -> {
            connections.closed(callerId, killSwitch);
            replies.complete();
          });
          return NotUsed.getInstance();
        });
    return Flow.fromSinkAndSourceCoupled(in, socket);
  }

  private static List<String> texts(EventHub hub, List<Outbound> chunk) {
    List<String> texts = new ArrayList<>(chunk.size());
    for (Outbound out : chunk) {
      texts.add(hub.json(out));
    }
    return texts;
  }

  /** One message as itself, several as a JSON array of them in order. */
  static String frame(List<String> messages) {
    return messages.size() == 1 ? messages.get(0) : "[" + String.join(",", messages) + "]";
  }

  /** The message's whole text, or empty for a binary message (whose bytes are drained). */
  private static CompletionStage<Optional<String>> read(Message message, LiveSettings settings,
                                                                   Materializer materializer) {
    if (message.isText()) {
      return message.asTextMessage().getStreamedText()
          .completionTimeout(settings.readTimeout())
          .runFold(new StringBuilder(), StringBuilder::append, materializer)
          .thenApply(text -> Optional.of(text.toString()));
    }
    return message.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), materializer)
        .thenApply(done -> Optional.empty());
  }
}

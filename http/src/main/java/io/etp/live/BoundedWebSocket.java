package io.etp.live;

import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.event.Logging;
import org.apache.pekko.http.impl.engine.ws.FrameEvent;
import org.apache.pekko.http.impl.engine.ws.FrameEvent$;
import org.apache.pekko.http.impl.engine.ws.FrameStart;
import org.apache.pekko.http.impl.engine.ws.UpgradeToWebSocketLowLevel;
import org.apache.pekko.http.impl.engine.ws.WebSocket$;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BidiShape;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Graph;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import scala.Option;

/**
 * A WebSocket upgrade whose incoming messages are bounded in bytes: a data message (all its frames together) longer
 * than the limit closes the connection with status 1009 ("message too big", RFC 6455 section 7.4.1), before its data
 * is read. The check reads the frame headers' declared lengths, so an oversized message is refused at its first
 * frame over the limit and never buffered.
 *
 * <p>Why not {@code handleWebSocketMessages}: Pekko HTTP 1.3 gives a message handler no way to choose the close
 * status; a handler that completes closes with 1000 and one that fails closes with 1011 and logs an ERROR with a stack
 * trace. So this class hands Pekko's own WebSocket stack (the same one {@code handleMessages} uses: masking, control
 * frames, message assembly, close handshake) to the upgrade's frame-level entry point with one stage below it that
 * counts message bytes. Both entry points are Pekko HTTP internals ({@code UpgradeToWebSocketLowLevel.handleFrames},
 * {@code WebSocket.stack}); LiveEventsWebSocketTest checks the whole path against the JDK's WebSocket client, so an
 * upgrade of Pekko HTTP that changes them fails there.
 */
public final class BoundedWebSocket {

  /** RFC 6455: the endpoint received a message too big for it to process. */
  static final int MESSAGE_TOO_BIG = 1009;

  private BoundedWebSocket() {}

  /**
   * The 101 response that runs {@code handler} on the upgraded connection; a client message over {@code maxBytes}
   * runs {@code onTooBig} once and closes the connection with 1009.
   */
  public static HttpResponse handle(WebSocketUpgrade upgrade, Flow<Message, Message, ?> handler, long maxBytes,
                                    Runnable onTooBig, ActorSystem system) {
    if (!(upgrade instanceof UpgradeToWebSocketLowLevel lowLevel)) {
      throw new IllegalStateException("Pekko HTTP's WebSocket upgrade is not the expected one: " + upgrade.getClass());
    }
    @SuppressWarnings({"unchecked", "rawtypes"}) // the Scala signature's Message types do not reach javac intact
    BidiFlow<FrameEvent, org.apache.pekko.http.scaladsl.model.ws.Message, org.apache.pekko.http.scaladsl.model.ws.Message,
        FrameEvent, NotUsed> stack = (BidiFlow) WebSocket$.MODULE$.stack(true, ServerSettings.apply(system.settings().config()).websocketSettings(),
        WebSocket$.MODULE$.stack$default$3(), Logging.getLogger(system, BoundedWebSocket.class)).asJava();
    Flow<org.apache.pekko.http.scaladsl.model.ws.Message, org.apache.pekko.http.scaladsl.model.ws.Message, ?> messages =
        Flow.<org.apache.pekko.http.scaladsl.model.ws.Message>create()
            .map(Message::adapt)
            .via(handler)
            .map(Message::asScala);
    Flow<FrameEvent, FrameEvent, NotUsed> frames = BidiFlow.fromGraph(new MessageSizeGuard(maxBytes, onTooBig))
        .join(stack.join(messages));
    @SuppressWarnings({"unchecked", "rawtypes"})
    Graph<FlowShape<FrameEvent, FrameEvent>, Object> graph = (Graph) frames;
    return lowLevel.handleFrames(graph, Option.empty());
  }

  /**
   * Between the frame parser and Pekko's WebSocket stack: passes frames both ways, adding up the declared lengths of a
   * message's data frames (a continuation frame adds to its message, a text or binary frame starts a new one; control
   * frames are not counted: the parser bounds them to 125 bytes). Over the limit it stops reading, shuts the stack
   * down, sends a close frame with 1009 and ends the connection.
   */
  static final class MessageSizeGuard extends GraphStage<BidiShape<FrameEvent, FrameEvent, FrameEvent, FrameEvent>> {

    private final Inlet<FrameEvent> fromClient = Inlet.create("MessageSizeGuard.fromClient");
    private final Outlet<FrameEvent> toStack = Outlet.create("MessageSizeGuard.toStack");
    private final Inlet<FrameEvent> fromStack = Inlet.create("MessageSizeGuard.fromStack");
    private final Outlet<FrameEvent> toClient = Outlet.create("MessageSizeGuard.toClient");
    private final BidiShape<FrameEvent, FrameEvent, FrameEvent, FrameEvent> shape =
        new BidiShape<>(fromClient, toStack, fromStack, toClient);
    private final long maxBytes;
    private final Runnable onTooBig;

    MessageSizeGuard(long maxBytes, Runnable onTooBig) {
      if (maxBytes < 1) {
        throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
      }
      this.maxBytes = maxBytes;
      this.onTooBig = onTooBig;
    }

    @Override
    public BidiShape<FrameEvent, FrameEvent, FrameEvent, FrameEvent> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attributes) {
      return new GraphStageLogic(shape) {
        private long messageBytes;

        {
          setHandler(fromClient, new AbstractInHandler() {
            @Override
            public void onPush() {
              FrameEvent frame = grab(fromClient);
              if (frame instanceof FrameStart start && !start.header().opcode().isControl()) {
                boolean continuation = start.header().opcode().code() == 0;
                messageBytes = (continuation ? messageBytes : 0) + start.header().length();
                if (messageBytes > maxBytes) {
                  tooBig();
                  return;
                }
              }
              push(toStack, frame);
            }

            @Override
            public void onUpstreamFinish() {
              complete(toStack);
            }

            @Override
            public void onUpstreamFailure(Throwable failure) {
              fail(toStack, failure);
            }
          });
          setHandler(toStack, new AbstractOutHandler() {
            @Override
            public void onPull() {
              pull(fromClient);
            }

            @Override
            public void onDownstreamFinish(Throwable cause) {
              cancel(fromClient, cause);
            }
          });
          setHandler(fromStack, new AbstractInHandler() {
            @Override
            public void onPush() {
              push(toClient, grab(fromStack));
            }

            @Override
            public void onUpstreamFinish() {
              complete(toClient);
            }

            @Override
            public void onUpstreamFailure(Throwable failure) {
              fail(toClient, failure);
            }
          });
          setHandler(toClient, new AbstractOutHandler() {
            @Override
            public void onPull() {
              pull(fromStack);
            }

            @Override
            public void onDownstreamFinish(Throwable cause) {
              cancel(fromStack, cause);
            }
          });
        }

        private void tooBig() {
          onTooBig.run();
          cancel(fromClient);
          complete(toStack);
          cancel(fromStack);
          emit(toClient, FrameEvent$.MODULE$.closeFrame(MESSAGE_TOO_BIG, "message too big", Option.empty()),
              () -> completeStage());
        }
      };
    }
  }
}

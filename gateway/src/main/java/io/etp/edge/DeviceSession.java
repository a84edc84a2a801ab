package io.etp.edge;

import io.etp.protocol.EtpCodec;
import io.etp.protocol.EtpProtocolException;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.ReasonCode;
import io.etp.protocol.v1.TerminationCode;
import io.etp.protocol.signing.SignatureVerifier;
import io.etp.protocol.validation.ConnectionAuthenticator;
import io.etp.protocol.validation.ConnectionState;
import io.etp.protocol.validation.TokenBucketRateLimiter;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one device connection does with each inbound frame, free of streams and actors: rate limit, decode,
 * authenticate and validate ({@link ConnectionAuthenticator}), check the role against the key ({@link RolePolicy}) and
 * the gateway's bounds ({@link EdgeBounds}), route to the cluster, and decide the error frames and whether to close.
 * Not thread-safe: the connection's inbound stage calls it, one frame at a time.
 *
 * <p>The connection's role is the role of the sender's key ({@link EdgeKeys}), never the one the device claims: a
 * hello or frame claiming another role is refused with {@code ROLE_NOT_PERMITTED}, logged at WARN, counted, and the
 * connection closes. Routing once authenticated (docs/edge.md): a battery device's messages go to its own twin
 * (whatever their {@code recipient_id}); an aggregator agent's Query, Bid, BidConfirm and Terminate go to the battery
 * twin named in {@code recipient_id}; what {@link RolePolicy} does not permit is refused. Every routed message carries
 * the key's role in {@code sender_role}.
 *
 * <p>Every refused frame is answered with an error frame. Refusals count towards the connection's bad-frame limit,
 * except {@code DEADLINE_EXPIRED} (a late message is a symptom of queueing, counted as {@code LATE_FRAMES}) and
 * {@code RATE_LIMITED}; a refused hello, a role claim and a framing error close the connection at once.
 */
public final class DeviceSession {

  /** Where the session hands what it admitted. */
  public interface Twins {
    /**
     * The hello passed: the connection is now the endpoint of {@code deviceId}.
     *
     * @param deviceId the authenticated sender id
     * @param role battery or aggregator
     */
    void connected(String deviceId, PeerRole role);

    /** @param message an admitted message for a battery twin, named in its {@code recipient_id} */
    void toBattery(EtpMessage message);
  }

  /**
   * The session's verdict on one frame.
   *
   * @param replies frames to send back (error frames), in order
   * @param closeWith set when the connection must close after the replies, with the counter saying why
   */
  public record Outcome(List<EtpMessage> replies, Optional<EdgeMetrics.Counter> closeWith) {
    static final Outcome NOTHING = new Outcome(List.of(), Optional.empty());

    static Outcome reply(EtpMessage m) {
      return new Outcome(List.of(m), Optional.empty());
    }

    static Outcome close(EtpMessage m, EdgeMetrics.Counter why) {
      return new Outcome(List.of(m), Optional.of(why));
    }
  }

  private static final Logger log = LoggerFactory.getLogger(DeviceSession.class);

  private final ConnectionAuthenticator authenticator;
  private final EdgeKeys keys;
  private final SignatureVerifier helloVerifier;
  private final EdgeBounds bounds;
  private final Clock clock;
  private final TokenBucketRateLimiter rateLimiter;
  private final int maxBadFrames;
  private final ErrorFrames errors;
  private final EdgeMetrics metrics;
  private final Twins twins;
  private ConnectionState state = ConnectionState.AwaitingHello.INSTANCE;
  private int badFrames;

  /**
   * @param authenticator the hello and per-message checks
   * @param keys the device keys and the role each allows
   * @param bounds the gateway's upper bounds on prices and energies
   * @param clock the node clock (key validity of a refused hello's signature)
   * @param rateLimiter this connection's token bucket
   * @param maxBadFrames bad frames tolerated; the next closes the connection
   * @param errors builds error frames
   * @param metrics counters
   * @param twins where admitted messages go
   */
  public DeviceSession(ConnectionAuthenticator authenticator, EdgeKeys keys, EdgeBounds bounds, Clock clock,
      TokenBucketRateLimiter rateLimiter, int maxBadFrames, ErrorFrames errors, EdgeMetrics metrics, Twins twins) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.helloVerifier = new SignatureVerifier(keys);
    this.bounds = Objects.requireNonNull(bounds, "bounds");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    this.maxBadFrames = maxBadFrames;
    this.errors = Objects.requireNonNull(errors, "errors");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.twins = Objects.requireNonNull(twins, "twins");
  }

  /** @return the authenticated device id, or empty before the hello */
  public String deviceId() {
    return state instanceof ConnectionState.Authenticated a ? a.senderId() : "";
  }

  /**
   * @param payload one frame's payload
   * @return the replies and whether to close
   */
  public Outcome onFrame(byte[] payload) {
    metrics.increment(EdgeMetrics.Counter.FRAMES_IN);
    ValidationResult rate = rateLimiter.tryAcquire("connection");
    if (rate instanceof ValidationResult.Invalid limited) {
      metrics.increment(EdgeMetrics.Counter.RATE_LIMITED);
      metrics.refused(limited.reason());
      return Outcome.reply(errors.protocolError(deviceId(), 0, "", limited.reason(), limited.detail()));
    }
    EtpMessage message;
    try {
      message = EtpCodec.decode(payload);
    } catch (EtpProtocolException e) {
      return bad(0, "", e.reason(), e.getMessage());
    }
    boolean hello = state instanceof ConnectionState.AwaitingHello;
    if (hello && claimsNoDeviceRole(message)) {
      return refuseRole(message, "a device hello must claim the role of its key, it claims "
          + message.getSenderRole());
    }
    ConnectionAuthenticator.Transition t = authenticator.onMessage(state, message);
    state = t.next();
    if (t.result() instanceof ValidationResult.Invalid invalid) {
      if (state instanceof ConnectionState.Refused) {
        metrics.refused(invalid.reason());
        metrics.increment(EdgeMetrics.Counter.BAD_FRAMES);
        return Outcome.close(errors.protocolError("", message.getMessageId(), message.getNegotiationId(),
            invalid.reason(), invalid.detail()), EdgeMetrics.Counter.CLOSED_UNAUTHENTICATED);
      }
      if (invalid.reason() == ReasonCode.REASON_CODE_UNAUTHENTICATED) {
        log.warn("device {} refused: a frame claims sender {}", deviceId(), message.getSenderId());
      }
      return bad(message.getMessageId(), message.getNegotiationId(), invalid.reason(), invalid.detail());
    }
    ConnectionState.Authenticated who = (ConnectionState.Authenticated) state;
    PeerRole keyRole = keys.roleOf(who.senderId()).orElse(PeerRole.PEER_ROLE_UNSPECIFIED);
    RolePolicy.Verdict verdict = RolePolicy.decide(keyRole, message);
    if (verdict instanceof RolePolicy.Refuse refuse) {
      if (hello || refuse.closes()) {
        return refuseRole(message, refuse.detail());
      }
      log.warn("device {} ({}) refused: {}", who.senderId(), EdgeKeys.roleName(keyRole), refuse.detail());
      return bad(message.getMessageId(), message.getNegotiationId(), refuse.reason(), refuse.detail());
    }
    ValidationResult bounded = bounds.check(message);
    if (bounded instanceof ValidationResult.Invalid tooLarge) {
      if (hello) {
        state = new ConnectionState.Refused(tooLarge.detail());
        metrics.refused(tooLarge.reason());
        metrics.increment(EdgeMetrics.Counter.BAD_FRAMES);
        return Outcome.close(errors.protocolError("", message.getMessageId(), message.getNegotiationId(),
            tooLarge.reason(), tooLarge.detail()), EdgeMetrics.Counter.CLOSED_UNAUTHENTICATED);
      }
      return bad(message.getMessageId(), message.getNegotiationId(), tooLarge.reason(), tooLarge.detail());
    }
    EtpMessage stamped = message.getSenderRole() == keyRole ? message
        : message.toBuilder().setSenderRole(keyRole).build();
    if (hello) {
      state = new ConnectionState.Authenticated(who.senderId(), keyRole);
      twins.connected(who.senderId(), keyRole);
    }
    if (verdict instanceof RolePolicy.Ignore || (hello && keyRole != PeerRole.PEER_ROLE_BATTERY)) {
      return Outcome.NOTHING;
    }
    if (keyRole == PeerRole.PEER_ROLE_AGGREGATOR && message.getRecipientId().isEmpty()) {
      return bad(message.getMessageId(), message.getNegotiationId(), ReasonCode.REASON_CODE_MISSING_FIELD,
          "recipient_id (the battery) is required");
    }
    route(keyRole, who.senderId(), stamped);
    return Outcome.NOTHING;
  }

  /**
   * Whether a hello claims no device role (the gateway's, none, an unknown one) and is signed with the sender's key:
   * then it is a role claim to refuse, not an unauthenticated hello.
   */
  private boolean claimsNoDeviceRole(EtpMessage hello) {
    PeerRole claimed = hello.getSenderRole();
    return hello.hasMessageType() && hello.getMessageType() == MessageType.REGISTER
        && claimed != PeerRole.PEER_ROLE_BATTERY && claimed != PeerRole.PEER_ROLE_AGGREGATOR
        && keys.roleOf(hello.getSenderId()).isPresent()
        && helloVerifier.verify(hello, clock.instant()).isValid();
  }

  /** Refuses a role the sender's key does not allow: WARN, counted, error frame, connection closed. */
  private Outcome refuseRole(EtpMessage m, String detail) {
    ReasonCode reason = ReasonCode.REASON_CODE_ROLE_NOT_PERMITTED;
    log.warn("device {} refused and disconnected: {} (message {}, {} claiming {})", m.getSenderId(), detail,
        m.getMessageId(), m.getMessageType(), m.getSenderRole());
    String recipient = deviceId();
    state = new ConnectionState.Refused(detail);
    metrics.refused(reason);
    metrics.increment(EdgeMetrics.Counter.BAD_FRAMES);
    return Outcome.close(errors.protocolError(recipient, m.getMessageId(), m.getNegotiationId(), reason, detail),
        EdgeMetrics.Counter.CLOSED_ROLE_REFUSED);
  }

  /**
   * @param e the framing error that ended the inbound byte stream (its position is lost)
   * @return the error frame, closing the connection
   */
  public Outcome onFramingError(EtpProtocolException e) {
    metrics.increment(EdgeMetrics.Counter.BAD_FRAMES);
    metrics.refused(e.reason());
    return Outcome.close(errors.protocolError(deviceId(), 0, "", e.reason(), e.getMessage()),
        EdgeMetrics.Counter.CLOSED_FRAMING);
  }

  /** @return the frame telling an idle device it is being disconnected */
  public Outcome onIdle() {
    return Outcome.close(errors.closing(deviceId(), TerminationCode.TERMINATION_CODE_TIMEOUT,
        "no frame within the idle timeout"), EdgeMetrics.Counter.CLOSED_IDLE);
  }

  private void route(PeerRole role, String senderId, EtpMessage m) {
    if (role == PeerRole.PEER_ROLE_BATTERY && !m.getRecipientId().equals(senderId)) {
      twins.toBattery(m.toBuilder().setRecipientId(senderId).build());
    } else {
      twins.toBattery(m);
    }
    metrics.increment(EdgeMetrics.Counter.MESSAGES_ROUTED);
  }

  private Outcome bad(long messageId, String negotiationId, ReasonCode reason, String detail) {
    metrics.refused(reason);
    EtpMessage error = errors.protocolError(deviceId(), messageId, negotiationId, reason, detail);
    if (reason == ReasonCode.REASON_CODE_DEADLINE_EXPIRED) {
      // late, not malformed: queueing on the way is not the device's fault, so it never closes the connection
      metrics.increment(EdgeMetrics.Counter.LATE_FRAMES);
      return Outcome.reply(error);
    }
    badFrames++;
    metrics.increment(EdgeMetrics.Counter.BAD_FRAMES);
    if (badFrames >= maxBadFrames) {
      return Outcome.close(error, EdgeMetrics.Counter.CLOSED_AFTER_BAD_FRAMES);
    }
    return Outcome.reply(error);
  }
}

package io.etp.edge.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.typesafe.config.ConfigFactory;
import io.etp.edge.DeviceSession;
import io.etp.edge.EdgeBounds;
import io.etp.edge.EdgeKeys;
import io.etp.edge.EdgeMetrics;
import io.etp.edge.ErrorFrames;
import io.etp.protocol.EtpCodec;
import io.etp.protocol.signing.DeviceKey;
import io.etp.protocol.signing.MessageSigner;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.ReasonCode;
import io.etp.protocol.v1.TerminationCode;
import io.etp.protocol.validation.ConnectionAuthenticator;
import io.etp.protocol.validation.MessageGate;
import io.etp.protocol.validation.TokenBucketRateLimiter;
import io.etp.protocol.validation.ValidationLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Fuzz target: the gateway's real {@link DeviceSession} fed a frame SEQUENCE, as one device connection would send it:
 * a hello (signed by a battery key, an aggregator key, or an unknown sender; sometimes claiming another role), then
 * up to 64 frames, each either a message built from the input and signed with the connection's key (so the fuzzer
 * gets past the signature and into the role policy, the bounds and the routing), the same message with a byte
 * flipped after signing, a replay of an earlier frame, or raw garbage. The twins are an {@link ActorTestKit}
 * {@link TestProbe}: every routed message is received there and checked.
 *
 * <p>Invariants, per frame: it is answered (an error frame with a specific reason code, counted in
 * {@link EdgeMetrics} under that reason), or routed to the probe (carrying the key's role, a battery's always to its
 * own twin, an aggregator's never to its own id), or accepted without forwarding (an aggregator's hello, a repeated
 * aggregator Register); no other exception. After a closing outcome no more frames are fed (the connection closes).
 * The total frames fed is counted in {@link #FRAMES} and printed when the fuzzer stops.
 */
class DeviceSessionFuzzTest {

  /** Frames fed to sessions in this JVM (the long run's figure is frames, not inputs). */
  static final AtomicLong FRAMES = new AtomicLong();
  static final AtomicLong ROUTED = new AtomicLong();
  static final AtomicLong ANSWERED = new AtomicLong();
  static final AtomicLong ACCEPTED_SILENTLY = new AtomicLong();

  private static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String[] IDS = {"bess-1", "agg-1", "bess-2", "ghost", "", "agg-1 ", "bess-1\u0000"};
  private static final EdgeKeys KEYS = new EdgeKeys();
  private static final DeviceKey BESS = key("bess-1", PeerRole.PEER_ROLE_BATTERY, 1);
  private static final DeviceKey AGG = key("agg-1", PeerRole.PEER_ROLE_AGGREGATOR, 2);
  private static final DeviceKey BESS2 = key("bess-2", PeerRole.PEER_ROLE_BATTERY, 3);
  private static final DeviceKey GHOST = DeviceKey.of("ghost", "k1", secret(4), Instant.EPOCH,
      Instant.parse("9999-01-01T00:00:00Z"));
  private static final ActorTestKit KIT = ActorTestKit.create("device-session-fuzz",
      ConfigFactory.parseString("pekko.actor.provider = local\npekko.loglevel = WARNING")
          .withFallback(ConfigFactory.defaultReference()));
  private static final TestProbe<EtpMessage> PROBE = KIT.createTestProbe();

  /** Routed messages told to the probe and not yet received back from it. */
  private static final List<EtpMessage> PENDING = new ArrayList<>();
  /** How many routed messages are received from the probe at once (one wait per batch, not per frame). */
  private static final int PROBE_BATCH = 256;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(DeviceSessionFuzzTest::printFigures));
  }

  @FuzzTest(maxDuration = FuzzChecks.CI_DURATION)
  void frameSequenceIsAnsweredRoutedOrCounted(FuzzedDataProvider data) {
    fuzzerTestOneInput(data);
  }

  /**
   * Receives what the session told the probe since the last drain and checks it is exactly what was routed, in order.
   */
  private static void drainProbe() {
    if (PENDING.isEmpty()) {
      return;
    }
    List<EtpMessage> received = PROBE.receiveSeveralMessages(PENDING.size(), Duration.ofSeconds(30));
    FuzzChecks.check(received.equals(PENDING), "the twins' probe receives every routed message once, in order");
    PENDING.clear();
  }

  /** Called by Jazzer's command line when the run ends. */
  public static void fuzzerTearDown() {
    drainProbe();
    PROBE.expectNoMessage(Duration.ofMillis(200));
    printFigures();
    KIT.shutdownTestKit();
  }

  private static void printFigures() {
    System.out.println("DeviceSessionFuzzTest: frames=" + FRAMES.get() + " answered=" + ANSWERED.get() + " routed="
        + ROUTED.get() + " acceptedWithoutForwarding=" + ACCEPTED_SILENTLY.get());
  }

  /**
   * The target, also the entry point of Jazzer's command line (bench/scripts/fuzz-long.sh).
   *
   * @param data the fuzzer's input
   */
  public static void fuzzerTestOneInput(FuzzedDataProvider data) {
    EdgeMetrics metrics = new EdgeMetrics();
    ActorRef<EtpMessage> probe = PROBE.getRef();
    long[] routedHere = {0};
    String[] connected = {null};
    PeerRole[] connectedRole = {null};
    EtpMessage[] sentToProbe = {null};
    DeviceSession.Twins twins = new DeviceSession.Twins() {
      @Override
      public void connected(String deviceId, PeerRole role) {
        FuzzChecks.check(connected[0] == null, "a connection is connected once");
        connected[0] = deviceId;
        connectedRole[0] = role;
      }

      @Override
      public void toBattery(EtpMessage message) {
        routedHere[0]++;
        sentToProbe[0] = message;
        probe.tell(message);
      }
    };
    int burst = data.consumeInt(1, 200);
    DeviceSession session = new DeviceSession(
        new ConnectionAuthenticator(MessageGate.create(ValidationLimits.DEFAULTS, KEYS, CLOCK)), KEYS,
        EdgeBounds.DEFAULTS, CLOCK, new TokenBucketRateLimiter(burst, burst, 1, CLOCK), data.consumeInt(1, 8),
        new ErrorFrames("gw", CLOCK), metrics, twins);
    DeviceKey key = data.pickValue(new DeviceKey[] {BESS, AGG, BESS2, GHOST});
    long messageId = 1;
    byte[] last = null;
    int frames = data.consumeInt(1, 64);
    for (int i = 0; i < frames && data.remainingBytes() > 0; i++) {
      byte[] frame;
      int kind = data.consumeInt(0, 9);
      if (kind <= 5) {
        frame = EtpCodec.encode(message(data, key, messageId++, i == 0 && data.consumeBoolean()));
      } else if (kind == 6) {
        frame = EtpCodec.encode(message(data, key, messageId++, false));
        if (frame.length > 0) {
          int at = data.consumeInt(0, frame.length - 1);
          frame[at] ^= (byte) data.consumeInt(1, 255);
        }
      } else if (kind == 7 && last != null) {
        frame = last;
      } else {
        frame = data.consumeBytes(data.consumeInt(0, 300));
      }
      last = frame;
      long routedBefore = routedHere[0];
      long refusedBefore = refusals(metrics);
      FRAMES.incrementAndGet();
      DeviceSession.Outcome outcome = session.onFrame(frame);
      FuzzChecks.check(outcome != null && outcome.replies() != null && outcome.closeWith() != null,
          "an outcome names its replies and whether to close");
      long routed = routedHere[0] - routedBefore;
      FuzzChecks.check(routed <= 1, "a frame is routed at most once");
      if (!outcome.replies().isEmpty()) {
        FuzzChecks.check(routed == 0, "an answered frame is not also routed");
        FuzzChecks.check(outcome.replies().size() == 1, "a refused frame gets one error frame");
        EtpMessage error = outcome.replies().get(0);
        FuzzChecks.check(error.hasReasonCode() && error.getReasonCode() != ReasonCode.REASON_CODE_UNSPECIFIED,
            "an error frame names a specific reason code: " + error);
        FuzzChecks.check(refusals(metrics) == refusedBefore + 1, "every refusal is counted by its reason");
        ANSWERED.incrementAndGet();
      } else if (routed == 1) {
        FuzzChecks.check(outcome.closeWith().isEmpty(), "a routed frame does not close the connection");
        EtpMessage m = sentToProbe[0];
        checkRouted(m, connected[0], connectedRole[0]);
        PENDING.add(m);
        if (PENDING.size() >= PROBE_BATCH) {
          drainProbe();
        }
        ROUTED.incrementAndGet();
      } else {
        FuzzChecks.check(connectedRole[0] == PeerRole.PEER_ROLE_AGGREGATOR,
            "only an aggregator's hello or repeated Register is accepted without forwarding or answer");
        FuzzChecks.check(refusals(metrics) == refusedBefore, "an accepted frame is not counted as refused");
        ACCEPTED_SILENTLY.incrementAndGet();
      }
      if (outcome.closeWith().isPresent()) {
        return; // the connection closes: nothing more is read
      }
    }
  }

  private static void checkRouted(EtpMessage m, String deviceId, PeerRole role) {
    FuzzChecks.check(deviceId != null, "nothing is routed before the hello connected the device");
    FuzzChecks.check(m.getSenderId().equals(deviceId), "a routed message comes from the connection's device");
    FuzzChecks.check(m.getSenderRole() == role, "a routed message carries the key's role, not a claimed one");
    if (role == PeerRole.PEER_ROLE_BATTERY) {
      FuzzChecks.check(m.getRecipientId().equals(deviceId), "a battery's message goes to its own twin");
    } else {
      FuzzChecks.check(role == PeerRole.PEER_ROLE_AGGREGATOR, "only device roles are routed");
      FuzzChecks.check(!m.getRecipientId().isEmpty() && !m.getRecipientId().equals(deviceId),
          "an aggregator's message names another battery");
      FuzzChecks.check(m.getMessageType() != MessageType.REGISTER, "an aggregator's Register is not forwarded");
    }
  }

  private static long refusals(EdgeMetrics metrics) {
    long sum = 0;
    for (ReasonCode r : ReasonCode.values()) {
      if (r != ReasonCode.UNRECOGNIZED) {
        sum += metrics.refusals(r);
      }
    }
    return sum;
  }

  /** A message built from the input, signed with {@code key} unless the input says otherwise. */
  private static EtpMessage message(FuzzedDataProvider data, DeviceKey key, long messageId, boolean forceHello) {
    MessageType type = forceHello ? MessageType.REGISTER : data.pickValue(MessageType.values());
    if (type == MessageType.UNRECOGNIZED) {
      type = MessageType.BID;
    }
    PeerRole role = data.pickValue(new PeerRole[] {PeerRole.PEER_ROLE_BATTERY, PeerRole.PEER_ROLE_AGGREGATOR,
        PeerRole.PEER_ROLE_GATEWAY, PeerRole.PEER_ROLE_UNSPECIFIED});
    EtpMessage.Builder b = EtpMessage.newBuilder().setProtocolVersion(data.consumeInt(0, 3) == 0 ? 2 : 1)
        .setMessageType(type).setMessageId(data.consumeBoolean() ? messageId : data.consumeLong())
        .setSenderId(data.consumeBoolean() ? key.senderId() : data.pickValue(IDS)).setSenderRole(role)
        .setRecipientId(data.consumeBoolean() ? data.pickValue(IDS) : data.consumeString(8))
        .setNegotiationId(data.consumeBoolean() ? "" : data.consumeString(12))
        .setSentAtMs(NOW.toEpochMilli() + (data.consumeBoolean() ? 0 : data.consumeLong(-20_000, 5_000)))
        .setTtl(data.consumeInt(-1, 6));
    int fields = data.consumeInt(0, 15);
    for (int f = 0; f < 16; f++) {
      if ((fields & (1 << (f % 4))) == 0 && data.consumeBoolean()) {
        continue;
      }
      switch (data.consumeInt(0, 12)) {
        case 0 -> b.setBidPriceCPerKwh(number(data));
        case 1 -> b.setSalePriceCPerKwh(number(data));
        case 2 -> b.setEnergyTotalKwh(number(data));
        case 3 -> b.setPercentageForSale(number(data));
        case 4 -> b.setRequiredEnergyKwh(number(data));
        case 5 -> b.setTerminationCode(data.pickValue(new TerminationCode[] {TerminationCode.TERMINATION_CODE_CANCELLED,
            TerminationCode.TERMINATION_CODE_COMPLETED, TerminationCode.TERMINATION_CODE_UNSPECIFIED}));
        case 6 -> b.setRemainingEnergyKwh(number(data));
        case 7 -> b.setBatteryVoltageV(number(data));
        case 8 -> b.setDischargeRateKw(number(data));
        case 9 -> b.setReservePriceCPerKwh(number(data));
        case 10 -> b.setDetail(data.consumeString(40));
        case 11 -> b.setReasonCodeValue(data.consumeInt(0, 30));
        default -> b.setPriority(data.consumeInt());
      }
    }
    EtpMessage m = b.build();
    if (data.consumeInt(0, 15) == 0) {
      return m;
    }
    if (!m.getSenderId().equals(key.senderId())) {
      // another sender's id: the device holds no key of it, so it can only forge the signature fields
      return m.toBuilder().setKeyId("k1").setHmacSha256(com.google.protobuf.ByteString.copyFrom(data.consumeBytes(32)))
          .build();
    }
    return MessageSigner.sign(m, key);
  }

  private static double number(FuzzedDataProvider data) {
    return switch (data.consumeInt(0, 3)) {
      case 0 -> data.consumeDouble();
      case 1 -> data.consumeInt(-10, 200);
      case 2 -> data.pickValue(new double[] {0, 1e5, 1e5 + 1, 1e7, 1e7 + 1, 1e300, Double.NaN,
          Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE});
      default -> data.consumeRegularDouble(0, 2e7);
    };
  }

  private static DeviceKey key(String id, PeerRole role, int seed) {
    DeviceKey k = DeviceKey.of(id, "k1", secret(seed), Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"));
    KEYS.add(role, k);
    return k;
  }

  private static byte[] secret(int seed) {
    byte[] s = new byte[32];
    java.util.Arrays.fill(s, (byte) seed);
    return s;
  }
}

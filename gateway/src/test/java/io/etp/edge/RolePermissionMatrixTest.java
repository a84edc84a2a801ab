package io.etp.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every ETP message type, sent after a valid hello by a battery key and an aggregator key, claiming the key's role,
 * the other device role, the gateway role and no role, through a real {@link DeviceSession}: routed, ignored, or
 * refused with which reason. A new {@link MessageType} without a row here fails the test.
 */
class RolePermissionMatrixTest {

  private static final String ROUTED = "routed";
  private static final String IGNORED = "ignored";
  private static final String NOT_PERMITTED = "refused ROLE_NOT_PERMITTED";
  private static final String ROLE_CLAIM = "refused ROLE_NOT_PERMITTED, closed";

  private static final PeerRole BATTERY = PeerRole.PEER_ROLE_BATTERY;
  private static final PeerRole AGGREGATOR = PeerRole.PEER_ROLE_AGGREGATOR;

  /** Expected outcome per type for a frame claiming its key's own role: battery key, aggregator key. */
  private static Map<MessageType, List<String>> ownRole() {
    Map<MessageType, List<String>> m = new EnumMap<>(MessageType.class);
    m.put(MessageType.REGISTER, List.of(ROUTED, IGNORED));
    m.put(MessageType.QUERY, List.of(NOT_PERMITTED, ROUTED));
    m.put(MessageType.QUERY_RESPONSE, List.of(ROUTED, NOT_PERMITTED));
    m.put(MessageType.BID, List.of(NOT_PERMITTED, ROUTED));
    m.put(MessageType.BID_ACCEPT, List.of(ROUTED, NOT_PERMITTED));
    m.put(MessageType.BID_CONFIRM, List.of(NOT_PERMITTED, ROUTED));
    m.put(MessageType.BID_REJECT, List.of(ROUTED, NOT_PERMITTED));
    m.put(MessageType.TERMINATE, List.of(ROUTED, ROUTED));
    m.put(MessageType.DEVICE_FAILURE, List.of(ROUTED, NOT_PERMITTED));
    m.put(MessageType.BESS_STATUS, List.of(ROUTED, NOT_PERMITTED));
    return m;
  }

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-21T03:00:00Z"), ZoneOffset.UTC);
  private long nextId = 1;

  private static List<MessageType> allTypes() {
    return Arrays.stream(MessageType.values()).filter(t -> t != MessageType.UNRECOGNIZED).toList();
  }

  @Test
  void everyMessageTypeHasAnEntry() {
    assertEquals(allTypes(), new ArrayList<>(ownRole().keySet()));
  }

  @Test
  void eachTypeFromEachKeyRoleUnderEachClaimedRoleHasItsOutcome() {
    List<String> mismatches = new ArrayList<>();
    for (MessageType type : allTypes()) {
      List<String> own = ownRole().get(type);
      for (PeerRole keyRole : List.of(BATTERY, AGGREGATOR)) {
        String expectedOwn = own.get(keyRole == BATTERY ? 0 : 1);
        PeerRole other = keyRole == BATTERY ? AGGREGATOR : BATTERY;
        check(mismatches, keyRole, keyRole, type, expectedOwn);
        check(mismatches, keyRole, PeerRole.PEER_ROLE_UNSPECIFIED, type, expectedOwn);
        check(mismatches, keyRole, other, type, ROLE_CLAIM);
        check(mismatches, keyRole, PeerRole.PEER_ROLE_GATEWAY, type, ROLE_CLAIM);
      }
    }
    assertEquals(List.of(), mismatches);
  }

  private void check(List<String> mismatches, PeerRole keyRole, PeerRole claimed, MessageType type,
      String expected) {
    String actual = send(keyRole, claimed, type);
    if (!expected.equals(actual)) {
      mismatches.add(type + " from a " + EdgeKeys.roleName(keyRole) + " key claiming " + claimed + ": expected "
          + expected + ", was " + actual);
    }
  }

  private String send(PeerRole keyRole, PeerRole claimed, MessageType type) {
    String id = (keyRole == BATTERY ? "bess-" : "agg-") + nextId;
    EdgeKeys keys = new EdgeKeys();
    DeviceKey key = DeviceKey.of(id, "k1", new byte[32], Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"));
    keys.add(keyRole, key);
    List<EtpMessage> routed = new ArrayList<>();
    DeviceSession session = new DeviceSession(
        new ConnectionAuthenticator(MessageGate.create(ValidationLimits.DEFAULTS, keys, clock)), keys,
        EdgeBounds.DEFAULTS, clock, new TokenBucketRateLimiter(100, 100, 1, clock), 3, new ErrorFrames("gw", clock),
        new EdgeMetrics(), new DeviceSession.Twins() {
          @Override
          public void connected(String deviceId, PeerRole role) {
          }

          @Override
          public void toBattery(EtpMessage message) {
            routed.add(message);
          }
        });
    EtpMessage.Builder hello = frame(id, keyRole, MessageType.REGISTER).setEnergyTotalKwh(
        keyRole == BATTERY ? 13.5 : 0);
    DeviceSession.Outcome h = session.onFrame(EtpCodec.encode(MessageSigner.sign(hello.build(), key)));
    if (!h.replies().isEmpty()) {
      return "hello refused " + h.replies().get(0).getReasonCode();
    }
    routed.clear();
    DeviceSession.Outcome o = session.onFrame(EtpCodec.encode(MessageSigner.sign(
        complete(frame(id, claimed, type)).build(), key)));
    if (!o.replies().isEmpty()) {
      ReasonCode reason = o.replies().get(0).getReasonCode();
      return "refused " + reason.name().replace("REASON_CODE_", "") + (o.closeWith().isPresent() ? ", closed" : "");
    }
    if (routed.size() == 1 && routed.get(0).getSenderRole() == keyRole) {
      return ROUTED;
    }
    return routed.isEmpty() ? IGNORED : "routed with role " + routed.get(0).getSenderRole();
  }

  private EtpMessage.Builder frame(String sender, PeerRole role, MessageType type) {
    return EtpMessage.newBuilder().setProtocolVersion(1).setMessageType(type).setMessageId(nextId++)
        .setSenderId(sender).setSenderRole(role).setRecipientId("bess-target").setNegotiationId("auction-1")
        .setSentAtMs(clock.millis()).setTtl(5);
  }

  /** Fills what {@code RequiredFields} asks of each type, so only the role decides. */
  private static EtpMessage.Builder complete(EtpMessage.Builder b) {
    return b.setBidPriceCPerKwh(15).setSalePriceCPerKwh(15).setRequiredEnergyKwh(1).setEnergyTotalKwh(13.5)
        .setPercentageForSale(50).setRemainingEnergyKwh(10).setBatteryVoltageV(400).setDischargeRateKw(0)
        .setTerminationCode(TerminationCode.TERMINATION_CODE_CANCELLED).setDetail("matrix");
  }
}

package io.etp.protocol.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.etp.protocol.TestMessages;
import io.etp.protocol.ValidationResult;
import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.PeerRole;
import io.etp.protocol.v1.ReasonCode;
import org.junit.jupiter.api.Test;

class ConnectionAuthenticatorTest {

  private final ConnectionAuthenticator auth = new ConnectionAuthenticator(
      MessageGate.create(ValidationLimits.DEFAULTS, TestMessages.keyStore(), TestMessages.CLOCK));

  private static EtpMessage aggregatorHello() {
    return TestMessages.sign(TestMessages.minimal(MessageType.REGISTER)
        .setSenderId(TestMessages.AGGREGATOR).setDeviceId(0)
        .setSenderRole(PeerRole.PEER_ROLE_AGGREGATOR).setEnergyTotalKwh(0).build());
  }

  private static ReasonCode reasonOf(ConnectionAuthenticator.Transition t) {
    return assertInstanceOf(ValidationResult.Invalid.class, t.result()).reason();
  }

  @Test
  void authenticatesBatteryBySignedRegister() {
    ConnectionAuthenticator.Transition t =
        auth.onMessage(ConnectionState.AwaitingHello.INSTANCE, TestMessages.signed(MessageType.REGISTER));
    assertEquals(ValidationResult.valid(), t.result());
    assertEquals(new ConnectionState.Authenticated(TestMessages.BATTERY, PeerRole.PEER_ROLE_BATTERY), t.next());
  }

  @Test
  void authenticatesAggregatorBySignedHello() {
    ConnectionAuthenticator.Transition t = auth.onMessage(ConnectionState.AwaitingHello.INSTANCE, aggregatorHello());
    assertEquals(new ConnectionState.Authenticated(TestMessages.AGGREGATOR, PeerRole.PEER_ROLE_AGGREGATOR), t.next());
  }

  @Test
  void rejectsOtherFirstMessageWithUnauthenticatedReason() {
    ConnectionAuthenticator.Transition t =
        auth.onMessage(ConnectionState.AwaitingHello.INSTANCE, TestMessages.signed(MessageType.QUERY));
    assertEquals(ReasonCode.REASON_CODE_UNAUTHENTICATED, reasonOf(t));
    assertInstanceOf(ConnectionState.Refused.class, t.next());
  }

  @Test
  void rejectsUnsignedRegisterWithUnauthenticatedReason() {
    ConnectionAuthenticator.Transition t = auth.onMessage(ConnectionState.AwaitingHello.INSTANCE,
        TestMessages.minimal(MessageType.REGISTER).build());
    assertEquals(ReasonCode.REASON_CODE_UNAUTHENTICATED, reasonOf(t));
    ConnectionState.Refused refused = assertInstanceOf(ConnectionState.Refused.class, t.next());
    assertEquals(true, refused.why().contains("MISSING_SIGNATURE"), refused.why());
  }

  @Test
  void rejectsRegisterWithoutBatteryOrAggregatorRoleWithUnauthenticatedReason() {
    EtpMessage noRole = TestMessages.sign(TestMessages.minimal(MessageType.REGISTER)
        .setSenderRole(PeerRole.PEER_ROLE_UNSPECIFIED).build());
    assertEquals(ReasonCode.REASON_CODE_UNAUTHENTICATED,
        reasonOf(auth.onMessage(ConnectionState.AwaitingHello.INSTANCE, noRole)));
  }

  @Test
  void refusesEverythingAfterAFailedHello() {
    ConnectionAuthenticator.Transition failed =
        auth.onMessage(ConnectionState.AwaitingHello.INSTANCE, TestMessages.signed(MessageType.BID));
    ConnectionAuthenticator.Transition after = auth.onMessage(failed.next(), TestMessages.signed(MessageType.REGISTER));
    assertEquals(ReasonCode.REASON_CODE_UNAUTHENTICATED, reasonOf(after));
    assertEquals(failed.next(), after.next());
  }

  @Test
  void admitsLaterMessagesOfTheAuthenticatedSenderOnly() {
    ConnectionState state =
        auth.onMessage(ConnectionState.AwaitingHello.INSTANCE, TestMessages.signed(MessageType.REGISTER)).next();
    EtpMessage status = TestMessages.sign(TestMessages.minimal(MessageType.BESS_STATUS).setMessageId(2).build());
    assertEquals(ValidationResult.valid(), auth.onMessage(state, status).result());
    EtpMessage spoofed = TestMessages.sign(TestMessages.minimal(MessageType.QUERY)
        .setSenderId(TestMessages.AGGREGATOR).setMessageId(3).build());
    assertEquals(ReasonCode.REASON_CODE_UNAUTHENTICATED, reasonOf(auth.onMessage(state, spoofed)));
  }

  @Test
  void passesGateFailuresThroughOnceAuthenticated() {
    ConnectionState state =
        auth.onMessage(ConnectionState.AwaitingHello.INSTANCE, TestMessages.signed(MessageType.REGISTER)).next();
    EtpMessage replayedHello = TestMessages.signed(MessageType.REGISTER);
    assertEquals(ReasonCode.REASON_CODE_REPLAYED, reasonOf(auth.onMessage(state, replayedHello)));
  }
}

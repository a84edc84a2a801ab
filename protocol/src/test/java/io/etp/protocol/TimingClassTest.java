package io.etp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimingClassTest {

  @ParameterizedTest
  @CsvSource({
      "DEVICE_FAILURE, 200, 0",
      "BID_ACCEPT, 500, 5",
      "BID_CONFIRM, 500, 5",
      "BID_REJECT, 500, 5",
      "QUERY, 500, 50",
      "QUERY_RESPONSE, 500, 50",
      "BESS_STATUS, 2000, 60",
      "REGISTER, 5000, 80",
      "BID, 1000, 10",
      "TERMINATE, 1000, 10"})
  void givesEachTypeTheDeadlineAndPriorityOfTheProtocol(MessageType type, long deadlineMs, int priority) {
    assertEquals(new TimingClass(Duration.ofMillis(deadlineMs), priority), TimingClass.of(type));
  }

  @Test
  void defaultTtlIsFive() {
    assertEquals(5, TimingClass.DEFAULT_TTL);
  }

  @Test
  void maxDeadlineIsTheLongestOfAllTypes() {
    Duration longest = Duration.ZERO;
    for (MessageType type : MessageType.values()) {
      if (type != MessageType.UNRECOGNIZED && TimingClass.of(type).deadline().compareTo(longest) > 0) {
        longest = TimingClass.of(type).deadline();
      }
    }
    assertEquals(longest, TimingClass.MAX_DEADLINE);
  }

  @Test
  void rejectsUnrecognizedTypeWithUnknownTypeReason() {
    EtpProtocolException e =
        assertThrows(EtpProtocolException.class, () -> TimingClass.of(MessageType.UNRECOGNIZED));
    assertEquals(ReasonCode.REASON_CODE_UNKNOWN_TYPE, e.reason());
  }

  @Test
  void isExpiredOnlyAfterTheDeadline() {
    TimingClass bidding = TimingClass.of(MessageType.BID);
    assertEquals(false, bidding.isExpired(10_000, 11_000));
    assertEquals(true, bidding.isExpired(10_000, 11_001));
    assertEquals(true, bidding.isExpired(Long.MIN_VALUE, 11_000));
  }

  @Test
  void ordersMostUrgentFirstThenOldestFirst() {
    EtpMessage failure = message(MessageType.DEVICE_FAILURE, 300);
    EtpMessage confirm = message(MessageType.BID_CONFIRM, 100);
    EtpMessage bidOld = message(MessageType.BID, 50);
    EtpMessage bidNew = message(MessageType.BID, 60);
    EtpMessage query = message(MessageType.QUERY, 10);
    EtpMessage status = message(MessageType.BESS_STATUS, 10);
    EtpMessage register = message(MessageType.REGISTER, 1);
    EtpMessage untyped = message(MessageType.BID, 0).toBuilder().clearMessageType().build();
    List<EtpMessage> queue = new ArrayList<>(List.of(untyped, register, status, query, bidNew, bidOld, confirm,
        failure));
    queue.sort(TimingClass.MOST_URGENT_FIRST);
    assertEquals(List.of(failure, confirm, bidOld, bidNew, query, status, register, untyped), queue);
  }

  @Test
  void ignoresTheSendersOwnPriorityField() {
    EtpMessage pushyStatus = message(MessageType.BESS_STATUS, 0).toBuilder().setPriority(-100).build();
    EtpMessage bid = message(MessageType.BID, 0);
    assertTrue(TimingClass.MOST_URGENT_FIRST.compare(bid, pushyStatus) < 0);
  }

  private static EtpMessage message(MessageType type, long sentAtMs) {
    return TestMessages.minimal(type).setSentAtMs(sentAtMs).build();
  }
}

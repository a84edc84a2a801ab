package io.etp.protocol;

import io.etp.protocol.v1.EtpMessage;
import io.etp.protocol.v1.MessageType;
import io.etp.protocol.v1.ReasonCode;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;

/**
 * The timing class of a message type: the deadline from sending to handling, and the priority (lower is more urgent).
 * The values are fixed by the protocol (PROTOCOL.md, "Timing classes"):
 *
 * <table>
 *   <caption>Timing classes</caption>
 *   <tr><th>type</th><th>deadline</th><th>priority</th></tr>
 *   <tr><td>DeviceFailure</td><td>200 ms</td><td>0</td></tr>
 *   <tr><td>BidAccept, BidConfirm, BidReject</td><td>500 ms</td><td>5</td></tr>
 *   <tr><td>Bid, Terminate</td><td>1000 ms</td><td>10</td></tr>
 *   <tr><td>Query, QueryResponse</td><td>500 ms</td><td>50</td></tr>
 *   <tr><td>BESSStatus</td><td>2000 ms</td><td>60</td></tr>
 *   <tr><td>Register</td><td>5000 ms</td><td>80</td></tr>
 * </table>
 *
 * @param deadline the longest a message of this class may take from {@code sent_at_ms} to handling
 * @param priority the scheduling priority; lower is more urgent
 */
public record TimingClass(Duration deadline, int priority) {

  /** The TTL a sender puts in a new message. */
  public static final int DEFAULT_TTL = 5;

  /** The longest deadline of any type (Register's), which bounds how long a replay cache must remember an id. */
  public static final Duration MAX_DEADLINE = Duration.ofMillis(5000);

  private static final TimingClass DEVICE_FAILURE = new TimingClass(Duration.ofMillis(200), 0);
  private static final TimingClass BID_OUTCOME = new TimingClass(Duration.ofMillis(500), 5);
  private static final TimingClass QUERYING = new TimingClass(Duration.ofMillis(500), 50);
  private static final TimingClass STATUS = new TimingClass(Duration.ofMillis(2000), 60);
  private static final TimingClass REGISTRATION = new TimingClass(Duration.ofMillis(5000), 80);
  private static final TimingClass BIDDING = new TimingClass(Duration.ofMillis(1000), 10);

  private static final Map<MessageType, TimingClass> BY_TYPE = new EnumMap<>(MessageType.class);

  static {
    BY_TYPE.put(MessageType.DEVICE_FAILURE, DEVICE_FAILURE);
    BY_TYPE.put(MessageType.BID_ACCEPT, BID_OUTCOME);
    BY_TYPE.put(MessageType.BID_CONFIRM, BID_OUTCOME);
    BY_TYPE.put(MessageType.BID_REJECT, BID_OUTCOME);
    BY_TYPE.put(MessageType.QUERY, QUERYING);
    BY_TYPE.put(MessageType.QUERY_RESPONSE, QUERYING);
    BY_TYPE.put(MessageType.BESS_STATUS, STATUS);
    BY_TYPE.put(MessageType.REGISTER, REGISTRATION);
    BY_TYPE.put(MessageType.BID, BIDDING);
    BY_TYPE.put(MessageType.TERMINATE, BIDDING);
  }

  /**
   * Orders messages most urgent first: by the priority of their type's timing class, then by earliest
   * {@code sent_at_ms}. The priority comes from the type, not from the sender's {@code priority} field, so a sender
   * cannot jump the queue. Messages of an unknown or absent type sort last.
   */
  public static final Comparator<EtpMessage> MOST_URGENT_FIRST =
      Comparator.comparingInt(TimingClass::priorityOf).thenComparingLong(EtpMessage::getSentAtMs);

  /**
   * @param type one of the 10 message types
   * @return its timing class
   * @throws EtpProtocolException with {@code UNKNOWN_TYPE} for {@link MessageType#UNRECOGNIZED}
   */
  public static TimingClass of(MessageType type) {
    TimingClass timing = type == null ? null : BY_TYPE.get(type);
    if (timing == null) {
      throw new EtpProtocolException(ReasonCode.REASON_CODE_UNKNOWN_TYPE, "no timing class for message type " + type);
    }
    return timing;
  }

  /**
   * @param message a message
   * @return the priority of its type, or {@link Integer#MAX_VALUE} when its type is absent or unknown
   */
  public static int priorityOf(EtpMessage message) {
    if (!message.hasMessageType()) {
      return Integer.MAX_VALUE;
    }
    TimingClass timing = BY_TYPE.get(message.getMessageType());
    return timing == null ? Integer.MAX_VALUE : timing.priority();
  }

  /**
   * @param sentAtMs when the message was sent, Unix epoch milliseconds
   * @param nowMs the receiver's clock, Unix epoch milliseconds
   * @return whether a message of this class sent at {@code sentAtMs} is past its deadline at {@code nowMs}
   */
  public boolean isExpired(long sentAtMs, long nowMs) {
    // written without subtracting sentAtMs, which a hostile sender may set to Long.MIN_VALUE to overflow
    return sentAtMs < nowMs - deadline.toMillis();
  }
}

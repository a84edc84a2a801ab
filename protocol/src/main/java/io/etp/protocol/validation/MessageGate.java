package io.etp.protocol.validation;

import io.etp.protocol.ValidationResult;
import io.etp.protocol.signing.KeyStore;
import io.etp.protocol.signing.SignatureVerifier;
import io.etp.protocol.v1.EtpMessage;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything a received message must pass before anything acts on it: the stateless checks of
 * {@link MessageValidator}, then the signature ({@link SignatureVerifier}), then the replay check
 * ({@link ReplayGuard}). The replay cache records a message only after its signature verified, so a forged message
 * cannot take a genuine message's id. Thread-safe.
 */
public final class MessageGate {

  private final MessageValidator validator;
  private final SignatureVerifier verifier;
  private final ReplayGuard replayGuard;
  private final Clock clock;

  /**
   * @param validator the stateless checks
   * @param verifier the signature check
   * @param replayGuard the replay check
   * @param clock the receiver's clock, for key validity
   */
  public MessageGate(MessageValidator validator, SignatureVerifier verifier, ReplayGuard replayGuard, Clock clock) {
    this.validator = Objects.requireNonNull(validator, "validator");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param limits the limits
   * @param keys the key store
   * @param clock the receiver's clock
   * @return a gate with a {@link ReplayGuard} sized by {@link ReplayGuard#forLimits}
   */
  public static MessageGate create(ValidationLimits limits, KeyStore keys, Clock clock) {
    return new MessageGate(new MessageValidator(limits, clock), new SignatureVerifier(keys),
        ReplayGuard.forLimits(limits, clock), clock);
  }

  /**
   * @param message a decoded message
   * @return valid (and the message id is now recorded), or the first failure
   */
  public ValidationResult admit(EtpMessage message) {
    ValidationResult result = validator.validate(message);
    if (!result.isValid()) {
      return result;
    }
    result = verifier.verify(message, clock.instant());
    if (!result.isValid()) {
      return result;
    }
    return replayGuard.checkAndRecord(message.getSenderId(), message.getMessageId(), message.getSentAtMs());
  }
}

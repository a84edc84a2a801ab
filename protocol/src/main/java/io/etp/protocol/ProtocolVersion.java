package io.etp.protocol;

/** The protocol versions this library speaks. */
public final class ProtocolVersion {

  /** The version of the {@code etp.v1} schema; senders put it in {@code protocol_version}. */
  public static final int CURRENT = 1;

  private ProtocolVersion() {
  }

  /**
   * @param version the {@code protocol_version} field of a received message (an unsigned 32-bit value)
   * @return whether this library can act on a message of that version
   */
  public static boolean isSupported(int version) {
    return version == CURRENT;
  }
}

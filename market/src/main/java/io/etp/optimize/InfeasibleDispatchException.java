package io.etp.optimize;

/** No schedule satisfies the device limits, SoC bounds, end target and DR obligations together. */
public final class InfeasibleDispatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InfeasibleDispatchException(String message) {
    super(message);
  }
}

package io.etp.forecast;

/** Thrown when a forecaster is asked for a day it does not have enough history before to calibrate. */
public final class InsufficientHistoryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** @param message what was asked for and how much history there is */
  public InsufficientHistoryException(String message) {
    super(message);
  }
}

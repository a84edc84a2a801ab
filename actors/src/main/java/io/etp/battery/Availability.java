package io.etp.battery;

/** Whether a battery twin may trade. */
public enum Availability {
  /** no Register received yet */
  UNREGISTERED,
  /** registered and trading */
  ONLINE,
  /** the device reported a failure: no trading until it registers again */
  FAILED,
  /** terminated by its owner: no trading until it registers again */
  TERMINATED
}

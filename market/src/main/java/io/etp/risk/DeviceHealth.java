package io.etp.risk;

/**
 * Last reported health of a device.
 *
 * @param online            the device gateway reports it connected
 * @param faultActive       the device reports an active fault
 * @param stateOfHealthPct  remaining capacity relative to nameplate, percent
 */
public record DeviceHealth(boolean online, boolean faultActive, double stateOfHealthPct) {}

package io.etp.risk;

/**
 * A demand-response delivery the device has committed to.
 *
 * @param deviceId          committed device
 * @param period            delivery period
 * @param minNetExportKwh   net export (sells minus buys) in the period must stay at least this, kWh; 0 forbids imports
 */
public record DrCommitment(String deviceId, int period, double minNetExportKwh) {}

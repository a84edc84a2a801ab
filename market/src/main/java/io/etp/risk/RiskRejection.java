package io.etp.risk;

import java.time.Instant;

/** An audit record of one rejected order. */
public record RiskRejection(Instant at, OrderIntent order, RiskReason reason, String detail) {}

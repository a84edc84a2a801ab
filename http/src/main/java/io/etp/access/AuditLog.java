package io.etp.access;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Where security-relevant events go. {@link #record} never blocks the request that triggers it. */
public interface AuditLog {

  /** Records an event: logged at once, stored in the background. */
  void record(AuditEvent event);

  /** The most recent stored events, newest first (after storing what is pending). */
  CompletionStage<List<AuditEvent>> recent(int limit);
}

package io.etp.node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorSystem;

/**
 * The node's own checks as a Pekko Management readiness check (cluster-config/management.conf): {@code /ready} on
 * the management port answers 200 only while Pekko's membership check (Up) and this one pass.
 */
public final class NodeReadinessCheck implements Supplier<CompletionStage<Boolean>> {

  private final NodeReadiness readiness;

  /** Pekko Management creates it with the actor system. */
  public NodeReadinessCheck(ActorSystem system) {
    this.readiness = NodeReadiness.get(system);
  }

  @Override
  public CompletionStage<Boolean> get() {
    return CompletableFuture.completedFuture(readiness.ready());
  }
}

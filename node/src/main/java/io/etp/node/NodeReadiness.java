package io.etp.node;

import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;

/**
 * The node's own readiness (its journal database answers and it is not stopping), set once by {@link Node} and read
 * by both probes: {@code /health/ready} on the HTTP port and Pekko Management's {@code /ready}
 * ({@link NodeReadinessCheck}). Not ready until the node has set it.
 */
public final class NodeReadiness implements Extension {

  /** The extension's id. */
  public static final Id ID = new Id();

  private volatile BooleanSupplier ready = () -> false;

  /** @return this actor system's readiness */
  public static NodeReadiness get(ActorSystem system) {
    return ID.get(system);
  }

  /** Sets what readiness means on this node (Node calls it once its checks exist). */
  public void set(BooleanSupplier ready) {
    this.ready = ready;
  }

  /** Never blocks: the checks read cached state. */
  public boolean ready() {
    return ready.getAsBoolean();
  }

  /** The extension id. */
  public static final class Id extends AbstractExtensionId<NodeReadiness> {
    @Override
    public NodeReadiness createExtension(ExtendedActorSystem system) {
      return new NodeReadiness();
    }
  }
}

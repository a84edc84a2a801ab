package io.etp.serialization;

import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Base of the contexts' protobuf serializers (battery, aggregator, forecasting): their messages carry typed
 * {@link ActorRef}s (reply-to, subscribers, device connections), which travel as their serialization format through
 * {@link ActorRefResolver}. The resolver is looked up on first use, because Pekko constructs serializers while the
 * actor system is still starting.
 */
public abstract class ActorRefAwareSerializer extends SerializerWithStringManifest {

  private final ExtendedActorSystem system;
  private final int identifier;
  private volatile ActorRefResolver resolver;

  protected ActorRefAwareSerializer(ExtendedActorSystem system, int identifier) {
    this.system = system;
    this.identifier = identifier;
  }

  @Override
  public final int identifier() {
    return identifier;
  }

  /** An ActorRef as the string that travels in the protobuf message. */
  protected final String ref(ActorRef<?> ref) {
    return resolver().toSerializationFormat(ref);
  }

  /** The ActorRef a received string names. */
  protected final <T> ActorRef<T> ref(String serialized) {
    return resolver().resolveActorRef(serialized);
  }

  private ActorRefResolver resolver() {
    ActorRefResolver r = resolver;
    if (r == null) {
      r = ActorRefResolver.get(Adapter.toTyped(system));
      resolver = r;
    }
    return r;
  }
}

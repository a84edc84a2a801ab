package io.etp.aggregator;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etp.protocol.cluster.v1.AggregatorBidConfirmed;
import io.etp.protocol.cluster.v1.AggregatorChangeStrategy;
import io.etp.protocol.cluster.v1.AggregatorGetStatus;
import io.etp.protocol.cluster.v1.AggregatorDeviceRef;
import io.etp.protocol.cluster.v1.AggregatorNegotiationEnded;
import io.etp.protocol.cluster.v1.AggregatorPause;
import io.etp.protocol.cluster.v1.AggregatorPaused;
import io.etp.protocol.cluster.v1.AggregatorReceiveEtp;
import io.etp.protocol.cluster.v1.AggregatorResume;
import io.etp.protocol.cluster.v1.AggregatorResumed;
import io.etp.protocol.cluster.v1.AggregatorSetTargets;
import io.etp.protocol.cluster.v1.AggregatorState;
import io.etp.protocol.cluster.v1.AggregatorStrategyChanged;
import io.etp.protocol.cluster.v1.AggregatorTargetsSet;
import java.io.NotSerializableException;
import io.etp.serialization.ActorRefAwareSerializer;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Protobuf serialization of the aggregator twin's events, snapshot state, cluster commands and status reply
 * (etp/cluster/v1/aggregator.proto). Bound in reference.conf; ActorRefs travel as their serialized path.
 */
public final class AggregatorSerializer extends ActorRefAwareSerializer {

  public static final int IDENTIFIER = 7302;

  public AggregatorSerializer(ExtendedActorSystem system) {
    super(system, IDENTIFIER);
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof Aggregator.Event || o instanceof Aggregator.State || o instanceof Aggregator.ReceiveEtp
        || o instanceof Aggregator.SetTargets || o instanceof Aggregator.ChangeStrategy
        || o instanceof Aggregator.Pause || o instanceof Aggregator.Resume || o instanceof Aggregator.GetStatus || o instanceof Aggregator.AttachDevice
        || o instanceof Aggregator.DetachDevice
        || o instanceof Aggregator.AggregatorStatus) {
      return o.getClass().getSimpleName();
    }
    throw new IllegalArgumentException("cannot serialize " + o.getClass());
  }

  @Override
  public byte[] toBinary(Object o) {
    if (o instanceof Aggregator.Event e) return AggregatorProtoMapper.toProto(e).toByteArray();
    if (o instanceof Aggregator.State s) return AggregatorProtoMapper.toProto(s).toByteArray();
    if (o instanceof Aggregator.ReceiveEtp c) {
      return AggregatorReceiveEtp.newBuilder().setMessage(c.message()).build().toByteArray();
    }
    if (o instanceof Aggregator.SetTargets c) {
      return AggregatorSetTargets.newBuilder().setRequirementKwh(c.requirementKwh())
          .setMaxPriceCPerKwh(c.maxPriceCPerKwh()).setBudgetC(c.budgetC()).setReplyTo(ref(c.replyTo()))
          .build().toByteArray();
    }
    if (o instanceof Aggregator.ChangeStrategy c) {
      return AggregatorChangeStrategy.newBuilder().setKind(AggregatorProtoMapper.toProto(c.kind()))
          .setParams(AggregatorProtoMapper.toProto(c.params())).setReplyTo(ref(c.replyTo())).build().toByteArray();
    }
    if (o instanceof Aggregator.Pause c) {
      return AggregatorPause.newBuilder().setReplyTo(ref(c.replyTo())).build().toByteArray();
    }
    if (o instanceof Aggregator.Resume c) {
      return AggregatorResume.newBuilder().setReplyTo(ref(c.replyTo())).build().toByteArray();
    }
    if (o instanceof Aggregator.AttachDevice c) {
      return AggregatorDeviceRef.newBuilder().setDevice(ref(c.device())).build().toByteArray();
    }
    if (o instanceof Aggregator.DetachDevice c) {
      return AggregatorDeviceRef.newBuilder().setDevice(ref(c.device())).build().toByteArray();
    }
    if (o instanceof Aggregator.GetStatus c) {
      return AggregatorGetStatus.newBuilder().setReplyTo(ref(c.replyTo())).build().toByteArray();
    }
    if (o instanceof Aggregator.AggregatorStatus r) {
      return io.etp.protocol.cluster.v1.AggregatorStatus.newBuilder()
          .setState(AggregatorProtoMapper.toProto(r.state())).setOpenNegotiations(r.openNegotiations())
          .setKnownBatteries(r.knownBatteries()).build().toByteArray();
    }
    throw new IllegalArgumentException("cannot serialize " + o.getClass());
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    try {
      return switch (manifest) {
        case "TargetsSet" -> AggregatorProtoMapper.fromProto(AggregatorTargetsSet.parseFrom(bytes));
        case "StrategyChanged" -> AggregatorProtoMapper.fromProto(AggregatorStrategyChanged.parseFrom(bytes));
        case "Paused" -> AggregatorProtoMapper.fromProto(AggregatorPaused.parseFrom(bytes));
        case "Resumed" -> AggregatorProtoMapper.fromProto(AggregatorResumed.parseFrom(bytes));
        case "BidConfirmed" -> AggregatorProtoMapper.fromProto(AggregatorBidConfirmed.parseFrom(bytes));
        case "NegotiationEnded" -> AggregatorProtoMapper.fromProto(AggregatorNegotiationEnded.parseFrom(bytes));
        case "State" -> AggregatorProtoMapper.fromProto(AggregatorState.parseFrom(bytes));
        case "ReceiveEtp" -> new Aggregator.ReceiveEtp(AggregatorReceiveEtp.parseFrom(bytes).getMessage());
        case "SetTargets" -> {
          var p = AggregatorSetTargets.parseFrom(bytes);
          yield new Aggregator.SetTargets(p.getRequirementKwh(), p.getMaxPriceCPerKwh(), p.getBudgetC(),
              ref(p.getReplyTo()));
        }
        case "ChangeStrategy" -> {
          var p = AggregatorChangeStrategy.parseFrom(bytes);
          yield new Aggregator.ChangeStrategy(AggregatorProtoMapper.fromProto(p.getKind()),
              AggregatorProtoMapper.fromProto(p.getParams()), ref(p.getReplyTo()));
        }
        case "Pause" -> new Aggregator.Pause(ref(AggregatorPause.parseFrom(bytes).getReplyTo()));
        case "Resume" -> new Aggregator.Resume(ref(AggregatorResume.parseFrom(bytes).getReplyTo()));
        case "AttachDevice" -> new Aggregator.AttachDevice(ref(AggregatorDeviceRef.parseFrom(bytes).getDevice()));
        case "DetachDevice" -> new Aggregator.DetachDevice(ref(AggregatorDeviceRef.parseFrom(bytes).getDevice()));
        case "GetStatus" -> new Aggregator.GetStatus(ref(AggregatorGetStatus.parseFrom(bytes).getReplyTo()));
        case "AggregatorStatus" -> {
          var p = io.etp.protocol.cluster.v1.AggregatorStatus.parseFrom(bytes);
          yield new Aggregator.AggregatorStatus(AggregatorProtoMapper.fromProto(p.getState()),
              p.getOpenNegotiations(), p.getKnownBatteries());
        }
        default -> throw new NotSerializableException("unknown aggregator manifest " + manifest);
      };
    } catch (InvalidProtocolBufferException e) {
      NotSerializableException n = new NotSerializableException("corrupt " + manifest + ": " + e.getMessage());
      n.initCause(e);
      throw n;
    }
  }
}

package io.etp.battery;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etp.auction.AuctionProtoMapper;
import io.etp.protocol.cluster.v1.BatteryAuctionEnded;
import io.etp.protocol.cluster.v1.BatteryAuctionOpened;
import io.etp.protocol.cluster.v1.BatteryAuctionRulesChanged;
import io.etp.protocol.cluster.v1.BatteryChangeAuctionRules;
import io.etp.protocol.cluster.v1.BatteryChangeCriteria;
import io.etp.protocol.cluster.v1.BatteryConfirmMissed;
import io.etp.protocol.cluster.v1.BatteryCriteriaChanged;
import io.etp.protocol.cluster.v1.BatteryDeviceFailed;
import io.etp.protocol.cluster.v1.BatteryGetStatus;
import io.etp.protocol.cluster.v1.BatteryDeviceRef;
import io.etp.protocol.cluster.v1.BatteryHealthChanged;
import io.etp.protocol.cluster.v1.BatteryReceiveEtp;
import io.etp.protocol.cluster.v1.BatteryRegistered;
import io.etp.protocol.cluster.v1.BatteryState;
import io.etp.protocol.cluster.v1.BatteryTerminated;
import io.etp.protocol.cluster.v1.BatteryTradeConfirmed;
import io.etp.protocol.cluster.v1.BatteryWinnerChosen;
import java.io.NotSerializableException;
import io.etp.serialization.ActorRefAwareSerializer;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Protobuf serialization of the battery twin's events, snapshot state, cluster commands and status reply
 * (etp/cluster/v1/battery.proto). Bound in reference.conf; ActorRefs travel as their serialized path.
 */
public final class BatterySerializer extends ActorRefAwareSerializer {

  public static final int IDENTIFIER = 7301;

  public BatterySerializer(ExtendedActorSystem system) {
    super(system, IDENTIFIER);
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof Battery.Event || o instanceof Battery.State || o instanceof Battery.ReceiveEtp
        || o instanceof Battery.ChangeCriteria || o instanceof Battery.ChangeAuctionRules
        || o instanceof Battery.GetStatus || o instanceof Battery.AttachDevice
        || o instanceof Battery.DetachDevice || o instanceof Battery.BatteryStatus) {
      return o.getClass().getSimpleName();
    }
    throw new IllegalArgumentException("cannot serialize " + o.getClass());
  }

  @Override
  public byte[] toBinary(Object o) {
    if (o instanceof Battery.Event e) return BatteryProtoMapper.toProto(e).toByteArray();
    if (o instanceof Battery.State s) return BatteryProtoMapper.toProto(s).toByteArray();
    if (o instanceof Battery.ReceiveEtp c) {
      return BatteryReceiveEtp.newBuilder().setMessage(c.message()).build().toByteArray();
    }
    if (o instanceof Battery.ChangeCriteria c) {
      return BatteryChangeCriteria.newBuilder().setCriteria(BatteryProtoMapper.toProto(c.criteria()))
          .setReplyTo(ref(c.replyTo())).build().toByteArray();
    }
    if (o instanceof Battery.ChangeAuctionRules c) {
      return BatteryChangeAuctionRules.newBuilder().setRules(AuctionProtoMapper.toProto(c.rules()))
          .setReplyTo(ref(c.replyTo())).build().toByteArray();
    }
    if (o instanceof Battery.AttachDevice c) {
      return BatteryDeviceRef.newBuilder().setDevice(ref(c.device())).build().toByteArray();
    }
    if (o instanceof Battery.DetachDevice c) {
      return BatteryDeviceRef.newBuilder().setDevice(ref(c.device())).build().toByteArray();
    }
    if (o instanceof Battery.GetStatus c) {
      return BatteryGetStatus.newBuilder().setReplyTo(ref(c.replyTo())).build().toByteArray();
    }
    if (o instanceof Battery.BatteryStatus r) {
      return io.etp.protocol.cluster.v1.BatteryStatus.newBuilder().setState(BatteryProtoMapper.toProto(r.state()))
          .setLatestTelemetry(BatteryProtoMapper.toProto(r.latestTelemetry())).build().toByteArray();
    }
    throw new IllegalArgumentException("cannot serialize " + o.getClass());
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    try {
      return switch (manifest) {
        case "Registered" -> BatteryProtoMapper.fromProto(BatteryRegistered.parseFrom(bytes));
        case "CriteriaChanged" -> BatteryProtoMapper.fromProto(BatteryCriteriaChanged.parseFrom(bytes));
        case "AuctionRulesChanged" -> BatteryProtoMapper.fromProto(BatteryAuctionRulesChanged.parseFrom(bytes));
        case "AuctionOpened" -> BatteryProtoMapper.fromProto(BatteryAuctionOpened.parseFrom(bytes));
        case "WinnerChosen" -> BatteryProtoMapper.fromProto(BatteryWinnerChosen.parseFrom(bytes));
        case "ConfirmMissed" -> BatteryProtoMapper.fromProto(BatteryConfirmMissed.parseFrom(bytes));
        case "TradeConfirmed" -> BatteryProtoMapper.fromProto(BatteryTradeConfirmed.parseFrom(bytes));
        case "Delivered" -> BatteryProtoMapper.fromProto(
            io.etp.protocol.cluster.v1.BatteryDelivered.parseFrom(bytes));
        case "AuctionEnded" -> BatteryProtoMapper.fromProto(BatteryAuctionEnded.parseFrom(bytes));
        case "HealthChanged" -> BatteryProtoMapper.fromProto(BatteryHealthChanged.parseFrom(bytes));
        case "DeviceFailed" -> BatteryProtoMapper.fromProto(BatteryDeviceFailed.parseFrom(bytes));
        case "Terminated" -> BatteryProtoMapper.fromProto(BatteryTerminated.parseFrom(bytes));
        case "State" -> BatteryProtoMapper.fromProto(BatteryState.parseFrom(bytes));
        case "ReceiveEtp" -> new Battery.ReceiveEtp(BatteryReceiveEtp.parseFrom(bytes).getMessage());
        case "ChangeCriteria" -> {
          var p = BatteryChangeCriteria.parseFrom(bytes);
          yield new Battery.ChangeCriteria(BatteryProtoMapper.fromProto(p.getCriteria()), ref(p.getReplyTo()));
        }
        case "ChangeAuctionRules" -> {
          var p = BatteryChangeAuctionRules.parseFrom(bytes);
          yield new Battery.ChangeAuctionRules(AuctionProtoMapper.fromProto(p.getRules()), ref(p.getReplyTo()));
        }
        case "AttachDevice" -> new Battery.AttachDevice(ref(BatteryDeviceRef.parseFrom(bytes).getDevice()));
        case "DetachDevice" -> new Battery.DetachDevice(ref(BatteryDeviceRef.parseFrom(bytes).getDevice()));
        case "GetStatus" -> new Battery.GetStatus(ref(BatteryGetStatus.parseFrom(bytes).getReplyTo()));
        case "BatteryStatus" -> {
          var p = io.etp.protocol.cluster.v1.BatteryStatus.parseFrom(bytes);
          yield new Battery.BatteryStatus(BatteryProtoMapper.fromProto(p.getState()),
              BatteryProtoMapper.fromProto(p.getLatestTelemetry()));
        }
        default -> throw new NotSerializableException("unknown battery manifest " + manifest);
      };
    } catch (InvalidProtocolBufferException e) {
      NotSerializableException n = new NotSerializableException("corrupt " + manifest + ": " + e.getMessage());
      n.initCause(e);
      throw n;
    }
  }
}

package io.etp.marketfeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.etp.marketdata.FeedStatus;
import io.etp.marketdata.FetchFailure;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one cluster: the node that polls a feed reports its outage and return; the other node's board shows
 * both (its {@code /health/ready} detail) and announces each once (its alert), though it polls nothing.
 */
class FeedBoardReplicationTest {

  private static final Config CLUSTER = ConfigFactory.parseString("""
      pekko.actor.provider = cluster
      pekko.remote.artery.canonical.hostname = 127.0.0.1
      pekko.remote.artery.canonical.port = 0
      pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
      pekko.cluster.distributed-data.notify-subscribers-interval = 100ms
      pekko.cluster.distributed-data.gossip-interval = 200ms
      """).withFallback(ConfigFactory.load());

  @Test
  void everyNodeSeesAndAnnouncesTheOutageOfAFeedAnotherNodePolls() {
    ActorTestKit a = ActorTestKit.create("feeds", CLUSTER);
    ActorTestKit b = ActorTestKit.create("feeds", CLUSTER);
    try {
      Cluster ca = Cluster.get(a.system());
      Cluster cb = Cluster.get(b.system());
      ca.manager().tell(Join.create(ca.selfMember().address()));
      cb.manager().tell(Join.create(ca.selfMember().address()));
      b.createTestProbe().awaitAssert(Duration.ofSeconds(30), () -> {
        assertEquals(MemberStatus.up(), ca.selfMember().status());
        assertEquals(MemberStatus.up(), cb.selfMember().status());
        return null;
      });
      List<FeedStatus> announcedOnA = new CopyOnWriteArrayList<>();
      List<FeedStatus> announcedOnB = new CopyOnWriteArrayList<>();
      FeedBoard polling = FeedBoard.start(a.system(), Clock.systemUTC(), announcedOnA::addAll);
      FeedBoard other = FeedBoard.start(b.system(), Clock.systemUTC(), announcedOnB::addAll);

      polling.listener().polled("openadr", Optional.empty());
      b.createTestProbe().awaitAssert(Duration.ofSeconds(15), () -> {
        assertTrue(other.current().get("openadr").up(), other.current().toString());
        return null;
      });
      polling.listener().polled("openadr",
          Optional.of(new FetchFailure.Unreachable("openadr", new ConnectException("refused"))));
      b.createTestProbe().awaitAssert(Duration.ofSeconds(15), () -> {
        FeedStatus s = other.current().get("openadr");
        assertFalse(s.up());
        assertEquals(Optional.of(FetchFailure.Kind.UNREACHABLE), s.failure());
        assertEquals(1, announcedOnB.size(), announcedOnB.toString());
        return null;
      });
      polling.listener().polled("openadr", Optional.empty());
      b.createTestProbe().awaitAssert(Duration.ofSeconds(15), () -> {
        assertTrue(other.current().get("openadr").up());
        assertEquals(2, announcedOnB.size(), announcedOnB.toString());
        assertTrue(announcedOnB.get(1).up());
        return null;
      });
      assertEquals(2, announcedOnA.size(), "the polling node announced it once each way too: " + announcedOnA);
    } finally {
      b.shutdownTestKit();
      a.shutdownTestKit();
    }
  }
}

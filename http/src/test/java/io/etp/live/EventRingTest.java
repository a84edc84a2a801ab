package io.etp.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRingTest {

  @Test
  void keepsOnlyTheNewestEventsOnceFull() {
    EventRing ring = new EventRing(4);
    for (long s = 1; s <= 10; s++) {
      ring.append(event(s));
    }
    EventRing.Snapshot all = ring.after(0);
    assertEquals(7, all.oldestSeq());
    assertEquals(10, all.latestSeq());
    assertEquals(List.of(7L, 8L, 9L, 10L), seqs(all));
  }

  @Test
  void returnsTheHeldEventsOfARange() {
    EventRing ring = new EventRing(8);
    for (long s = 1; s <= 12; s++) {
      ring.append(event(s));
    }
    assertEquals(List.of(9L, 10L, 11L), seqs(ring.between(8, 11)));
    assertEquals(List.of(5L, 6L), seqs(ring.between(0, 6)), "evicted ones are simply absent");
    assertEquals(List.of(), seqs(ring.after(12)));
  }

  @Test
  void refusesAnEventOutOfSequence() {
    EventRing ring = new EventRing(4);
    ring.append(event(1));
    assertThrows(IllegalStateException.class, () -> ring.append(event(3)));
  }

  private static List<Long> seqs(EventRing.Snapshot snapshot) {
    return snapshot.events().stream().map(LiveEvent::seq).toList();
  }

  private static LiveEvent event(long seq) {
    return LiveEvent.of(LiveEventType.ALERT, Instant.EPOCH, "b", null, null, LiveEvent.Payload.EMPTY).sequenced(seq, Instant.EPOCH);
  }
}

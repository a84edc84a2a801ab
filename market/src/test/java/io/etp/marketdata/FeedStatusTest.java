package io.etp.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeedStatusTest {

  private static final Instant T = Instant.parse("2026-12-06T03:00:00Z");
  private static final FetchFailure REFUSED = new FetchFailure.Unreachable("openadr", new ConnectException("refused"));

  @Test
  void downFromTheFirstFailureUntilTheNextSuccess() {
    FeedStatus s = FeedStatus.first("openadr", Optional.empty(), T);
    assertTrue(s.up());
    FeedStatus down = s.after(Optional.of(REFUSED), T.plusSeconds(10));
    assertFalse(down.up());
    assertEquals(T.plusSeconds(10), down.since());
    assertEquals(Optional.of(FetchFailure.Kind.UNREACHABLE), down.failure());
    FeedStatus still = down.after(Optional.of(new FetchFailure.CircuitOpen("openadr", new RuntimeException("open"))),
        T.plusSeconds(20));
    assertEquals(T.plusSeconds(10), still.since(), "down since the first failure");
    assertEquals(Optional.of(FetchFailure.Kind.CIRCUIT_OPEN), still.failure());
    FeedStatus back = still.after(Optional.empty(), T.plusSeconds(30));
    assertTrue(back.up());
    assertEquals(T.plusSeconds(30), back.since());
    assertTrue(back.line().startsWith("openadr up since"), back.line());
    assertTrue(still.line().contains("DOWN since " + T.plusSeconds(10) + ": CIRCUIT_OPEN"), still.line());
  }

  @Test
  void encodesAndDecodesBothStates() {
    FeedStatus down = FeedStatus.first("entsoe:10YBE", Optional.of(REFUSED), T);
    assertEquals(down, FeedStatus.decode("entsoe:10YBE", down.encode()));
    FeedStatus up = FeedStatus.up("x", T);
    assertEquals(up, FeedStatus.decode("x", up.encode()));
    assertThrows(IllegalArgumentException.class, () -> FeedStatus.decode("x", "SIDEWAYS|now"));
    assertThrows(IllegalArgumentException.class, () -> FeedStatus.decode("x", "UP|yesterday"));
  }

  @Test
  void changesRaiseOnceWhenDownAndClearOnceWhenBack() {
    FeedStatus up = FeedStatus.up("a", T);
    FeedStatus down = up.after(Optional.of(REFUSED), T.plusSeconds(1));
    FeedStatus downAgain = down.after(Optional.of(REFUSED), T.plusSeconds(2));
    FeedStatus back = downAgain.after(Optional.empty(), T.plusSeconds(3));
    assertEquals(List.of(), FeedStatus.changes(Map.of(), Map.of("a", up)));
    assertEquals(List.of(down), FeedStatus.changes(Map.of("a", up), Map.of("a", down)));
    assertEquals(List.of(), FeedStatus.changes(Map.of("a", down), Map.of("a", downAgain)));
    assertEquals(List.of(back), FeedStatus.changes(Map.of("a", downAgain), Map.of("a", back)));
    assertEquals(List.of(down), FeedStatus.changes(Map.of(), Map.of("a", down)), "first seen down");
    assertEquals(1, FeedStatus.changes(Map.of("a", down), Map.of()).size(), "no longer reported: cleared");
    assertTrue(FeedStatus.changes(Map.of("a", down), Map.of()).get(0).up());
  }
}

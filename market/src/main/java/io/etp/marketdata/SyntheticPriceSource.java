package io.etp.marketdata;

import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/** The zero-setup price feed: an endless {@link SyntheticPriceModel} series, paced like a replay. */
public final class SyntheticPriceSource {

  private SyntheticPriceSource() {}

  /** An endless source; every materialization starts over from the seed and yields the same sequence. */
  public static Source<PricePoint, NotUsed> create(SyntheticPriceSettings settings, ReplaySpeed speed) {
    return ReplayPacing.paced(Source.fromIterator(() -> new SyntheticPriceModel(settings)), speed);
  }
}

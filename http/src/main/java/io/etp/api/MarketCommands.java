package io.etp.api;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The seam between the REST commands and the trading core: registering and reading battery twins, changing their
 * acceptance criteria, creating and steering aggregator twins. The core implements it by asking the entities through
 * sharding with a timeout (a timeout completes the stage with a {@link java.util.concurrent.TimeoutException}: 503).
 * An empty result means the twin does not exist (404); a stage failed with a {@link ValidationException} is a 400.
 */
public interface MarketCommands {

  /** Registers (or re-registers) a battery twin, as the device's Register message would. */
  CompletionStage<Registration> registerBattery(BatteryRegistration registration);

  /** A registered battery, or empty. */
  CompletionStage<Optional<BatteryDetail>> battery(String batteryId);

  /** Changes a registered battery's acceptance criteria (absent values are kept); applies from its next auction. */
  CompletionStage<Optional<BatteryDetail>> changeCriteria(String batteryId, CriteriaChange change);

  /** Creates an aggregator twin with its targets and, optionally, its strategy. */
  CompletionStage<Creation> createAggregator(String aggregatorId, Targets targets, Optional<StrategyChange> strategy);

  /** A created aggregator, or empty. */
  CompletionStage<Optional<AggregatorDetail>> aggregator(String aggregatorId);

  /** Switches an aggregator's strategy and/or its parameters (absent values are kept). */
  CompletionStage<Optional<AggregatorDetail>> changeStrategy(String aggregatorId, StrategyChange change);

  /** Replaces an aggregator's targets: requirement, maximum price, budget. */
  CompletionStage<Optional<AggregatorDetail>> setTargets(String aggregatorId, Targets targets);

  /** Stops an aggregator from starting new negotiations ({@code paused = true}) or lets it resume. */
  CompletionStage<Optional<AggregatorDetail>> setPaused(String aggregatorId, boolean paused);

  /** What a battery announces when registered through the API. */
  record BatteryRegistration(String batteryId, double capacityKwh, double remainingKwh, double percentageForSale,
                             double voltageV) {}

  /** The outcome of {@link #registerBattery}: {@code created} is false when the twin was registered already. */
  record Registration(BatteryDetail battery, boolean created) {}

  /** New acceptance criteria; {@code null} keeps the current value. */
  record CriteriaChange(Double reserveCPerKwh, Double minReputation, Double safetyMarginKwh,
                        Double maxEnergyPerTradeKwh) {}

  /** A battery twin as {@code GET /api/batteries/{id}} shows it; {@code openAuctionId} is null without one. */
  record BatteryDetail(String batteryId, String availability, String status, double capacityKwh, double remainingKwh,
                       double forSaleKwh, double soldKwh, String health, double voltageV, double dischargeRateKw,
                       double reserveCPerKwh, double minReputation, double safetyMarginKwh,
                       double maxEnergyPerTradeKwh, String mechanism, String openAuctionId, long auctionsOpened) {}

  /** What an aggregator buys: energy still required (kWh), maximum price (c/kWh), budget (cents). */
  record Targets(double requirementKwh, double maxPriceCPerKwh, double budgetC) {}

  /** A strategy and its parameters; {@code null} keeps the current value. */
  record StrategyChange(String strategy, Double startPriceCPerKwh, Double incrementCPerKwh, Double marginCPerKwh,
                        Double targetSuccessRate) {}

  /** An aggregator twin as {@code GET /api/aggregators/{id}} shows it. */
  record AggregatorDetail(String aggregatorId, double requirementKwh, double maxPriceCPerKwh, double budgetC,
                          String strategy, double startPriceCPerKwh, double incrementCPerKwh, double marginCPerKwh,
                          double targetSuccessRate, boolean paused, double boughtKwh, double spentC, long auctions,
                          long won, double meanClearingPriceCPerKwh, int openNegotiations) {}

  /** The outcome of {@link #createAggregator}. */
  sealed interface Creation {
    record Created(AggregatorDetail aggregator) implements Creation {}

    record AlreadyExists(String aggregatorId) implements Creation {}
  }
}

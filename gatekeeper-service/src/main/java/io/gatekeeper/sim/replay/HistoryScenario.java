package io.gatekeeper.sim.replay;

import io.gatekeeper.sim.Scenario;
import io.gatekeeper.sim.Workload;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns recorded history into the simulator's {@link Scenario}: every merged or tier-rejected request arrives
 * when it was (last) queued, good or breaking the tier that failed it; tiers last their measured median with
 * the measured spread; each tier has one flaky test failing its runs at the measured flake rate. Withdrawn,
 * still open, push- and infrastructure-rejected requests are left out (see {@link RequestOutcome}).
 * The simulated clock starts at the first replayed arrival; throughput is measured up to the last recorded event.
 */
public final class HistoryScenario {
    /** Building a candidate is an in-core rebase: seconds; the recorded rows do not time it. */
    static final Duration BUILD_TIME = Duration.ofSeconds(30);

    private final RecordedHistory history;
    private final List<ClassifiedRequest> requests;
    private final TierMeasurements measured;

    HistoryScenario(RecordedHistory history) {
        this.history = history;
        this.requests = new OutcomeClassifier(history.runs()).classify(history.requests());
        this.measured = TierMeasurements.measure(history.runs(), requests, history.candidates());
        List<ClassifiedRequest> replayed = replayed();
        if (replayed.isEmpty()) {
            throw new ReplayException("repository '" + history.repo() + "' has " + requests.size()
                    + " requests queued in the " + history.days() + " days up to " + history.to()
                    + " but none to replay: " + leftOut());
        }
        if (measured.tiers().isEmpty()) {
            throw new ReplayException("repository '" + history.repo() + "' recorded no finished tier runs in the "
                    + history.days() + " days up to " + history.to() + ": there are no tier durations to replay");
        }
    }

    Scenario scenario(ReplaySettings settings) {
        List<ClassifiedRequest> replayed = replayed();
        Instant start = replayed.get(0).row().queuedAt();
        List<Scenario.Arrival> arrivals = replayed.stream().map(r -> new Scenario.Arrival(r.row().id(),
                Duration.between(start, r.row().queuedAt()), r.breakTier(), r.row().commits(), r.row().priority()))
                .toList();
        List<Workload.TierModel> tiers = tiers(settings);
        List<Workload.FlakyTest> flaky = new ArrayList<>();
        for (TierMeasurements.Tier t : measured.tiers()) {
            double rate = settings.flakeRate() == null ? t.flakeRate() : settings.flakeRate();
            if (rate > 0) {
                flaky.add(new Workload.FlakyTest("replay.flaky." + t.name(), t.name(), rate));
            }
        }
        double hours = Math.max(Duration.between(start, history.to()).toMillis(), 60_000) / 3_600_000.0;
        return new Scenario(tiers, flaky, arrivals, settings.clusters(), settings.batchMax(), BUILD_TIME,
                measured.durationJitter(), hours, Math.max(hours, 24));
    }

    ReplaySummary summary(ReplaySettings settings) {
        return new ReplaySummary(history, requests, measured, settings, tiers(settings));
    }

    private List<Workload.TierModel> tiers(ReplaySettings settings) {
        double total = measured.tiers().stream().mapToDouble(TierMeasurements.Tier::minutes).sum();
        double scale = settings.tierMinutes() == null || total <= 0 ? 1 : settings.tierMinutes() / total;
        // A tier measured at zero minutes (runs finished in the second they started) still takes simulated time.
        return measured.tiers().stream()
                .map(t -> new Workload.TierModel(t.name(), Math.max(t.minutes() * scale, 1 / 60.0))).toList();
    }

    private List<ClassifiedRequest> replayed() {
        return requests.stream().filter(r -> r.outcome().replayed())
                .sorted(Comparator.comparing((ClassifiedRequest r) -> r.row().queuedAt())
                        .thenComparingLong(r -> r.row().id()))
                .toList();
    }

    private String leftOut() {
        return requests.stream().collect(Collectors.groupingBy(ClassifiedRequest::outcome, Collectors.counting()))
                .entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey().text).collect(Collectors.joining("; "));
    }
}

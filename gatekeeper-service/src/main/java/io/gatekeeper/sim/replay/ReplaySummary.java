package io.gatekeeper.sim.replay;

import io.gatekeeper.sim.Workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a replay read, printed as the {@code replay} object beside the simulation's figures: the window, the
 * requests replayed and left out, each tier's measured minutes and rates, the settings used, and what really
 * happened to the replayed requests ({@code recorded}), so the simulation can be held against reality.
 *
 * @param simulatedTiers the tier durations the simulation used (the measured ones unless --tier-minutes)
 */
record ReplaySummary(RecordedHistory history, List<ClassifiedRequest> requests, TierMeasurements measured,
                     ReplaySettings settings, List<Workload.TierModel> simulatedTiers) {

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("repo", history.repo());
        m.put("days", history.days());
        m.put("from", history.from().toString());
        m.put("to", history.to().toString());
        m.put("requests", count(RequestOutcome.GOOD) + count(RequestOutcome.BAD));
        m.put("good", count(RequestOutcome.GOOD));
        m.put("bad", count(RequestOutcome.BAD));
        Map<String, Object> badByTier = new LinkedHashMap<>();
        Map<String, Object> leftOut = new LinkedHashMap<>();
        for (RequestOutcome o : RequestOutcome.values()) {
            if (!o.replayed()) {
                leftOut.put(o.key, count(o));
            }
        }
        List<Map<String, Object>> tiers = new ArrayList<>();
        for (int i = 0; i < measured.tiers().size(); i++) {
            TierMeasurements.Tier t = measured.tiers().get(i);
            badByTier.put(t.name(), requests.stream().filter(r -> t.name().equals(r.breakTier())).count());
            Map<String, Object> tier = new LinkedHashMap<>();
            tier.put("name", t.name());
            tier.put("minutes", round(t.minutes()));
            tier.put("simulatedMinutes", round(simulatedTiers.get(i).minutes()));
            tier.put("runs", t.runs());
            tier.put("flakyRuns", t.flakyRuns());
            tier.put("flakeRate", round4(t.flakeRate()));
            tier.put("infraErrors", t.infraErrors());
            tier.put("infraErrorRate", round4(t.infraErrorRate()));
            tiers.add(tier);
        }
        m.put("badByTier", badByTier);
        m.put("leftOut", leftOut);
        m.put("tiers", tiers);
        m.put("durationJitter", round4(measured.durationJitter()));
        m.put("clusters", settings.clusters());
        m.put("batchMax", settings.batchMax());
        m.put("recorded", recorded());
        return m;
    }

    /** The replayed requests as they really went: queued to merged, and how many were rejected. */
    private Map<String, Object> recorded() {
        List<Double> ttm = requests.stream().filter(r -> r.outcome() == RequestOutcome.GOOD)
                .filter(r -> r.row().finishedAt() != null)
                .map(r -> Duration.between(r.row().queuedAt(), r.row().finishedAt()).toMillis() / 60_000.0)
                .sorted().toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("merged", count(RequestOutcome.GOOD));
        m.put("rejected", count(RequestOutcome.BAD));
        m.put("ttmMeanMinutes", round(ttm.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        m.put("ttmP50Minutes", round(ttm.isEmpty() ? 0 : TierMeasurements.percentile(ttm, 50)));
        m.put("ttmP95Minutes", round(ttm.isEmpty() ? 0 : TierMeasurements.percentile(ttm, 95)));
        return m;
    }

    private long count(RequestOutcome outcome) {
        return requests.stream().filter(r -> r.outcome() == outcome).count();
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    private static double round4(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }
}

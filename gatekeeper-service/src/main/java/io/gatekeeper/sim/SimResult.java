package io.gatekeeper.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one simulation run; {@link #toJson()} gives the keys {@code simulate} prints.
 *
 * @param unfinished        requests still queued or testing when the run stopped (drain limit reached)
 * @param throughputPerHour requests merged while arrivals were still coming, per hour of arrivals
 * @param ttmP95WithUnfinishedMinutes p95 time to merge counting unfinished requests with their wait so far (a
 *                          lower bound for them), so a strategy that leaves requests behind does not look fast
 * @param violations        broken invariants (capacity exceeded, a failed candidate landed, ...): must be empty
 */
public record SimResult(String strategy, long seed, int arrived, int merged, int mergedWithinHours,
                        double throughputPerHour, int rejected, int goodRejected, int badLanded, int unfinished,
                        double headBrokenMinutes, double ttmMeanMinutes, double ttmP50Minutes, double ttmP95Minutes,
                        double ttmP95WithUnfinishedMinutes, double clusterHours, double runsPerMerge, long runs, int unexplainedFailures,
                        double simulatedHours, int queueLengthSampleMinutes, List<Integer> queueLength,
                        List<String> violations) {

    public SimResult {
        queueLength = List.copyOf(queueLength);
        violations = List.copyOf(violations);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("strategy", strategy);
        m.put("seed", seed);
        m.put("arrived", arrived);
        m.put("merged", merged);
        m.put("mergedWithinHours", mergedWithinHours);
        m.put("throughputPerHour", round(throughputPerHour));
        m.put("rejected", rejected);
        m.put("goodRejected", goodRejected);
        m.put("badLanded", badLanded);
        m.put("unfinished", unfinished);
        m.put("headBrokenMinutes", round(headBrokenMinutes));
        m.put("ttmMeanMinutes", round(ttmMeanMinutes));
        m.put("ttmP50Minutes", round(ttmP50Minutes));
        m.put("ttmP95Minutes", round(ttmP95Minutes));
        m.put("ttmP95WithUnfinishedMinutes", round(ttmP95WithUnfinishedMinutes));
        m.put("clusterHours", round(clusterHours));
        m.put("runsPerMerge", round(runsPerMerge));
        m.put("runs", runs);
        m.put("unexplainedFailures", unexplainedFailures);
        m.put("simulatedHours", round(simulatedHours));
        m.put("queueLengthSampleMinutes", queueLengthSampleMinutes);
        m.put("queueLength", queueLength);
        m.put("violations", violations);
        return m;
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}

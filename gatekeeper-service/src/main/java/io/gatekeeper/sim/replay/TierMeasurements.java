package io.gatekeeper.sim.replay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Per-tier figures measured from recorded runs: pure functions over rows.
 *
 * <p>A run that follows a failed run of the same tier on the same candidate is the flake judge's targeted re-run
 * of a few tests: it counts neither as a run of the tier nor towards its duration. A tier run is flaky when
 * tests failed in it without its change being at fault: the judge excused them (the run passed with failed
 * tests), a later run on the same candidate passed, or every request the candidate carried was merged.
 *
 * @param tiers          cheapest first
 * @param durationJitter the spread of passed runs around their tier's median, as the simulator models it: a
 *                       uniform factor in [1 - j, 1 + j], whose 10th and 90th percentiles lie 1.6 j apart
 */
record TierMeasurements(List<Tier> tiers, double durationJitter) {

    /**
     * @param minutes         median of the tier's passed runs (of any finished run when none passed)
     * @param runs            runs with a verdict (passed or failed), re-runs not counted
     * @param flakeRate       flaky runs / runs
     * @param infraErrorRate  runs that ended in an infrastructure error / all the tier's runs; not simulated
     */
    record Tier(String name, double minutes, int runs, int flakyRuns, double flakeRate, int infraErrors,
                double infraErrorRate) { }

    static final double MAX_JITTER = 0.9;

    static TierMeasurements measure(List<RecordedRun> runs, List<ClassifiedRequest> requests,
                                    List<CandidateLink> candidates) {
        Set<Long> merged = requests.stream().filter(r -> r.outcome() == RequestOutcome.GOOD)
                .map(r -> r.row().id()).collect(Collectors.toSet());
        Map<Long, Set<Long>> contents = contents(candidates);
        Map<String, List<RecordedRun>> byTier = runs.stream()
                .collect(Collectors.groupingBy(RecordedRun::tier, java.util.TreeMap::new, Collectors.toList()));
        List<Tier> tiers = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (Map.Entry<String, List<RecordedRun>> e : byTier.entrySet()) {
            List<RecordedRun> full = new ArrayList<>();
            Set<Long> flaky = new HashSet<>();
            for (List<RecordedRun> attempts : byCandidate(e.getValue())) {
                for (int i = 0; i < attempts.size(); i++) {
                    RecordedRun run = attempts.get(i);
                    if (i > 0 && attempts.get(i - 1).failed()) {
                        continue;
                    }
                    full.add(run);
                    if (run.excused() || run.failed() && (laterPass(attempts, i)
                            || allMerged(contents.get(run.candidateNo()), merged))) {
                        flaky.add(run.id());
                    }
                }
            }
            List<Double> passed = minutes(full.stream().filter(RecordedRun::passed).toList());
            List<Double> any = minutes(full.stream().filter(r -> !"cancelled".equals(r.state())).toList());
            double median = median(!passed.isEmpty() ? passed : !any.isEmpty() ? any : minutes(e.getValue()));
            passed.forEach(m -> ratios.add(median > 0 ? m / median : 1));
            int verdicts = (int) full.stream().filter(r -> r.passed() || r.failed()).count();
            int infra = (int) e.getValue().stream().filter(RecordedRun::infraError).count();
            int all = (int) e.getValue().stream().filter(r -> !"cancelled".equals(r.state())).count();
            tiers.add(new Tier(e.getKey(), median, verdicts, flaky.size(),
                    verdicts == 0 ? 0 : flaky.size() / (double) verdicts, infra, all == 0 ? 0 : infra / (double) all));
        }
        tiers.sort(Comparator.comparingDouble(Tier::minutes).thenComparing(Tier::name));
        ratios.sort(Double::compare);
        double jitter = ratios.isEmpty() ? 0
                : Math.min(MAX_JITTER, (percentile(ratios, 90) - percentile(ratios, 10)) / 1.6);
        return new TierMeasurements(tiers, jitter);
    }

    /** Each candidate's content: its own requests and, recursively, those of the candidates it was built on. */
    static Map<Long, Set<Long>> contents(List<CandidateLink> links) {
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, Set<Long>> own = new HashMap<>();
        for (CandidateLink l : links) {
            if (l.parentNo() != null) {
                parents.put(l.candidateNo(), l.parentNo());
            }
            Set<Long> mine = own.computeIfAbsent(l.candidateNo(), n -> new HashSet<>());
            if (l.requestId() != null) {
                mine.add(l.requestId());
            }
        }
        Map<Long, Set<Long>> contents = new HashMap<>();
        for (long candidate : own.keySet()) {
            Set<Long> content = new HashSet<>();
            Set<Long> seen = new HashSet<>();
            for (Long c = candidate; c != null && seen.add(c); c = parents.get(c)) {
                content.addAll(own.getOrDefault(c, Set.of()));
            }
            contents.put(candidate, content);
        }
        return contents;
    }

    private static Collection<List<RecordedRun>> byCandidate(List<RecordedRun> runs) {
        Map<Long, List<RecordedRun>> grouped = new HashMap<>();
        runs.stream().sorted(Comparator.comparingInt(RecordedRun::attempt).thenComparingLong(RecordedRun::id))
                .forEach(r -> grouped.computeIfAbsent(r.candidateNo(), n -> new ArrayList<>()).add(r));
        return grouped.values();
    }

    private static boolean laterPass(List<RecordedRun> attempts, int index) {
        return attempts.subList(index + 1, attempts.size()).stream().anyMatch(RecordedRun::passed);
    }

    /** Content of candidates outside the window is unknown: such a failure is not called flaky. */
    private static boolean allMerged(Set<Long> content, Set<Long> merged) {
        return content != null && !content.isEmpty() && merged.containsAll(content);
    }

    private static List<Double> minutes(List<RecordedRun> runs) {
        return runs.stream().map(RecordedRun::minutes).sorted().collect(Collectors.toCollection(ArrayList::new));
    }

    static double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Nearest rank, like the simulator's metrics. */
    static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}

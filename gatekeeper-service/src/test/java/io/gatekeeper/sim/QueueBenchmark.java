package io.gatekeeper.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Issue 4's benchmark: every strategy on the seeded workloads W1, W2, W3 (tiers 5/15/45/120 minutes, 48 hours of
 * arrivals by default), a Markdown table per workload with ratios to the oracle, and a check of gatekeeper's
 * targets. Run by {@code bench/queue/run.sh} (see there), or as a test with {@code -Dgatekeeper.long=true}.
 *
 * <p>Arguments: {@code [--hours H] [--seeds N] [--out FILE] [--strategies a,b,c]}. With several seeds each
 * figure is the mean over seeds 1..N.
 */
public final class QueueBenchmark {
    static final List<String> STRATEGIES = List.of("serial", "bisect", "speculative", "gatekeeper",
            "gatekeeper-bisect", "gatekeeper-prefixes", "gatekeeper-unscreened", "oracle");

    private QueueBenchmark() {
    }

    /** W1, W2 and W3 of issue 4. W2's "1.5% of candidate runs hit a flake": one flaky test per tier, 1.5% a run. */
    static Map<String, Workload> workloads(double hours) {
        Map<String, Workload> w = new LinkedHashMap<>();
        w.put("W1: 40/h, 5% break, no flakes, 32 clusters", Workload.defaults().with(40, 0.05, 32, hours));
        w.put("W2: 100/h, 5% break, 1.5% flaky runs, 32 clusters",
                Workload.defaults().with(100, 0.05, 32, hours).withFlakyTests(4, 0.015));
        w.put("W3: 100/h, 15% break, no flakes, 8 clusters", Workload.defaults().with(100, 0.15, 8, hours));
        return w;
    }

    public static void main(String[] args) throws IOException {
        double hours = 48;
        int seeds = 1;
        Path outFile = null;
        List<String> strategies = STRATEGIES;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--hours" -> hours = Double.parseDouble(args[i + 1]);
                case "--seeds" -> seeds = Integer.parseInt(args[i + 1]);
                case "--out" -> outFile = Path.of(args[i + 1]);
                case "--strategies" -> strategies = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String report = run(hours, seeds, strategies, System.err);
        System.out.print(report);
        if (outFile != null) {
            Files.writeString(outFile, report, StandardCharsets.UTF_8);
        }
    }

    static String run(double hours, int seeds, List<String> strategies, PrintStream progress) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Simulated %.0f hours of arrivals per workload (then drained up to %.0f "
                + "hours more), mean of seed(s) 1..%d. TTM = time to merge, push to landing, over merged requests; "
                + "p95* also counts unfinished requests with their wait so far. Ratios are to oracle.%n%n",
                hours, Math.max(hours, 24), seeds));
        for (Map.Entry<String, Workload> w : workloads(hours).entrySet()) {
            Map<String, List<SimResult>> results = new LinkedHashMap<>();
            long goodTotal = 0;
            for (int seed = 1; seed <= seeds; seed++) {
                Scenario scenario = w.getValue().scenario(seed);
                goodTotal += scenario.arrivals().stream().filter(a -> !a.bad()).count();
                for (String s : strategies) {
                    long t0 = System.nanoTime();
                    SimResult r = new Simulator(scenario, s, seed).run();
                    progress.printf(Locale.ROOT, "%s seed %d %s: %.1fs%n", w.getKey().substring(0, 2), seed, s,
                            (System.nanoTime() - t0) / 1e9);
                    results.computeIfAbsent(s, k -> new ArrayList<>()).add(r);
                }
            }
            md.append("### ").append(w.getKey()).append("\n\n");
            md.append(table(results));
            if (results.containsKey("gatekeeper") && results.containsKey("oracle")) {
                md.append("\n").append(targets(results, goodTotal / (double) seeds));
            }
            md.append("\n");
        }
        return md.toString();
    }

    private static String table(Map<String, List<SimResult>> results) {
        StringBuilder t = new StringBuilder("| strategy | merged/h | merged | unfinished | TTM p50 min | TTM p95 min "
                + "| p95* min | runs/merge | cluster-h | good rejected | bad landed | head broken min "
                + "| merged/h vs oracle | p50 vs oracle | p95 vs oracle | runs/merge vs oracle |\n");
        t.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<SimResult> oracle = results.get("oracle");
        for (Map.Entry<String, List<SimResult>> e : results.entrySet()) {
            List<SimResult> r = e.getValue();
            t.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f | %.0f | %.1f "
                    + "| %.1f | %.0f | %s | %s | %s | %s |%n", e.getKey(),
                    mean(r, SimResult::throughputPerHour), mean(r, SimResult::merged), mean(r, SimResult::unfinished),
                    mean(r, SimResult::ttmP50Minutes), mean(r, SimResult::ttmP95Minutes),
                    mean(r, SimResult::ttmP95WithUnfinishedMinutes), mean(r, SimResult::runsPerMerge),
                    mean(r, SimResult::clusterHours), mean(r, SimResult::goodRejected),
                    mean(r, SimResult::badLanded), mean(r, SimResult::headBrokenMinutes),
                    ratio(r, oracle, SimResult::throughputPerHour), ratio(r, oracle, SimResult::ttmP50Minutes),
                    ratio(r, oracle, SimResult::ttmP95Minutes), ratio(r, oracle, SimResult::runsPerMerge)));
        }
        return t.toString();
    }

    private static String targets(Map<String, List<SimResult>> results, double good) {
        List<SimResult> gk = results.get("gatekeeper");
        List<SimResult> oracle = results.get("oracle");
        double p95 = mean(gk, SimResult::ttmP95Minutes);
        StringBuilder t = new StringBuilder("Gatekeeper's targets:\n\n");
        check(t, "zero bad changes landed, zero head-broken minutes",
                mean(gk, SimResult::badLanded) == 0 && mean(gk, SimResult::headBrokenMinutes) == 0,
                String.format(Locale.ROOT, "%.1f landed, %.0f min", mean(gk, SimResult::badLanded),
                        mean(gk, SimResult::headBrokenMinutes)));
        check(t, "p95 TTM <= 1.5 x oracle's", p95 <= 1.5 * mean(oracle, SimResult::ttmP95Minutes),
                ratio(gk, oracle, SimResult::ttmP95Minutes) + " x (p95* " + ratio(gk, oracle,
                        SimResult::ttmP95WithUnfinishedMinutes) + " x)");
        double rejectedShare = mean(gk, SimResult::goodRejected) / Math.max(1, good);
        check(t, "<= 1% of good changes rejected", rejectedShare <= 0.01,
                String.format(Locale.ROOT, "%.2f%%", 100 * rejectedShare));
        if (results.containsKey("speculative")) {
            List<SimResult> spec = results.get("speculative");
            check(t, "fewer cluster-runs per merge than speculative",
                    mean(gk, SimResult::runsPerMerge) < mean(spec, SimResult::runsPerMerge),
                    String.format(Locale.ROOT, "%.2f vs %.2f", mean(gk, SimResult::runsPerMerge),
                            mean(spec, SimResult::runsPerMerge)));
        }
        for (String baseline : List.of("bisect", "speculative")) {
            if (results.containsKey(baseline)) {
                List<SimResult> b = results.get(baseline);
                check(t, "better p95 than " + baseline, p95 < mean(b, SimResult::ttmP95Minutes)
                                && mean(gk, SimResult::ttmP95WithUnfinishedMinutes)
                                < mean(b, SimResult::ttmP95WithUnfinishedMinutes),
                        String.format(Locale.ROOT, "%.0f vs %.0f min (p95* %.0f vs %.0f)", p95,
                                mean(b, SimResult::ttmP95Minutes), mean(gk, SimResult::ttmP95WithUnfinishedMinutes),
                                mean(b, SimResult::ttmP95WithUnfinishedMinutes)));
            }
        }
        return t.toString();
    }

    private static void check(StringBuilder t, String target, boolean met, String measured) {
        t.append("- ").append(met ? "met" : "**MISSED**").append(": ").append(target).append(" (").append(measured)
                .append(")\n");
    }

    private static double mean(List<SimResult> rs, ToDoubleFunction<SimResult> f) {
        return rs.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static String ratio(List<SimResult> r, List<SimResult> oracle, ToDoubleFunction<SimResult> f) {
        if (oracle == null) {
            return "-";
        }
        double base = mean(oracle, f);
        return base == 0 ? "-" : String.format(Locale.ROOT, "%.2f", mean(r, f) / base);
    }
}

package io.gatekeeper.flaky.bench;

import io.gatekeeper.flaky.model.BurnInSettings;
import java.nio.file.Path;
import java.time.Duration;

/** Command-line options of {@link ReplayBenchmark}, with the defaults of issue 5's quality bars. */
final class BenchArgs {

    private BenchArgs() {
    }

    static ReplayBenchmark.Options parse(String[] args) {
        Path csv = Path.of(System.getProperty("gatekeeper.shared", "../shared"), "corpus", "flaky-rates",
                "flakeflagger-test_results.csv");
        int candidates = 5000;
        double regressions = 0.10;
        double deterministic = 0.60;
        int history = 300;
        double keep = 0.2;
        long seed = 42;
        int spanDays = 30;
        int changedTests = 3;
        double inChanged = 1.0;
        BurnInSettings d = BurnInSettings.DEFAULT;
        int burnInRuns = d.runs();
        double alpha = d.innocentRisk();
        double beta = d.missRisk();
        double shift = d.minShift();
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--csv": csv = Path.of(v); break;
                case "--candidates": candidates = Integer.parseInt(v); break;
                case "--regressions": regressions = Double.parseDouble(v); break;
                case "--deterministic": deterministic = Double.parseDouble(v); break;
                case "--history": history = Integer.parseInt(v); break;
                case "--change-keeps-fingerprint": keep = Double.parseDouble(v); break;
                case "--seed": seed = Long.parseLong(v); break;
                case "--span-days": spanDays = Integer.parseInt(v); break;
                case "--changed-tests": changedTests = Integer.parseInt(v); break;
                case "--regression-in-changed-tests": inChanged = Double.parseDouble(v); break;
                case "--burn-in-runs": burnInRuns = Integer.parseInt(v); break;
                case "--burn-in-innocent-risk": alpha = Double.parseDouble(v); break;
                case "--burn-in-miss-risk": beta = Double.parseDouble(v); break;
                case "--burn-in-shift": shift = Double.parseDouble(v); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (inChanged < 0 || inChanged > 1 || changedTests < 1 || burnInRuns < 0) {
            throw new IllegalArgumentException("--regression-in-changed-tests must be in [0, 1], --changed-tests >= 1,"
                    + " --burn-in-runs >= 0");
        }
        return new ReplayBenchmark.Options(csv, candidates, regressions, deterministic, history, keep, seed,
                Duration.ofDays(spanDays), changedTests, inChanged, new BurnInSettings(burnInRuns, d.maxTests(),
                d.touchedChangePrior(), alpha, beta, shift));
    }
}

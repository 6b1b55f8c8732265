package io.gatekeeper.flaky.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Prints the replay's numbers as a Markdown table, policy against baseline. */
final class BenchReport {

    private BenchReport() {
    }

    static void print(PrintStream out, ReplayBenchmark.Options o, FlakeRates rates, ReplayBenchmark b,
                      long quarantinedAtStart, double seconds) {
        Tally g = b.gatekeeper;
        Tally r = b.retry;
        out.printf(Locale.ROOT, "Replay: %d candidates, %.0f%% regressions (%.0f%% deterministic, rest change-induced"
                        + " flaky 5-50%%), %d tests (%d flaky) in %d projects, %d history runs per test, seed %d, %.1f s%n%n",
                o.candidates(), 100 * o.regressions(), 100 * o.deterministicShare(), rates.tests(), rates.flaky(),
                rates.byProject().size(), o.historyRuns(), o.seed(), seconds);
        out.printf(Locale.ROOT, "Each candidate modifies %d tests; a regression's test is among them with probability"
                        + " %.2f; burn-in: %d runs, at most %d tests%n%n", o.changedTests(),
                o.regressionInChangedTests(), o.burnIn().runs(), o.burnIn().maxTests());
        out.println("| measure | target | gatekeeper | retry tier up to 2x |");
        out.println("|---|---|---|---|");
        row(out, "innocent flaky failures exonerated (per failed test)", ">= 95%",
                Tally.pct(g.innocentFailuresExonerated, g.innocentFailures),
                Tally.pct(r.innocentFailuresExonerated, r.innocentFailures));
        row(out, "... of tests not quarantined", "",
                Tally.pct(g.innocentActiveExonerated, g.innocentActiveFailures), "");
        row(out, "innocent candidates with failures accepted", "",
                Tally.pct(g.innocentCandidatesFailingAccepted, g.innocentCandidatesFailing),
                Tally.pct(r.innocentCandidatesFailingAccepted, r.innocentCandidatesFailing));
        row(out, "deterministic regressions let through", "<= 0.5%",
                Tally.pct(g.deterministicLetThrough, g.deterministic), Tally.pct(r.deterministicLetThrough, r.deterministic));
        row(out, "change-induced flaky regressions let through (all)", "<= 10%",
                Tally.pct(g.flakyLetThrough, g.flakyRegressions), Tally.pct(r.flakyLetThrough, r.flakyRegressions));
        row(out, "... of those that failed in the first run", "",
                Tally.pct(g.flakyLetThroughFailing, g.flakyRegressionsFailing),
                Tally.pct(r.flakyLetThroughFailing, r.flakyRegressionsFailing));
        row(out, "... caught by burn-in", "", Tally.pct(g.caughtByBurnIn, g.flakyRegressions), "");
        row(out, "... caught by the rate test (tests with flake history)", "",
                Tally.pct(g.caughtByRateTest, g.flakyRegressions), "");
        row(out, "innocent candidates rejected by burn-in", "",
                Tally.pct(g.innocentRejectedByBurnIn, g.innocentCandidates), "");
        row(out, "... by the rate test (tests with flake history)", "",
                Tally.pct(g.innocentRejectedByRateTest, g.innocentCandidates), "");
        row(out, "tests with flake history burnt in", "", Long.toString(g.historyBurntIn), "");
        row(out, "burn-in runs per candidate", "", Tally.ratio(g.burnInRuns, o.candidates()), "");
        row(out, "... per candidate burnt in", "", Tally.ratio(g.burnInRuns, g.candidatesBurntIn) + " ("
                + g.candidatesBurntIn + " candidates)", "");
        row(out, "targeted re-runs per failed test", "<= 2", Tally.ratio(g.targetedReruns, g.judgedFailures), "0");
        row(out, "... per failed test not quarantined", "", Tally.ratio(g.targetedReruns, g.activeJudged), "");
        row(out, "whole-tier re-runs", "0", "0", Long.toString(r.tierReruns));
        row(out, "Brier score of P(change-caused)", "<= 0.05", Tally.ratio(g.brierSum, g.brierCount), "n/a");
        row(out, "... on the regressed tests' failures only", "",
                Tally.ratio(g.regressedBrierSum, g.regressedBrierCount), "");
        row(out, "Brier score of burn-in failures' P(change-caused)", "",
                Tally.ratio(g.burnInBrierSum, g.burnInFailures), "");
        row(out, "regressions that hit a quarantined test", "",
                Long.toString(g.regressionsOnQuarantined), "n/a (no quarantine)");
        out.printf(Locale.ROOT, "%ninnocent failures blamed: %d with no flake history, %d after failing every re-run,"
                + " %d passed with a new fingerprint%n", g.blamedNoHistory, g.blamedBudgetSpent, g.blamedNewFingerprint);
        out.printf(Locale.ROOT, "change-induced flaky regressions let through: %d passed every burn-in run (no flake"
                        + " history), %d passed the rate test (flake history), %d were changed but not burnt in"
                        + " (quarantined, over the cap), %d were not among the changed tests%n", g.flakyPassedBurnIn,
                g.flakyPassedRateTest, g.flakyChangedNotBurntIn, g.flakyNotChanged);
        out.printf(Locale.ROOT, "quarantined tests: %d at start, %d at end, %d releases; judged failures: %d%n",
                quarantinedAtStart, b.quarantinedTests(), g.releasedDuringReplay, g.judgedFailures);
    }

    private static void row(PrintStream out, String measure, String target, String gk, String retry) {
        out.println("| " + measure + " | " + target + " | " + gk + " | " + retry + " |");
    }
}

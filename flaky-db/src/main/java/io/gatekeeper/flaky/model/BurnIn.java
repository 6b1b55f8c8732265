package io.gatekeeper.flaky.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Burn-in (docs/flakiness.md §6a): after a tier passes, the tests the change adds or modifies are re-run
 * alone up to {@link BurnInSettings#runs()} times, stopping at the first failure. Most change-induced
 * flakiness never shows in one run, and no policy that only reacts to failures can see it; the tests a change
 * touches are where it is most likely to be. This class decides which tests are burnt in and what a failure
 * means.
 * <ul>
 *   <li>Burnt in: tests with no flake history, new or stable. A failure of one of them in any burn-in run is
 *       the change's fault: with no history, nothing else explains it.</li>
 *   <li>Not burnt in: quarantined and broken-on-head tests (their failures never block), and tests with flake
 *       history, whose failures in a few runs cannot be told from their known rate (they are judged by
 *       {@link FlakeJudge} whenever they fail); past the cap, the rest.</li>
 * </ul>
 */
public final class BurnIn {

    /** Why a changed test is not burnt in. */
    public enum Skip {
        FLAKE_HISTORY("has flake history, its failures are judged by its rate"),
        QUARANTINED("quarantined"),
        BROKEN("broken on head"),
        OVER_CAP("over the cap of tests burnt in per candidate");

        private final String text;

        Skip(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** A test the change adds or modifies that ran in the tier; {@code added}: its source file is new. */
    public record Candidate(TestId test, boolean added, RatePosterior rate, TestState state) { }

    public record Skipped(TestId test, Skip why) { }

    /** The tests to burn in, most uncertain first (new, then fewest runs), and the ones left out. */
    public record Plan(List<Candidate> tests, List<Skipped> skipped) {
        public Plan {
            tests = List.copyOf(tests);
            skipped = List.copyOf(skipped);
        }
    }

    private final ModelSettings model;
    private final BurnInSettings settings;

    public BurnIn(ModelSettings model, BurnInSettings settings) {
        this.model = model;
        this.settings = settings;
    }

    public BurnInSettings settings() {
        return settings;
    }

    public Plan plan(List<Candidate> changed) {
        List<Candidate> eligible = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Candidate c : changed) {
            if (c.state() == TestState.QUARANTINED) {
                skipped.add(new Skipped(c.test(), Skip.QUARANTINED));
            } else if (c.state() == TestState.BROKEN) {
                skipped.add(new Skipped(c.test(), Skip.BROKEN));
            } else if (ChangeCause.hasHistory(c.rate(), model)) {
                skipped.add(new Skipped(c.test(), Skip.FLAKE_HISTORY));
            } else {
                eligible.add(c);
            }
        }
        eligible.sort(Comparator.comparing((Candidate c) -> !c.added())
                .thenComparingDouble(c -> c.rate().runs())
                .thenComparing(c -> c.test().value()));
        List<Candidate> kept = eligible.subList(0, Math.min(settings.maxTests(), eligible.size()));
        for (Candidate c : eligible.subList(kept.size(), eligible.size())) {
            skipped.add(new Skipped(c.test(), Skip.OVER_CAP));
        }
        return new Plan(kept, skipped);
    }

    /** The verdict on a burnt-in test that failed burn-in run {@code run} (1-based) after passing the ones before. */
    public Verdict failed(Candidate c, int run) {
        double p = pChangeCaused(c, run - 1);
        String text = "`" + c.test().display() + "` failed burn-in run " + run + " of " + settings.runs()
                + ": the change made it flaky";
        return new Verdict(c.test(), Decision.CHANGE_CAUSED, 1, run + 1, c.rate(), false, p, settings.runs(),
                null, text);
    }

    /**
     * P(change-caused) of one failure after {@code passes} passing burn-in runs, given that the tier's own
     * run passed (it is in {@code c.rate()}). A test the change added is the change's by definition: 1.
     * Otherwise Bayes over two causes, both conditioned on that first pass: the change made it fail at an
     * unknown rate q (prior {@link BurnInSettings#touchedChangePrior()}, q ~ U(0,1), so after one pass
     * q ~ Beta(1, 2) and the burn-in runs have likelihood B(2, 2+s)/B(1, 2)), or the test was already flaky
     * ({@link ChangeCause#flakyAtAll}, then E[p(1-p)^s] under its rate).
     */
    public double pChangeCaused(Candidate c, int passes) {
        if (c.added()) {
            return 1;
        }
        double rho = settings.touchedChangePrior();
        RatePosterior rate = c.rate().withoutFailures();
        double logChange = Math.log(rho) + BetaMath.logBeta(2, 2 + passes) - BetaMath.logBeta(1, 2);
        double logFlaky = Math.log(1 - rho) + Math.log(ChangeCause.flakyAtAll(rate, model))
                + rate.logProbability(1, passes);
        return 1 / (1 + Math.exp(logFlaky - logChange));
    }
}

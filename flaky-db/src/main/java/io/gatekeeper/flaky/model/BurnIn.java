package io.gatekeeper.flaky.model;

import io.gatekeeper.flaky.model.ChangedTests.Touch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Burn-in (docs/flakiness.md §6a): after a tier passes, the tests the change adds or modifies, and the tests
 * related by name to the source files it changes ({@link RelatedTests}), are re-run alone up to
 * {@link BurnInSettings#runs()} times. Most change-induced flakiness never shows in one run, and
 * no policy that only reacts to failures can see it; the tests a change touches are where it is most likely
 * to be. This class decides which tests are burnt in and what their runs mean.
 * <ul>
 *   <li>Tests with no flake history, new or stable ({@link FirstFailureRule}): the first failure is the
 *       change's fault, since nothing else explains it.</li>
 *   <li>Tests with flake history ({@link RateShiftSprt}): failures are expected; the change is blamed only when
 *       they come clearly more often than the known rate allows, and a test shown to be within its rate stops
 *       being burnt in.</li>
 *   <li>Not burnt in: quarantined and broken-on-head tests (their failures never block, so burning them in
 *       could only cost runs); past the cap, the rest.</li>
 * </ul>
 */
public final class BurnIn {

    /** Why a changed test is not burnt in. */
    public enum Skip {
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

    /** A test the change adds, modifies or (by name) relates to a changed source file, that ran in the tier. */
    public record Candidate(TestId test, Touch touch, RatePosterior rate, TestState state) {

        /** A test of a test file the change adds ({@code added}) or modifies. */
        public Candidate(TestId test, boolean added, RatePosterior rate, TestState state) {
            this(test, added ? Touch.ADDED : Touch.MODIFIED, rate, state);
        }

        /** Its test source file is new: its failures are the change's by definition. */
        public boolean added() {
            return touch == Touch.ADDED;
        }
    }

    /** A burnt-in test's burn-in runs so far. */
    public record Progress(Candidate test, int failures, int passes) {
        public static Progress start(Candidate test) {
            return new Progress(test, 0, 0);
        }

        public Progress after(boolean failed) {
            return new Progress(test, failures + (failed ? 1 : 0), passes + (failed ? 0 : 1));
        }

        public int runs() {
            return failures + passes;
        }
    }

    public record Skipped(TestId test, Skip why) { }

    /**
     * The tests to burn in and the ones left out. Tests of added files first, then of modified ones, then tests
     * related to a changed source file (a change's own test edits are the strongest signal; a name is a guess),
     * within each the most uncertain first (fewest runs).
     */
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
            } else {
                eligible.add(c);
            }
        }
        eligible.sort(Comparator.comparing(Candidate::touch)
                .thenComparingDouble(c -> c.rate().runs())
                .thenComparing(c -> c.test().value()));
        List<Candidate> kept = eligible.subList(0, Math.min(settings.maxTests(), eligible.size()));
        for (Candidate c : eligible.subList(kept.size(), eligible.size())) {
            skipped.add(new Skipped(c.test(), Skip.OVER_CAP));
        }
        return new Plan(kept, skipped);
    }

    /** The rule a burnt-in test's runs are judged by: by its known rate when it has flake history. */
    public BurnInRule rule(Candidate c) {
        return hasHistory(c) ? RateShiftSprt.against(c.rate().upperBound(), settings) : FirstFailureRule.INSTANCE;
    }

    public boolean hasHistory(Candidate c) {
        return ChangeCause.hasHistory(c.rate(), model);
    }

    /** What the burn-in runs so far say about the test. */
    public BurnInRule.Status judge(Progress p) {
        return rule(p.test()).judge(p.failures(), p.passes());
    }

    /** The verdict on a test judged {@link BurnInRule.Status#CHANGE_CAUSED} after burn-in run {@code run}. */
    public Verdict changeCaused(Progress p, int run) {
        if (!hasHistory(p.test())) {
            return failed(p.test(), run);
        }
        Candidate c = p.test();
        RateShiftSprt sprt = RateShiftSprt.against(c.rate().upperBound(), settings);
        double pc = pRateShift(c, p.failures(), p.passes());
        String text = named(c) + " failed " + p.failures() + " of " + p.runs() + " burn-in runs, more"
                + " often than its " + rate(c.rate()) + " allows (sequential test of " + FlakeJudge.number(sprt.p0())
                + " against " + FlakeJudge.number(sprt.p1()) + "), P(change-caused) " + FlakeJudge.number(pc)
                + ": the change made it flakier";
        return new Verdict(c.test(), Decision.CHANGE_CAUSED, p.failures(), 1 + p.runs(), c.rate(), true, pc,
                settings.runs(), null, text);
    }

    /** The line for a test with flake history that passed its burn-in. */
    public String withinRate(Progress p) {
        return "`" + p.test().test().display() + "` failed " + p.failures() + " of " + p.runs()
                + " burn-in runs, within its " + rate(p.test().rate());
    }

    /** The test as a verdict names it; a related test says so, since the change did not touch its file. */
    private static String named(Candidate c) {
        String name = "`" + c.test().display() + "`";
        return c.touch() == Touch.RELATED ? name + " (" + Touch.RELATED.text() + ")" : name;
    }

    private static String rate(RatePosterior r) {
        return "rate " + FlakeJudge.number(r.mean()) + " [" + FlakeJudge.number(r.lower()) + ", "
                + FlakeJudge.number(r.upper()) + "]";
    }

    /**
     * P(change-caused) of a test with flake history after f failed and s passed burn-in runs: the change made
     * it fail at an unknown rate (prior {@link BurnInSettings#touchedChangePrior()}, rate ~ U(0, 1), so
     * Lc = B(1+f, 1+s)), or it still fails at its known rate (Lf = E[p^f (1-p)^s] under its posterior).
     */
    public double pRateShift(Candidate c, int failures, int passes) {
        double rho = settings.touchedChangePrior();
        double logChange = Math.log(rho) + BetaMath.logBeta(1 + failures, 1 + passes);
        double logFlaky = Math.log(1 - rho) + c.rate().logProbability(failures, passes);
        return 1 / (1 + Math.exp(logFlaky - logChange));
    }

    /** The verdict on a burnt-in test that failed burn-in run {@code run} (1-based) after passing the ones before. */
    public Verdict failed(Candidate c, int run) {
        double p = pChangeCaused(c, run - 1);
        String text = named(c) + " failed burn-in run " + run + " of " + settings.runs()
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

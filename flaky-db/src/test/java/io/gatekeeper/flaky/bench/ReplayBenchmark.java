package io.gatekeeper.flaky.bench;

import io.gatekeeper.flaky.model.DecayedCounts;
import io.gatekeeper.flaky.model.Decision;
import io.gatekeeper.flaky.model.FailedTest;
import io.gatekeeper.flaky.model.FlakeJudge;
import io.gatekeeper.flaky.model.ModelSettings;
import io.gatekeeper.flaky.model.QuarantinePolicy;
import io.gatekeeper.flaky.model.RerunResult;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.model.TestState;
import io.gatekeeper.flaky.model.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Replay benchmark of issue 5's quality bars: per-test rates from FlakeFlagger; candidates of random projects,
 * a share of them real regressions (deterministic, or change-induced flakiness failing 5-50% of the time);
 * Gatekeeper's decision policy ({@link FlakeJudge}, learning as the store does) against "retry the failed tier
 * up to 2 times, pass if any run passes", on the same draws. Run with bench/flaky/replay.sh.
 */
public final class ReplayBenchmark {

    record Options(Path csv, int candidates, double regressions, double deterministicShare, int historyRuns,
                   double changeKeepsFingerprint, long seed, Duration span) {
    }

    private record Project(String name, List<SimTest> tests, List<SimTest> flaky) {
    }

    private record Candidate(int id, Project project, SimTest regressed, double q, boolean deterministic) {
    }

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final Options o;
    private final ModelSettings settings = ModelSettings.DEFAULT;
    private final FlakeJudge judge = new FlakeJudge(settings);
    private final QuarantinePolicy quarantine = new QuarantinePolicy(settings);
    private final Draws draws;
    private final List<Project> projects = new ArrayList<>();
    final Tally gatekeeper = new Tally();
    final Tally retry = new Tally();

    ReplayBenchmark(Options options, FlakeRates rates) {
        this.o = options;
        this.draws = new Draws(options.seed());
        int index = 0;
        for (Map.Entry<String, List<FlakeRates.Rate>> e : rates.byProject().entrySet()) {
            List<SimTest> tests = new ArrayList<>();
            List<SimTest> flaky = new ArrayList<>();
            for (FlakeRates.Rate r : e.getValue()) {
                SimTest t = new SimTest(index++, r.rate(), r.exceptionTypes(), START);
                tests.add(t);
                if (t.rate > 0) {
                    flaky.add(t);
                }
            }
            projects.add(new Project(e.getKey(), tests, flaky));
        }
    }

    /** History before the replay: each project's tests ran on head {@code historyRuns} times over one span. */
    void warmUp() {
        Instant from = START.minus(o.span());
        for (Project p : projects) {
            for (SimTest t : p.tests()) {
                for (int j = 0; j < o.historyRuns(); j++) {
                    Instant at = from.plus(o.span().multipliedBy(j).dividedBy(o.historyRuns()));
                    if (draws.uniform(-1 - j, t.index, 0, 0) < t.rate) {
                        t.innocentFailure(at, settings.halfLife(), t.innocentFingerprint(draws.uniform(-1 - j, t.index, 0, 2)));
                    } else {
                        t.pass(at, settings.halfLife());
                    }
                }
                t.countsAt(START, settings);
                t.quarantined = quarantine.evaluate(t.counts.posterior(settings), false, false)
                        == QuarantinePolicy.Change.QUARANTINE;
            }
        }
    }

    void replay() {
        SplittableRandom rnd = new SplittableRandom(o.seed());
        for (int c = 0; c < o.candidates(); c++) {
            Instant at = START.plus(o.span().multipliedBy(c).dividedBy(o.candidates()));
            Project p = projects.get(rnd.nextInt(projects.size()));
            Candidate cand;
            if (rnd.nextDouble() < o.regressions()) {
                SimTest victim = p.tests().get(rnd.nextInt(p.tests().size()));
                boolean det = rnd.nextDouble() < o.deterministicShare();
                cand = new Candidate(c, p, victim, det ? 1 : 0.05 + 0.45 * rnd.nextDouble(), det);
            } else {
                cand = new Candidate(c, p, null, 0, false);
            }
            List<SimTest> failedFirst = failing(cand, 1);
            boolean gkAccepted = gatekeeper(cand, failedFirst, at);
            boolean retryAccepted = retry(cand, failedFirst);
            count(gatekeeper, cand, failedFirst, gkAccepted);
            count(retry, cand, failedFirst, retryAccepted);
        }
    }

    private boolean fails(Candidate c, SimTest t, int attempt) {
        boolean flake = draws.uniform(c.id(), t.index, attempt, 0) < t.rate;
        return flake || (t == c.regressed() && draws.uniform(c.id(), t.index, attempt, 1) < c.q());
    }

    private String fingerprint(Candidate c, SimTest t, int attempt) {
        boolean flake = draws.uniform(c.id(), t.index, attempt, 0) < t.rate;
        if (t == c.regressed() && !flake && (c.deterministic()
                || draws.uniform(c.id(), t.index, attempt, 3) >= o.changeKeepsFingerprint())) {
            return "change-" + c.id();
        }
        return t.innocentFingerprint(draws.uniform(c.id(), t.index, attempt, 2));
    }

    private List<SimTest> failing(Candidate c, int attempt) {
        List<SimTest> failed = new ArrayList<>();
        for (SimTest t : c.project().flaky()) {
            if (fails(c, t, attempt)) {
                failed.add(t);
            }
        }
        if (c.regressed() != null && c.regressed().rate == 0 && fails(c, c.regressed(), attempt)) {
            failed.add(c.regressed());
        }
        return failed;
    }

    private boolean gatekeeper(Candidate c, List<SimTest> failed, Instant at) {
        boolean accepted = true;
        for (SimTest t : failed) {
            String fp = fingerprint(c, t, 1);
            DecayedCounts counts = t.countsAt(at, settings);
            FailedTest ft = new FailedTest(new TestId("T", "t" + t.index), counts.posterior(settings), fp, t.known,
                    List.of(), t.quarantined ? TestState.QUARANTINED : TestState.STABLE);
            Verdict v = judge.judge(ft);
            List<String> failedFingerprints = new ArrayList<>(List.of(fp));
            int attempt = 1;
            while (v.decision() == Decision.RERUN) {
                attempt++;
                gatekeeper.targetedReruns++;
                boolean again = fails(c, t, attempt);
                if (again) {
                    failedFingerprints.add(fingerprint(c, t, attempt));
                }
                ft = ft.withRerun(again ? RerunResult.fail(failedFingerprints.get(failedFingerprints.size() - 1))
                        : RerunResult.pass());
                v = judge.judge(ft);
            }
            gatekeeper.judgedFailures++;
            boolean active = v.decision() != Decision.QUARANTINED;
            gatekeeper.activeJudged += active ? 1 : 0;
            double truth = t == c.regressed() ? 1 : 0;
            double error = (v.pChangeCaused() - truth) * (v.pChangeCaused() - truth);
            gatekeeper.brierSum += error;
            gatekeeper.brierCount++;
            if (t == c.regressed()) {
                gatekeeper.regressedBrierSum += error;
                gatekeeper.regressedBrierCount++;
            } else {
                gatekeeper.innocentFailures++;
                gatekeeper.innocentActiveFailures += active ? 1 : 0;
                if (!v.decision().blocks()) {
                    gatekeeper.innocentFailuresExonerated++;
                    gatekeeper.innocentActiveExonerated += active ? 1 : 0;
                } else if (!v.hasHistory()) {
                    gatekeeper.blamedNoHistory++;
                } else if (v.failures() == v.runs()) {
                    gatekeeper.blamedBudgetSpent++;
                } else {
                    gatekeeper.blamedNewFingerprint++;
                }
            }
            accepted &= !v.decision().blocks();
            learn(t, v, ft, failedFingerprints, at);
        }
        for (SimTest t : c.project().tests()) {
            if (!failed.contains(t)) {
                t.pass(at, settings.halfLife());
            }
        }
        return accepted;
    }

    /** What the store would record: passes always; failures as flake evidence only with a same-tree pass. */
    private void learn(SimTest t, Verdict v, FailedTest ft, List<String> failedFingerprints, Instant at) {
        long passes = ft.reruns().stream().filter(r -> !r.outcome().failed()).count();
        for (int i = 0; i < passes; i++) {
            t.pass(at, settings.halfLife());
        }
        if (v.decision() == Decision.FLAKY) {
            for (String fp : failedFingerprints) {
                t.innocentFailure(at, settings.halfLife(), fp);
            }
        }
        QuarantinePolicy.Change change = quarantine.evaluate(t.countsAt(at, settings).posterior(settings),
                t.quarantined, false);
        if (change != QuarantinePolicy.Change.KEEP) {
            t.quarantined = change == QuarantinePolicy.Change.QUARANTINE;
        }
    }

    private boolean retry(Candidate c, List<SimTest> failedFirst) {
        if (failedFirst.isEmpty()) {
            return true;
        }
        for (int attempt = 2; attempt <= 3; attempt++) {
            retry.tierReruns++;
            if (failing(c, attempt).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void count(Tally tally, Candidate c, List<SimTest> failedFirst, boolean accepted) {
        if (c.regressed() == null) {
            if (!failedFirst.isEmpty()) {
                tally.innocentCandidatesFailing++;
                tally.innocentCandidatesFailingAccepted += accepted ? 1 : 0;
                if (tally == retry) {
                    tally.innocentFailures += failedFirst.size();
                    tally.innocentFailuresExonerated += accepted ? failedFirst.size() : 0;
                }
            }
            return;
        }
        if (c.regressed().quarantined) {
            tally.regressionsOnQuarantined++;
        }
        if (c.deterministic()) {
            tally.deterministic++;
            tally.deterministicLetThrough += accepted ? 1 : 0;
        } else {
            tally.flakyRegressions++;
            tally.flakyLetThrough += accepted ? 1 : 0;
            if (failedFirst.contains(c.regressed())) {
                tally.flakyRegressionsFailing++;
                tally.flakyLetThroughFailing += accepted ? 1 : 0;
            }
        }
    }

    long quarantinedTests() {
        return projects.stream().flatMap(p -> p.tests().stream()).filter(t -> t.quarantined).count();
    }

    public static void main(String[] args) throws Exception {
        Options o = BenchArgs.parse(args);
        FlakeRates rates = FlakeRates.load(o.csv());
        long t0 = System.nanoTime();
        ReplayBenchmark bench = new ReplayBenchmark(o, rates);
        bench.warmUp();
        long quarantinedAtStart = bench.quarantinedTests();
        bench.replay();
        double seconds = (System.nanoTime() - t0) / 1e9;
        BenchReport.print(System.out, o, rates, bench, quarantinedAtStart, seconds);
    }
}

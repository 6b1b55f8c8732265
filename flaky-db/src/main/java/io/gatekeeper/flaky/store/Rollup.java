package io.gatekeeper.flaky.store;

import io.gatekeeper.flaky.model.BrokenPolicy;
import io.gatekeeper.flaky.model.ChangeCause;
import io.gatekeeper.flaky.model.DecayedCounts;
import io.gatekeeper.flaky.model.FlakeJudge;
import io.gatekeeper.flaky.model.ModelSettings;
import io.gatekeeper.flaky.model.QuarantinePolicy;
import io.gatekeeper.flaky.model.RatePosterior;
import io.gatekeeper.flaky.model.TestState;
import java.time.Instant;

/** Applies a {@link TestDelta} to a test's rollup row and derives its new state (pure). */
final class Rollup {

    /** A new row and, when the state moved, the change to record. */
    record Applied(TestStateRow row, StateChange change) {
    }

    private final ModelSettings settings;
    private final QuarantinePolicy quarantine;
    private final BrokenPolicy broken;

    Rollup(ModelSettings settings) {
        this.settings = settings;
        this.quarantine = new QuarantinePolicy(settings);
        this.broken = new BrokenPolicy(settings);
    }

    TestStateRow fresh(String repo, String testId, String displayName, Instant now) {
        return new TestStateRow(repo, testId, displayName, 0, 0, 0, 0, now, 0, 0, 0, 0, 0, null, now, 0,
                TestState.STABLE, false, false, null, null)
                .withCounts(DecayedCounts.empty(now), DecayedCounts.empty(now), settings);
    }

    Applied apply(TestStateRow row, TestDelta delta, Instant now) {
        TestStateRow next = row
                .withCounts(row.pooled().decayTo(now, settings.halfLife()).plus(delta.pooled, settings.halfLife()),
                        row.isolated().decayTo(now, settings.halfLife()).plus(delta.isolated, settings.halfLife()),
                        settings)
                .withRuns(row.runs() + delta.runs, row.failures() + delta.failures,
                        later(row.lastFailureAt(), delta.lastFailureAt), later(row.lastRunAt(), delta.lastRunAt),
                        delta.streakAfter(row.headFailureStreak()));
        return restate(row, next, now);
    }

    /** Re-derives the state of a row whose quarantine was changed by hand (no automatic change recorded). */
    TestStateRow restateByHand(TestStateRow row) {
        RatePosterior rate = row.posterior(settings);
        TestState state = TestState.of(row.quarantined(), broken.broken(row.headFailureStreak()),
                ChangeCause.hasHistory(rate, settings));
        return row.withState(state, row.quarantined(), row.quarantinedByHand(), row.quarantineReason());
    }

    private Applied restate(TestStateRow before, TestStateRow row, Instant now) {
        RatePosterior rate = row.posterior(settings);
        boolean quarantined = row.quarantined();
        String reason = row.quarantineReason();
        QuarantinePolicy.Change change = quarantine.evaluate(rate, quarantined, row.quarantinedByHand());
        if (change != QuarantinePolicy.Change.KEEP) {
            quarantined = change == QuarantinePolicy.Change.QUARANTINE;
            reason = quarantine.reason(change, rate);
        }
        boolean isBroken = broken.broken(row.headFailureStreak());
        TestState state = TestState.of(quarantined, isBroken, ChangeCause.hasHistory(rate, settings));
        TestStateRow next = row.withState(state, quarantined, quarantined && row.quarantinedByHand(),
                quarantined ? reason : null);
        if (state == before.state()) {
            return new Applied(next, null);
        }
        String why = change != QuarantinePolicy.Change.KEEP ? reason : why(state, rate, row.headFailureStreak());
        return new Applied(next, new StateChange(row.repo(), row.testId(), before.state(), state, false, null, why, now));
    }

    private String why(TestState state, RatePosterior rate, int streak) {
        switch (state) {
            case BROKEN:
                return "failed " + streak + " times in a row on head";
            case FLAKY:
                return "failed innocently: rate " + FlakeJudge.number(rate.mean()) + " ["
                        + FlakeJudge.number(rate.lower()) + ", " + FlakeJudge.number(rate.upper()) + "]";
            default:
                return "no recent flake history";
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}

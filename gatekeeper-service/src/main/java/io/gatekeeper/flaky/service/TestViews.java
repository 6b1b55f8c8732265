package io.gatekeeper.flaky.service;

import io.gatekeeper.api.ExecutionJson;
import io.gatekeeper.api.JudgementJson;
import io.gatekeeper.api.TestJson;
import io.gatekeeper.api.TestStateChangeJson;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.store.ExecutionRow;
import io.gatekeeper.flaky.store.StateChange;
import io.gatekeeper.flaky.store.TestStateRow;
import io.gatekeeper.flaky.store.VerdictRow;

import java.util.List;
import java.util.Locale;

/** Rows of flaky-db as the API shows them; enum values go out lower-case with dashes. */
public final class TestViews {

    private TestViews() {
    }

    public static TestJson test(TestStateRow r) {
        return new TestJson(TestKeys.encode(r.repo(), r.testId()), r.repo(), r.testId(), r.displayName(),
                r.state().value(), r.rate(), List.of(r.rateLower(), r.rateUpper()), r.runs(), r.failures(),
                r.lastFailureAt(), r.lastRunAt(), r.owner(), r.quarantined(), r.quarantinedByHand(),
                r.quarantineReason());
    }

    public static ExecutionJson execution(ExecutionRow r) {
        return new ExecutionJson(r.id() == null ? 0 : r.id(), r.executedAt(), wire(r.outcome()), r.tier(),
                r.candidateCommit(), r.treeId(), r.attempt(), wire(r.attemptKind()), wire(r.scope()), r.onHead(),
                r.node(), r.durationMs(), r.parameters(), r.fingerprint(), r.failureType(), r.failureMessage(),
                wire(r.evidence()));
    }

    public static JudgementJson judgement(VerdictRow v) {
        return new JudgementJson(TestKeys.encode(v.repo(), v.testId()), v.testId(),
                TestId.parse(v.testId()).display(), v.tier(), wire(v.decision()), v.text(), v.pChangeCaused(),
                v.failures(), v.runs(), v.hasHistory(), v.rate(), List.of(v.rateLower(), v.rateUpper()),
                v.maxReruns(), v.decidedAt());
    }

    public static TestStateChangeJson change(StateChange c) {
        return new TestStateChangeJson(TestKeys.encode(c.repo(), c.testId()), c.testId(), c.at(), c.from().value(),
                c.to().value(), c.byHand(), c.actor(), c.reason());
    }

    public static String wire(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

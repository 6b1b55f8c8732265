package io.gatekeeper.flaky.judge;

import io.gatekeeper.flaky.junit.TestCaseResult;
import io.gatekeeper.flaky.model.ChangedTests;
import io.gatekeeper.flaky.model.Outcome;
import io.gatekeeper.flaky.model.TestId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * While a run's reports are stored, collects the tests that live in the files the change adds or modifies, or
 * are named after a source file it changes: only tests that really ran in this tier are burnt in. Skipped tests
 * are left out (a disabled test would never show up in a burn-in run).
 */
final class ChangedTestsSeen implements Consumer<TestCaseResult> {
    private final ChangedTests changed;
    private final Map<TestId, ChangedTests.TestFile> seen = new LinkedHashMap<>();

    ChangedTestsSeen(ChangedTests changed) {
        this.changed = changed;
    }

    @Override
    public void accept(TestCaseResult t) {
        if (changed.isEmpty() || t.outcome() == Outcome.SKIP) {
            return;
        }
        TestId id = t.testId();
        if (!seen.containsKey(id)) {
            changed.match(id.className(), t.file()).ifPresent(f -> seen.put(id, f));
        }
    }

    /** Each test seen, in report order, with the changed file it lives in. */
    Map<TestId, ChangedTests.TestFile> tests() {
        return seen;
    }
}

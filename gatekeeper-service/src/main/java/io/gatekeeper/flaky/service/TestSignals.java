package io.gatekeeper.flaky.service;

import io.gatekeeper.events.Webhooks;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.model.TestState;
import io.gatekeeper.flaky.store.StateChange;
import io.gatekeeper.flaky.store.TestResultStore;
import io.gatekeeper.flaky.store.TestStateRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What follows a test's change of state: its owner is looked up on head (so the signal can be routed to
 * someone), and a webhook fires when it becomes flaky, broken or quarantined, or is released. Never fails the
 * caller: a lookup or webhook problem is logged, the state change stands.
 */
public final class TestSignals {
    private static final Logger LOG = LoggerFactory.getLogger(TestSignals.class);

    private final TestResultStore store;
    private final TestOwners owners;
    private final Webhooks webhooks;

    public TestSignals(TestResultStore store, TestOwners owners, Webhooks webhooks) {
        this.store = store;
        this.owners = owners;
        this.webhooks = webhooks;
    }

    public void publish(List<StateChange> changes) {
        for (StateChange change : changes) {
            try {
                signal(change);
            } catch (RuntimeException e) {
                LOG.warn("test {} in {}: signalling {} -> {} failed", change.testId(), change.repo(),
                        change.from(), change.to(), e);
            }
        }
    }

    /** The webhook event for a change, or null when none fires (e.g. flaky back to stable). */
    static String event(StateChange change) {
        if (change.from() == change.to()) {
            return null;
        }
        if (change.to() == TestState.QUARANTINED) {
            return "test-quarantined";
        }
        if (change.from() == TestState.QUARANTINED) {
            return "test-released";
        }
        if (change.to() == TestState.BROKEN) {
            return "test-broken";
        }
        return change.to() == TestState.FLAKY ? "test-flaky" : null;
    }

    private void signal(StateChange change) {
        TestId test = TestId.parse(change.testId());
        Optional<String> owner = Optional.empty();
        if (change.to() != TestState.STABLE) {
            owner = owners.owner(change.repo(), test);
            owner.ifPresent(o -> store.setOwner(change.repo(), test, o));
        }
        String event = event(change);
        if (event == null) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("test", TestKeys.encode(change.repo(), change.testId()));
        details.put("testId", change.testId());
        details.put("name", test.display());
        details.put("from", change.from().value());
        details.put("to", change.to().value());
        details.put("reason", change.reason());
        details.put("byHand", change.byHand());
        details.put("actor", change.actor());
        Optional<TestStateRow> row = store.test(change.repo(), test);
        details.put("owner", owner.orElse(row.map(TestStateRow::owner).orElse(null)));
        row.ifPresent(r -> {
            details.put("rate", r.rate());
            details.put("interval", List.of(r.rateLower(), r.rateUpper()));
            details.put("runs", r.runs());
            details.put("failures", r.failures());
        });
        webhooks.fire(event, change.repo(), change.at(), details);
    }
}

package io.gatekeeper.flaky.store;

import io.gatekeeper.flaky.FlakyDbException;

/** A test that has never been recorded in this repository was named (by hand, or by an API path). */
public final class UnknownTestException extends FlakyDbException {

    public UnknownTestException(String repo, String testId) {
        super("no test " + testId + " in " + repo);
    }
}

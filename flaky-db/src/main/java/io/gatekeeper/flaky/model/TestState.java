package io.gatekeeper.flaky.model;

/**
 * Where a test stands, most severe first: quarantined (its failures never block), broken (failing
 * consistently on head), flaky (has flake history), stable. {@link #value()} is stored and shown.
 */
public enum TestState {
    QUARANTINED("quarantined"),
    BROKEN("broken"),
    FLAKY("flaky"),
    STABLE("stable");

    private final String value;

    TestState(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static TestState of(boolean quarantined, boolean broken, boolean flaky) {
        if (quarantined) {
            return QUARANTINED;
        }
        if (broken) {
            return BROKEN;
        }
        return flaky ? FLAKY : STABLE;
    }

    public static TestState fromValue(String value) {
        for (TestState s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown test state: " + value);
    }
}

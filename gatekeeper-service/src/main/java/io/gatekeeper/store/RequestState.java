package io.gatekeeper.store;

/** The states a request moves through; {@link #wire()} is the name the API and the database use. */
public enum RequestState {
    QUEUED, TESTING, MERGED, REJECTED, CANCELLED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean open() {
        return this == QUEUED || this == TESTING;
    }

    public static RequestState of(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}

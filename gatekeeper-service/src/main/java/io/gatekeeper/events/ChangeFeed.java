package io.gatekeeper.events;

import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells subscribers (the dashboard's server-sent events, webhooks) that something changed: a request's state,
 * a tier run, head, a node. Subscribers re-read the public API for details; the feed only says what moved.
 * Publishing never blocks on a subscriber's failure.
 */
public final class ChangeFeed {

    /** What changed: {@code type} is e.g. "request", "run", "head", "node", "audit"; {@code id} names it. */
    public record Change(String type, String repo, long id, String state, Instant at) { }

    private final CopyOnWriteArrayList<Consumer<Change>> subscribers = new CopyOnWriteArrayList<>();

    public AutoCloseable subscribe(Consumer<Change> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(Change change) {
        for (Consumer<Change> s : subscribers) {
            try {
                s.accept(change);
            } catch (RuntimeException e) {
                // a broken subscriber must not stop the gate
            }
        }
    }

    public int subscribers() {
        return subscribers.size();
    }
}

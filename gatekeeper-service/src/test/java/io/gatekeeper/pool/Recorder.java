package io.gatekeeper.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/** Records what the pool tells one run's observer, in order. */
final class Recorder implements RunObserver {
    final List<String> notes = new CopyOnWriteArrayList<>();
    final List<List<String>> grants = new CopyOnWriteArrayList<>();
    final List<RunEnd> ends = new CopyOnWriteArrayList<>();
    volatile boolean started;

    @Override
    public void note(String line) {
        notes.add(line);
    }

    @Override
    public void granted(List<String> nodes) {
        grants.add(nodes);
    }

    @Override
    public void started() {
        started = true;
    }

    @Override
    public void ended(RunEnd end) {
        ends.add(end);
    }

    RunEnd awaitEnd() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !ends.isEmpty());
        return ends.get(0);
    }

    List<String> awaitGrant() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !grants.isEmpty());
        return grants.get(0);
    }
}

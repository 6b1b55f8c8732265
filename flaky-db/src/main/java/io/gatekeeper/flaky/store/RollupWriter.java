package io.gatekeeper.flaky.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Writes per-test deltas into {@code test_state} inside the caller's transaction: locks existing rows,
 * updates them, inserts new ones, records state changes. Two ingests that both create the same new test
 * collide on the primary key; the loser rolls back to a savepoint and updates the winner's row instead, so a
 * streamed report never has to be replayed.
 */
final class RollupWriter {

    static final int CHUNK = 500;

    private final Rollup rollup;

    RollupWriter(Rollup rollup) {
        this.rollup = rollup;
    }

    List<StateChange> write(Handle handle, String repo, Map<String, TestDelta> deltas, Instant now) {
        List<StateChange> changes = new ArrayList<>();
        // Sorted, so every writer takes row locks in the same global order (see TestStateDao#lock).
        List<String> ids = new ArrayList<>(new java.util.TreeSet<>(deltas.keySet()));
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            List<String> missing = update(handle, repo, chunk, deltas, now, changes);
            if (missing.isEmpty()) {
                continue;
            }
            List<TestStateRow> fresh = new ArrayList<>();
            List<StateChange> freshChanges = new ArrayList<>();
            for (String id : missing) {
                TestDelta d = deltas.get(id);
                Rollup.Applied a = rollup.apply(rollup.fresh(repo, id, d.displayName, now), d, now);
                fresh.add(a.row());
                if (a.change() != null) {
                    freshChanges.add(a.change());
                }
            }
            handle.savepoint("rollup_insert");
            try {
                handle.attach(TestStateDao.class).insert(fresh);
                handle.releaseSavepoint("rollup_insert");
                changes.addAll(freshChanges);
            } catch (JdbiException e) {
                if (!uniqueViolation(e)) {
                    throw e;
                }
                handle.rollbackToSavepoint("rollup_insert");
                List<String> stillMissing = update(handle, repo, missing, deltas, now, changes);
                if (!stillMissing.isEmpty()) {
                    throw e;
                }
            }
        }
        handle.attach(StateChangeDao.class).insert(changes);
        return changes;
    }

    /** Updates the rows that exist; returns the ids that have no row yet. */
    private List<String> update(Handle handle, String repo, List<String> ids, Map<String, TestDelta> deltas,
                                Instant now, List<StateChange> changes) {
        TestStateDao dao = handle.attach(TestStateDao.class);
        Map<String, TestStateRow> existing = new HashMap<>();
        for (TestStateRow row : dao.lock(repo, ids)) {
            existing.put(row.testId(), row);
        }
        List<TestStateRow> updated = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            TestStateRow row = existing.get(id);
            if (row == null) {
                missing.add(id);
                continue;
            }
            Rollup.Applied a = rollup.apply(row, deltas.get(id), now);
            updated.add(a.row());
            if (a.change() != null) {
                changes.add(a.change());
            }
        }
        if (!updated.isEmpty()) {
            dao.update(updated);
        }
        return missing;
    }

    static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if ("23505".equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}

package io.gatekeeper.flaky.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Candidates blamed for one test quarantined for its rate, since the test last passed anywhere. Isolating a
 * culprit blames several candidates too (the batch, its probes, a re-push of the same branch), but all of them
 * carry the culprit. When {@link ModelSettings#brokenAfter()} blamed candidates have no change in common, no
 * change explains the failures: head (or the world) fails the test — a regression that slipped in behind the
 * quarantine — and blaming the next candidate would only reject an innocent one.
 */
public final class BlameStreak {

    private BlameStreak() {
    }

    /**
     * @param changesOfBlamed for each blamed candidate, the changes (branches) it carried; an empty set when
     *                        unknown, which explains nothing
     */
    public static boolean headFailsIt(List<Set<String>> changesOfBlamed, ModelSettings settings) {
        if (changesOfBlamed.size() < settings.brokenAfter()) {
            return false;
        }
        Set<String> common = new HashSet<>(changesOfBlamed.get(0));
        for (Set<String> changes : changesOfBlamed) {
            common.retainAll(changes);
        }
        return common.isEmpty();
    }
}

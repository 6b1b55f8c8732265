package io.gatekeeper.queue;

import io.gatekeeper.queue.Candidate.RunStatus;
import io.gatekeeper.queue.Candidate.State;
import io.gatekeeper.queue.Candidate.TierRun;
import java.time.Instant;
import java.util.List;

/**
 * Starts tier runs within capacity. The chain may use at most its quota of the slots; screens and probes use
 * the rest and may borrow idle chain slots (their runs are short, and they feed and unblock the chain). Within
 * each, the oldest candidate goes first (it lands first and everything behind it depends on it); within a
 * candidate, tiers go cheapest first as far as the staging lets them.
 */
final class TierScheduler {
    private TierScheduler() {
    }

    static int running(List<Candidate> candidates) {
        return candidates.stream().filter(c -> c.state == State.TESTING).mapToInt(Candidate::running).sum();
    }

    static void startRuns(List<Candidate> testable, int slots, int chainQuota, TierStaging staging,
                          TierDurations durations, Instant now, List<Action> out) {
        int free = slots - running(testable);
        int chainFree = chainQuota - running(testable.stream().filter(c -> !c.isProbe()).toList());
        int otherFree = slots - chainQuota - running(testable.stream().filter(Candidate::isProbe).toList());
        for (int pass = 0; pass < 2; pass++) {
            for (Candidate c : testable) {
                if (c.state != State.TESTING) {
                    continue;
                }
                for (int i = 0; i < c.tiers.size() && free > 0; i++) {
                    boolean withinQuota = c.isProbe() ? otherFree > 0 || pass == 1 : chainFree > 0;
                    TierRun run = c.runs.get(c.tiers.get(i));
                    if (withinQuota && run.mayStart(now) && staging.mayStart(c, i, durations)) {
                        run.status = RunStatus.RUNNING;
                        run.startedAt = now;
                        out.add(new Action.RunTier(c.id, c.tiers.get(i)));
                        free--;
                        if (c.isProbe()) {
                            otherFree--;
                        } else {
                            chainFree--;
                        }
                    }
                }
            }
        }
    }

    /**
     * Whether the pool can start testing a new candidate at once: after every candidate being built or waiting
     * for clusters has its share, enough slots remain for the new candidate's first stage.
     */
    static boolean roomForNewCandidate(List<Candidate> chain, int slots, TierStaging staging,
                                       TierDurations durations) {
        int firstStage = firstStageWidth(durations.lastTiers(), staging, durations);
        int free = slots - running(chain);
        for (Candidate c : chain) {
            if (c.state == State.BUILDING) {
                free -= firstStage;
            } else if (c.state == State.TESTING) {
                free -= startable(c, staging, durations);
            }
        }
        return free >= Math.min(firstStage, slots);
    }

    private static int startable(Candidate c, TierStaging staging, TierDurations durations) {
        int n = 0;
        for (int i = 0; i < c.tiers.size(); i++) {
            if (c.runs.get(c.tiers.get(i)).status == RunStatus.WAITING && staging.mayStart(c, i, durations)) {
                n++;
            }
        }
        return n;
    }

    /** How many tiers of a fresh candidate start together (1 while its tiers are unknown). */
    private static int firstStageWidth(List<String> tiers, TierStaging staging, TierDurations durations) {
        int n = 0;
        for (int i = 0; i < tiers.size(); i++) {
            boolean gated = false;
            for (int j = 0; j < i && !gated; j++) {
                gated = staging.gates(tiers.get(j), tiers.get(i), durations);
            }
            n += gated ? 0 : 1;
        }
        return Math.max(1, n);
    }
}

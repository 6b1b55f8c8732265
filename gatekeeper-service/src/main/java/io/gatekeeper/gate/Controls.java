package io.gatekeeper.gate;

import io.gatekeeper.queue.Action;
import io.gatekeeper.store.RepoControlRow;
import io.gatekeeper.store.RepoDao;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Freezes and a broken head: while either holds, landings wait (tests go on). A candidate carrying a revert of
 * the breaking change may land on a broken head, or nothing could ever fix it.
 */
final class Controls {
    private final GateContext ctx;
    private final boolean holdOnBrokenHead;
    private final List<Action.Land> held = new ArrayList<>();

    Controls(GateContext ctx, boolean holdOnBrokenHead) {
        this.ctx = ctx;
        this.holdOnBrokenHead = holdOnBrokenHead;
    }

    RepoControlRow state() {
        return ctx.jdbi().withExtension(RepoDao.class, d -> d.controls(ctx.repo().id()));
    }

    /** Why landings wait now, or null when they may go ahead. */
    String holdReason(Instant now, boolean carriesRevert) {
        RepoControlRow s = state();
        if (s.paused(now)) {
            return "repository frozen by " + s.pausedBy() + ": " + s.pausedReason()
                    + (s.pausedUntil() == null ? "" : " (until " + s.pausedUntil() + ")");
        }
        if (s.broken() && holdOnBrokenHead && !carriesRevert) {
            return "head " + s.brokenCommit().substring(0, 7) + " is broken: " + firstLine(s.brokenReason());
        }
        return null;
    }

    void hold(Action.Land land) {
        held.add(land);
    }

    /** The landings to try again now that nothing holds them (the caller re-checks each). */
    List<Action.Land> release() {
        List<Action.Land> out = List.copyOf(held);
        held.clear();
        return out;
    }

    boolean holding(long candidateId) {
        return held.stream().anyMatch(l -> l.candidateId() == candidateId);
    }

    void forget(long candidateId) {
        held.removeIf(l -> l.candidateId() == candidateId);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

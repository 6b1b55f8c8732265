package io.gatekeeper.gate;

import io.gatekeeper.events.Webhooks;
import io.gatekeeper.git.GitRefs;
import io.gatekeeper.git.RefChange;
import io.gatekeeper.git.RevertBuilder;
import io.gatekeeper.queue.Event;
import io.gatekeeper.store.AuditDao;
import io.gatekeeper.store.AuditRow;
import io.gatekeeper.store.RepoControlRow;
import io.gatekeeper.store.RepoDao;
import io.gatekeeper.store.RequestDao;
import io.gatekeeper.store.RequestRow;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The audited emergency path and what follows it: bypasses, push-request landings, freezes; verification after
 * landing; a broken head flagged, announced by webhook and (where the repository enables it) reverted through
 * the gate. Runs on the gate thread.
 */
final class PrivilegedLandings implements Verifier.Listener {
    private final GateContext ctx;
    private final Webhooks webhooks;
    private final Bypasser bypasser;
    private Verifier verifier;
    private RequestIntake intake;
    private Consumer<List<Event>> events;

    PrivilegedLandings(GateContext ctx, Webhooks webhooks) {
        this.ctx = ctx;
        this.webhooks = webhooks;
        this.bypasser = new Bypasser(ctx);
    }

    void attach(Verifier verifier, RequestIntake intake, Consumer<List<Event>> events) {
        this.verifier = verifier;
        this.intake = intake;
        this.events = events;
    }

    RequestRow bypass(RequestRow row, String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new io.gatekeeper.GatekeeperException.InvalidInput("a bypass needs a reason");
        }
        Bypasser.Landed landed = bypasser.bypass(row, actor, reason);
        fire("bypass", Map.of("request", row.id(), "branch", row.branch(), "actor", actor, "reason", reason,
                "oldHead", landed.before().name(), "newHead", landed.after().name()));
        fire("merged", Map.of("request", row.id(), "branch", row.branch(), "commit", landed.after().name()));
        verifier.verify(landed.before(), landed.after(), "bypass of " + row.branch() + " by " + actor, row.author());
        return landed.request();
    }

    /** After a landing through the queue: audit push-requests, verify what skipped tiers, clear a broken head. */
    void landed(Candidate c, List<Long> requestIds) {
        List<RequestRow> rows = ctx.jdbi().withExtension(RequestDao.class, d -> d.byIds(requestIds));
        for (RequestRow r : rows) {
            fire("merged", Map.of("request", r.id(), "branch", r.branch(), "commit", c.sha.name()));
        }
        if (c.privileged) {
            String author = rows.isEmpty() ? "unknown" : String.valueOf(rows.get(0).author());
            audit(author, "push-request", rows.stream().map(RequestRow::branch).reduce((a, b) -> a + ", " + b)
                    .orElse(""), c.base.name(), c.sha.name(), "landed ahead of the queue with tiers " + c.tiers);
        }
        if (!c.fullTiers()) {
            verifier.verify(c.base, c.sha, "push-request " + c.requestIds, rows.isEmpty() ? null
                    : rows.get(0).author());
        } else {
            clearBroken(c.sha, "a change passed every tier on top of it");
        }
    }

    void requestEnded(long id, String state, String reason) {
        fire(state, Map.of("request", id, "reason", reason == null ? "" : reason));
    }

    void pause(String actor, String reason, Instant until) {
        if (reason == null || reason.isBlank()) {
            throw new io.gatekeeper.GatekeeperException.InvalidInput("a freeze needs a reason");
        }
        var now = ctx.clock().instant();
        ctx.jdbi().useTransaction(h -> {
            h.attach(RepoDao.class).setPaused(reason, actor, until, ctx.repo().id());
            h.attach(AuditDao.class).append(AuditRow.of(now, actor, "pause", ctx.repo().name(), null, null, null,
                    reason + (until == null ? "" : " (until " + until + ")")));
        });
        fire("paused", Map.of("actor", actor, "reason", reason));
    }

    void resume(String actor, String reason) {
        ctx.jdbi().useTransaction(h -> {
            h.attach(RepoDao.class).setPaused(null, null, null, ctx.repo().id());
            h.attach(AuditDao.class).append(AuditRow.of(ctx.clock().instant(), actor, "resume", ctx.repo().name(),
                    null, null, null, reason));
        });
        fire("resumed", Map.of("actor", actor));
    }

    @Override
    public void verified(Verifier.Verification v) {
        audit("gatekeeper", "verify.passed", v.what, v.before.name(), v.commit().name(), "all tiers passed on head");
        clearBroken(v.commit(), "verification passed");
    }

    @Override
    public void broken(Verifier.Verification v, String reason) {
        var now = ctx.clock().instant();
        ctx.jdbi().useTransaction(h -> {
            h.attach(RepoDao.class).setBroken(v.commit().name(), reason, now, ctx.repo().id());
            h.attach(AuditDao.class).append(AuditRow.of(now, "gatekeeper", "head.broken", ctx.repo().name(),
                    v.what, v.before.name(), v.commit().name(), reason));
        });
        fire("head-broken", Map.of("commit", v.commit().name(), "what", v.what,
                "author", v.author == null ? "" : v.author, "reason", reason));
        if (v.candidate.config.revertOnFailure()) {
            openRevert(v);
        }
    }

    private void clearBroken(ObjectId head, String why) {
        RepoControlRow s = ctx.jdbi().withExtension(RepoDao.class, d -> d.controls(ctx.repo().id()));
        if (!s.broken() || !GitRefs.isAncestor(ctx.git(), ObjectId.fromString(s.brokenCommit()), head)) {
            return;
        }
        ctx.jdbi().useTransaction(h -> {
            h.attach(RepoDao.class).setBroken(null, null, null, ctx.repo().id());
            h.attach(AuditDao.class).append(AuditRow.of(ctx.clock().instant(), "gatekeeper", "head.fixed",
                    ctx.repo().name(), null, s.brokenCommit(), head.name(), why));
        });
        fire("head-fixed", Map.of("commit", head.name(), "reason", why));
    }

    /** A revert of the breaking change, pushed as a pull request so that it lands through the gate. */
    private void openRevert(Verifier.Verification v) {
        ObjectId head = GitRefs.resolve(ctx.git(), ctx.headRef()).orElse(null);
        if (head == null) {
            return;
        }
        String abbrev = v.commit().abbreviate(7).name();
        var revert = RevertBuilder.revert(ctx.git(), v.before, v.commit(), head, ctx.gatekeeper(),
                "Revert " + v.what + "\n\nVerification after landing failed on " + abbrev
                        + "; Gatekeeper reverts it through the gate.\n");
        if (revert.isEmpty()) {
            audit("gatekeeper", "revert.impossible", v.what, head.name(), null,
                    "the revert conflicts with later changes");
            return;
        }
        String ref = Constants.R_HEADS + CandidateBuilder.REVERT_PREFIX + abbrev;
        try {
            RefUpdate update = ctx.git().updateRef(ref);
            update.setExpectedOldObjectId(ObjectId.zeroId());
            update.setNewObjectId(revert.get());
            update.update();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit("gatekeeper", "revert", v.what, head.name(), revert.get().name(), "opened " + ref);
        events.accept(intake.onPush(List.of(new RefChange(ref, ObjectId.zeroId(), revert.get())), "gatekeeper"));
    }

    private void audit(String actor, String action, String target, String oldHead, String newHead, String reason) {
        ctx.jdbi().useExtension(AuditDao.class, d -> d.append(AuditRow.of(ctx.clock().instant(), actor, action,
                ctx.repo().name(), target, oldHead, newHead, reason)));
    }

    private void fire(String event, Map<String, Object> details) {
        webhooks.fire(event, ctx.repo().name(), ctx.clock().instant(), new HashMap<>(details));
    }
}

package io.gatekeeper.gate;

import io.gatekeeper.GatekeeperException;
import io.gatekeeper.git.GitRefs;
import io.gatekeeper.git.HeadUpdater;
import io.gatekeeper.git.InCoreRebaser;
import io.gatekeeper.git.LandResult;
import io.gatekeeper.git.RebaseResult;
import io.gatekeeper.store.AuditDao;
import io.gatekeeper.store.AuditRow;
import io.gatekeeper.store.RequestDao;
import io.gatekeeper.store.RequestRow;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Lands one request now, without its tiers: rebase onto head in core, compare-and-swap head, the rows and the
 * audit record in one transaction. The caller withdraws the request from the engine first and tells the engine
 * that head moved afterwards; verification after landing is the caller's too.
 */
final class Bypasser {
    private final GateContext ctx;

    Bypasser(GateContext ctx) {
        this.ctx = ctx;
    }

    record Landed(RequestRow request, ObjectId before, ObjectId after) { }

    Landed bypass(RequestRow request, String actor, String reason) {
        ObjectId before = GitRefs.resolve(ctx.git(), ctx.headRef()).orElseThrow(() ->
                new GatekeeperException.Conflict("cannot bypass: " + ctx.repo().headBranch() + " does not exist"));
        RebaseResult rebased = new InCoreRebaser(ctx.gatekeeper()).rebase(ctx.git(), before,
                ObjectId.fromString(request.sha()));
        if (rebased.status() != RebaseResult.Status.REBASED) {
            throw new GatekeeperException.Conflict("cannot bypass " + request.branch() + ": " + rebased.message());
        }
        LandResult landed = new HeadUpdater().fastForward(ctx.git(), ctx.repo().headBranch(), before,
                rebased.newTip());
        if (landed != LandResult.LANDED) {
            throw new GatekeeperException.Conflict("cannot bypass " + request.branch() + ": " + landed.message());
        }
        ObjectId after = rebased.newTip();
        var now = ctx.clock().instant();
        String note = "bypassed by " + actor + ": " + reason + "; landed on " + ctx.repo().headBranch() + " as "
                + after.name();
        ctx.jdbi().useTransaction(h -> {
            RequestDao requests = h.attach(RequestDao.class);
            if (request.open()) {
                requests.merged(request.id(), after.name(), note, now);
            } else {
                requests.mergedAfterRejection(request.id(), after.name(), note, now);
            }
            h.attach(AuditDao.class).append(AuditRow.of(now, actor, "bypass", ctx.repo().name(),
                    request.branch() + " (request " + request.id() + ")", before.name(), after.name(), reason));
        });
        GitRefs.deleteBranch(ctx.git(), Constants.R_HEADS + request.branch(), ObjectId.fromString(request.sha()));
        RequestRow row = ctx.jdbi().withExtension(RequestDao.class, d -> d.byId(request.id())).orElseThrow();
        return new Landed(row, before, after);
    }
}

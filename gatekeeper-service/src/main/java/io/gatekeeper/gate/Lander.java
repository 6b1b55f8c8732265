package io.gatekeeper.gate;

import io.gatekeeper.git.GitRefs;
import io.gatekeeper.git.HeadUpdater;
import io.gatekeeper.git.LandResult;
import io.gatekeeper.queue.Action;
import io.gatekeeper.queue.Event;
import io.gatekeeper.store.CandidateDao;
import io.gatekeeper.store.RequestDao;
import io.gatekeeper.store.RequestRow;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

import java.util.List;

/**
 * Performs {@link Action.Land}: compare-and-swap of head from the commit the candidate was built on to the
 * candidate, then the rows (one transaction), then deletes the landed branches (each a compare-and-swap on the
 * commit that was queued, so a branch re-pushed meanwhile survives). On restart a request whose candidate is
 * already in head is recognised as merged by {@link #recognise}.
 */
final class Lander {
    private final GateContext ctx;
    private final HeadUpdater heads = new HeadUpdater();

    Lander(GateContext ctx) {
        this.ctx = ctx;
    }

    Event land(Action.Land action, Candidate candidate) {
        ObjectId expected = candidate.base;
        if (action.casFromBaseOf().isPresent()) {
            // later-pass validation: an ancestor that failed a tier never becomes head; we land over it from the
            // commit it was built on
            long ancestor = action.casFromBaseOf().getAsLong();
            String base = ctx.jdbi().withExtension(CandidateDao.class, d -> d.base(ctx.repo().id(), ancestor))
                    .orElse(null);
            if (base == null) {
                return new Event.LandRefused(candidate.number, "the base of candidate " + ancestor + " is unknown");
            }
            expected = ObjectId.fromString(base);
        }
        LandResult result = heads.fastForward(ctx.git(), ctx.repo().headBranch(), expected, candidate.sha);
        switch (result) {
            case LANDED, ALREADY_LANDED -> {
                markMerged(action.requestIds(), candidate);
                return new Event.Landed(candidate.number);
            }
            default -> {
                return new Event.LandRefused(candidate.number, result.message());
            }
        }
    }

    private void markMerged(List<Long> requestIds, Candidate candidate) {
        var now = ctx.clock().instant();
        String reason = "landed on " + ctx.repo().headBranch() + " as " + candidate.sha.name();
        List<RequestRow> rows = ctx.jdbi().inTransaction(h -> {
            RequestDao reqs = h.attach(RequestDao.class);
            for (long id : requestIds) {
                reqs.merged(id, candidate.sha.name(), reason, now);
            }
            h.attach(CandidateDao.class).setState("landed", now, ctx.repo().id(), candidate.number);
            return reqs.byIds(requestIds);
        });
        rows.forEach(this::deleteBranch);
    }

    /** After a restart: an open request whose candidate is already part of head landed before the crash. */
    boolean recognise(RequestRow row, ObjectId head) {
        if (row.candidate() == null || head == null
                || !GitRefs.isAncestor(ctx.git(), ObjectId.fromString(row.candidate()), head)) {
            return false;
        }
        var now = ctx.clock().instant();
        ctx.jdbi().useTransaction(h -> {
            h.attach(RequestDao.class).merged(row.id(), row.candidate(), "landed on " + ctx.repo().headBranch()
                    + " as " + row.candidate() + " (recognised after restart)", now);
            if (row.candidateNo() != null) {
                h.attach(CandidateDao.class).setState("landed", now, ctx.repo().id(), row.candidateNo());
            }
        });
        deleteBranch(row);
        return true;
    }

    private void deleteBranch(RequestRow row) {
        GitRefs.deleteBranch(ctx.git(), Constants.R_HEADS + row.branch(), ObjectId.fromString(row.sha()));
    }
}

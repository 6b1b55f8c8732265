package io.gatekeeper.gate;

import io.gatekeeper.git.ConfigResult;
import io.gatekeeper.git.GatekeeperConfigReader;
import io.gatekeeper.git.GitRefs;
import io.gatekeeper.git.InCoreRebaser;
import io.gatekeeper.git.RebaseResult;
import io.gatekeeper.git.Tier;
import io.gatekeeper.queue.Action;
import io.gatekeeper.queue.Event;
import io.gatekeeper.store.CandidateDao;
import io.gatekeeper.store.RequestDao;
import io.gatekeeper.store.RequestRow;
import org.eclipse.jgit.lib.ObjectId;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Performs {@link Action.BuildCandidate}: rebases the requests, in order, in core onto head or onto the parent
 * candidate, publishes the result as {@code refs/gatekeeper/candidates/<n>}, and records it in one transaction.
 * The tiers always come from the current head commit, never from a change under test.
 */
final class CandidateBuilder {
    /** Branches Gatekeeper opens itself to revert a change that broke head. */
    static final String REVERT_PREFIX = "pull-request/gatekeeper-revert-";

    private final GateContext ctx;

    CandidateBuilder(GateContext ctx) {
        this.ctx = ctx;
    }

    /** The event that answers the action, and the candidate when one was built. */
    record Built(Event event, Candidate candidate) { }

    Built build(Action.BuildCandidate action, Map<Long, Candidate> candidates) {
        long number = action.candidateId();
        Optional<ObjectId> head = GitRefs.resolve(ctx.git(), ctx.headRef());
        if (head.isEmpty()) {
            return conflict(number, 0, "the head branch " + ctx.repo().headBranch()
                    + " does not exist yet: an admin must push it first");
        }
        ObjectId base;
        if (action.parent().isPresent()) {
            Candidate parent = candidates.get(action.parent().getAsLong());
            if (parent == null) {
                return conflict(number, 0, "parent candidate " + action.parent().getAsLong() + " is gone");
            }
            base = parent.sha;
        } else {
            base = head.get();
        }
        ConfigResult config = GatekeeperConfigReader.read(ctx.git(), head.get());
        if (!config.ok()) {
            return conflict(number, 0, config.error());
        }
        InCoreRebaser rebaser = new InCoreRebaser(ctx.gatekeeper());
        ObjectId tip = base;
        List<RequestRow> requests = ctx.jdbi().withExtension(RequestDao.class, d -> d.byIds(action.requestIds()));
        for (long id : action.requestIds()) {
            RequestRow request = requests.stream().filter(r -> r.id() == id).findFirst().orElse(null);
            if (request == null) {
                return conflict(number, id, "request " + id + " is gone");
            }
            RebaseResult result = rebaser.rebase(ctx.git(), tip, ObjectId.fromString(request.sha()));
            switch (result.status()) {
                case REBASED -> tip = result.newTip();
                case EMPTY -> {
                    return conflict(number, id, "nothing to land: every change of " + request.branch()
                            + " is already on " + ctx.repo().headBranch());
                }
                default -> {
                    return conflict(number, id, result.message());
                }
            }
        }
        GitRefs.setCandidate(ctx.git(), number, tip);
        ObjectId sha = tip;
        var now = ctx.clock().instant();
        Long parentNo = action.parent().isPresent() ? action.parent().getAsLong() : null;
        ctx.jdbi().useTransaction(h -> {
            CandidateDao cands = h.attach(CandidateDao.class);
            RequestDao reqs = h.attach(RequestDao.class);
            cands.insert(ctx.repo().id(), number, parentNo, base.name(), sha.name(), now, now);
            int position = 0;
            for (long id : action.requestIds()) {
                cands.addRequest(ctx.repo().id(), number, id, position++);
                reqs.testing(id, sha.name(), number, base.name(), now);
            }
        });
        boolean privileged = requests.stream().allMatch(r -> "push".equals(r.kind()));
        boolean revert = requests.stream().anyMatch(r -> r.branch().startsWith(REVERT_PREFIX));
        List<String> tiers = privileged ? config.config().pushRequestTiers()
                : config.config().tiers().stream().map(Tier::name).toList();
        Candidate candidate = new Candidate(number, base, sha, action.requestIds(), config.config(), tiers,
                privileged, revert);
        return new Built(new Event.CandidateBuilt(number, tiers), candidate);
    }

    private static Built conflict(long number, long requestId, String reason) {
        return new Built(new Event.CandidateConflict(number, requestId, reason), null);
    }
}

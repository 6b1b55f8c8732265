package io.gatekeeper.gate;

import io.gatekeeper.git.GitRefs;
import io.gatekeeper.git.RefChange;
import io.gatekeeper.queue.Event;
import io.gatekeeper.queue.QueuedRequest;
import io.gatekeeper.store.RequestDao;
import io.gatekeeper.store.RequestRow;
import io.gatekeeper.store.RequestState;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns branch updates, from the receive hook or a ref scan, into request rows and queue events. Each branch
 * update is one transaction. Runs on the repository's gate thread only, so hook and scan never race.
 */
final class RequestIntake {
    private static final List<String> PREFIXES = List.of(BranchKind.PULL.prefix, BranchKind.PUSH.prefix);

    private final GateContext ctx;

    RequestIntake(GateContext ctx) {
        this.ctx = ctx;
    }

    List<Event> onPush(List<RefChange> changes, String pusher) {
        List<Event> events = new ArrayList<>();
        for (RefChange change : changes) {
            if (BranchKind.of(change.refName()).isEmpty()) {
                continue;
            }
            String branch = BranchKind.branchName(change.refName());
            if (change.isDelete()) {
                events.addAll(withdraw(branch, "branch " + branch + " was deleted"));
            } else {
                events.addAll(update(change.refName(), change.newId(), pusher));
            }
        }
        return events;
    }

    /** Finds branches created or moved behind the hook's back, and open requests whose branch is gone. */
    List<Event> scan() {
        Map<String, ObjectId> refs = GitRefs.scan(ctx.git(), PREFIXES);
        List<Event> events = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, ObjectId> ref : refs.entrySet()) {
            if (BranchKind.of(ref.getKey()).isEmpty()) {
                continue;
            }
            seen.add(BranchKind.branchName(ref.getKey()));
            events.addAll(update(ref.getKey(), ref.getValue(), null));
        }
        for (RequestRow open : dao(d -> d.open(ctx.repo().id()))) {
            if (!seen.contains(open.branch())) {
                events.addAll(withdraw(open.branch(), "branch " + open.branch() + " was deleted"));
            }
        }
        return events;
    }

    private List<Event> update(String refName, ObjectId sha, String pusher) {
        String branch = BranchKind.branchName(refName);
        BranchKind kind = BranchKind.of(refName).orElseThrow();
        Optional<RequestRow> latest = dao(d -> d.latestOnBranch(ctx.repo().id(), branch));
        if (latest.isPresent() && latest.get().sha().equals(sha.name())) {
            return List.of();   // already known: queued, tested, or ended with this very commit
        }
        int commits = countCommits(sha);
        var now = ctx.clock().instant();
        if (latest.isPresent() && latest.get().open()) {
            RequestRow row = latest.get();
            dao(d -> d.requeue(row.id(), sha.name(), commits, pusher != null ? pusher : row.author(), now));
            return List.of(new Event.RequestWithdrawn(row.id()),
                    new Event.RequestQueued(new QueuedRequest(row.id(), row.priority(), now, commits,
                            kind == BranchKind.PUSH)));
        }
        long id = dao(d -> d.insert(ctx.repo().id(), branch, sha.name(), kind.wire, pusher, commits, now));
        return List.of(new Event.RequestQueued(new QueuedRequest(id, 0, now, commits, kind == BranchKind.PUSH)));
    }

    private List<Event> withdraw(String branch, String reason) {
        Optional<RequestRow> open = dao(d -> d.openOnBranch(ctx.repo().id(), branch));
        if (open.isEmpty()) {
            return List.of();
        }
        int changed = dao(d -> d.finish(open.get().id(), RequestState.CANCELLED.wire(), reason,
                ctx.clock().instant()));
        return changed == 1 ? List.of(new Event.RequestWithdrawn(open.get().id())) : List.of();
    }

    private int countCommits(ObjectId tip) {
        Optional<ObjectId> head = GitRefs.resolve(ctx.git(), ctx.headRef());
        try (RevWalk walk = new RevWalk(ctx.git())) {
            walk.setRevFilter(RevFilter.NO_MERGES);
            walk.markStart(walk.parseCommit(tip));
            if (head.isPresent()) {
                walk.markUninteresting(walk.parseCommit(head.get()));
            }
            int n = 0;
            while (walk.next() != null) {
                n++;
            }
            return Math.max(n, 1);
        } catch (IOException e) {
            return 1;
        }
    }

    private <T> T dao(org.jdbi.v3.core.extension.ExtensionCallback<T, RequestDao, RuntimeException> call) {
        return ctx.jdbi().withExtension(RequestDao.class, call);
    }
}

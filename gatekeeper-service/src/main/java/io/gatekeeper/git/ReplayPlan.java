package io.gatekeeper.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Which commits a rebase replays: those reachable from the tip and not from onto, oldest first
 * (topological order), merge commits left out.
 *
 * <p>Merge commits are dropped and the side commits they brought in are replayed one by one, as
 * {@code git rebase} does without {@code --rebase-merges}. The candidate must be a linear history on
 * top of head: that is what a fast-forward lands and what culprit isolation bisects. The usual merge
 * inside a request is "merge main into my branch"; its main side is already in onto and disappears.
 * A merge's own conflict resolution is not carried over: if the side commits then clash, the request
 * is rejected with the conflicting paths rather than landed with a tree nobody wrote.
 *
 * @param toReplay the non-merge commits to replay, oldest first
 * @param mergesDropped how many merge commits the range contained
 */
record ReplayPlan(List<RevCommit> toReplay, int mergesDropped) {

    static ReplayPlan of(RevWalk walk, RevCommit onto, RevCommit tip) throws IOException {
        walk.reset();
        walk.sort(RevSort.TOPO);
        walk.sort(RevSort.REVERSE, true);
        walk.markStart(tip);
        walk.markUninteresting(onto);
        List<RevCommit> toReplay = new ArrayList<>();
        int merges = 0;
        for (RevCommit c : walk) {
            if (c.getParentCount() > 1) {
                merges++;
            } else {
                toReplay.add(c);
            }
        }
        walk.reset();
        walk.sort(RevSort.NONE);
        return new ReplayPlan(List.copyOf(toReplay), merges);
    }
}

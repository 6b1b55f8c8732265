package io.gatekeeper.git;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebases a branch onto another commit entirely in core (no work tree): each non-merge commit reachable from the
 * tip and not from {@code onto} is replayed, oldest first, with a three-way merge whose base is the commit's own
 * parent. Authors and messages are kept; the committer is Gatekeeper. Merge commits inside the branch are dropped
 * and their side commits replayed, as {@code git rebase} does: the result is linear, which is what the head
 * branch promises. A commit whose change is already in the new base leaves the tree unchanged and is dropped.
 * A branch that already sits on {@code onto} is replayed too, so that every commit on head was committed by the
 * gate that tested it.
 */
public final class InCoreRebaser {
    private final PersonIdent committer;

    public InCoreRebaser(PersonIdent committer) {
        this.committer = committer;
    }

    public RebaseResult rebase(Repository repo, ObjectId onto, ObjectId tip) {
        try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
            RevCommit ontoCommit = walk.parseCommit(onto);
            RevCommit tipCommit = walk.parseCommit(tip);
            List<RevCommit> todo = commitsToReplay(walk, ontoCommit, tipCommit);
            RevCommit current = ontoCommit;
            int replayed = 0;
            for (RevCommit commit : todo) {
                walk.parseHeaders(commit);
                ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo, true);
                merger.setBase(commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0)));
                if (!merger.merge(current, commit)) {
                    List<String> paths = new ArrayList<>(merger.getUnmergedPaths());
                    if (paths.isEmpty() && merger.getFailingPaths() != null) {
                        paths.addAll(merger.getFailingPaths().keySet());
                    }
                    return RebaseResult.conflict(paths, "when applying " + commit.abbreviate(7).name() + " \""
                            + commit.getShortMessage() + "\" onto " + onto.abbreviate(7).name());
                }
                ObjectId tree = merger.getResultTreeId();
                if (tree.equals(current.getTree())) {
                    continue;   // already applied upstream: drop it rather than make an empty commit
                }
                CommitBuilder cb = new CommitBuilder();
                cb.setTreeId(tree);
                cb.setParentId(current);
                cb.setAuthor(commit.getAuthorIdent());
                cb.setCommitter(committer);
                cb.setMessage(commit.getFullMessage());
                cb.setEncoding(commit.getEncoding());
                ObjectId id = inserter.insert(cb);
                inserter.flush();
                current = walk.parseCommit(id);
                replayed++;
            }
            if (replayed == 0) {
                return new RebaseResult(RebaseResult.Status.EMPTY, ontoCommit, List.of(), 0, onto.name());
            }
            return new RebaseResult(RebaseResult.Status.REBASED, current, List.of(), replayed, onto.name());
        } catch (IOException e) {
            throw new UncheckedIOException("rebase of " + tip.name() + " onto " + onto.name() + " failed", e);
        }
    }

    private static List<RevCommit> commitsToReplay(RevWalk walk, RevCommit onto, RevCommit tip) throws IOException {
        walk.reset();
        walk.setRevFilter(RevFilter.NO_MERGES);
        walk.sort(RevSort.TOPO, true);
        walk.sort(RevSort.REVERSE, true);
        walk.markStart(tip);
        walk.markUninteresting(onto);
        List<RevCommit> out = new ArrayList<>();
        for (RevCommit c : walk) {
            out.add(c);
        }
        walk.reset();
        walk.setRevFilter(RevFilter.ALL);
        return out;
    }
}

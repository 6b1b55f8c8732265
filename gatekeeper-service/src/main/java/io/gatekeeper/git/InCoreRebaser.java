package io.gatekeeper.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Rebases a request's commits onto head without a work tree: every commit of the request is
 * cherry-picked in core, oldest first, with a three-way merge whose base is the commit's parent.
 * Authors, author dates and messages are kept; the committer is Gatekeeper.
 *
 * <p>What is replayed is decided by {@link ReplayPlan} (merge commits are dropped, their side commits
 * replayed). A commit whose change is already in the new history is dropped: either replaying it
 * leaves the tree unchanged, or it conflicts but the same change (same patch id) is upstream.
 * Renames are followed ({@link RenameAligner}); binary files merge when only one side changed them and
 * conflict otherwise. Nothing here moves a ref: the caller points a candidate ref at {@code newTip}.
 */
public final class InCoreRebaser {
    private final PersonIdent committer;

    /** @param committer the identity, and the time, recorded as committer of every rewritten commit */
    public InCoreRebaser(PersonIdent committer) {
        this.committer = committer;
    }

    public RebaseResult rebase(Repository repo, ObjectId onto, ObjectId tip) {
        try (ObjectInserter inserter = repo.newObjectInserter();
             ObjectReader reader = inserter.newReader();
             RevWalk walk = new RevWalk(reader)) {
            RevCommit ontoCommit = walk.parseCommit(onto);
            RevCommit tipCommit = walk.parseCommit(tip);
            ReplayPlan plan = ReplayPlan.of(walk, ontoCommit, tipCommit);
            if (plan.toReplay().isEmpty()) {
                return RebaseResult.empty(ontoCommit.copy());
            }
            // A request already on top of head is replayed too: every commit on head names as committer the
            // gate that tested it.
            return replay(repo.getConfig(), walk, inserter, ontoCommit, tipCommit, plan);
        } catch (IOException e) {
            throw new GatekeeperGitException("cannot rebase " + tip.name() + " onto " + onto.name()
                    + ": " + e.getMessage(), e);
        }
    }

    private RebaseResult replay(Config config, RevWalk walk, ObjectInserter inserter, RevCommit onto,
                                RevCommit tip, ReplayPlan plan) throws IOException {
        ObjectReader reader = walk.getObjectReader();
        RenameAligner renames = new RenameAligner(reader, inserter, config);
        ChangeSignatures signatures = new ChangeSignatures(walk, config, onto, tip);
        ObjectId emptyTree = inserter.insert(new TreeFormatter());
        ObjectId current = onto.copy();
        ObjectId currentTree = onto.getTree().copy();
        int applied = 0;
        for (RevCommit commit : plan.toReplay()) {
            ObjectId base = commit.getParentCount() == 0
                    ? emptyTree : walk.parseCommit(commit.getParent(0)).getTree();
            RenameAligner.Aligned aligned = renames.align(base, currentTree, commit.getTree());
            List<String> conflicts = aligned.conflicts();
            ObjectId tree = null;
            if (conflicts.isEmpty()) {
                ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, config);
                merger.setBase(aligned.base());
                if (merger.merge(aligned.ours(), aligned.theirs())) {
                    tree = merger.getResultTreeId();
                } else {
                    TreeSet<String> paths = new TreeSet<>(merger.getUnmergedPaths());
                    paths.addAll(merger.getFailingPaths() == null ? List.of() : merger.getFailingPaths().keySet());
                    conflicts = List.copyOf(paths);
                }
            }
            if (tree == null) {
                if (signatures.isUpstream(commit)) {
                    continue;
                }
                return RebaseResult.conflict(conflicts, applied,
                        new RebaseResult.Conflict(commit.copy(), commit.getShortMessage(), onto.copy()));
            }
            if (tree.equals(currentTree)) {
                continue;
            }
            current = inserter.insert(rewrite(commit, tree, current));
            currentTree = tree;
            applied++;
        }
        if (applied == 0) {
            return RebaseResult.empty(onto.copy());
        }
        inserter.flush();
        return RebaseResult.rebased(current, applied);
    }

    private CommitBuilder rewrite(RevCommit original, ObjectId tree, ObjectId parent) {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setParentId(parent);
        commit.setAuthor(original.getAuthorIdent());
        commit.setCommitter(committer);
        commit.setEncoding(StandardCharsets.UTF_8);
        commit.setMessage(original.getFullMessage());
        return commit;
    }
}

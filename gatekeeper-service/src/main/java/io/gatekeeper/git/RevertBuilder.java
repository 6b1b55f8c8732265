package io.gatekeeper.git;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Builds, in core, one commit on top of {@code onto} that undoes what {@code from..to} changed: a three-way merge
 * with base {@code to}, ours {@code onto}, theirs {@code from}. Empty when it conflicts with later work.
 */
public final class RevertBuilder {
    private RevertBuilder() {
    }

    public static Optional<ObjectId> revert(Repository repo, ObjectId from, ObjectId to, ObjectId onto,
                                            PersonIdent who, String message) {
        try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
            RevCommit base = walk.parseCommit(to);
            RevCommit ours = walk.parseCommit(onto);
            RevCommit theirs = walk.parseCommit(from);
            ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo, true);
            merger.setBase(base);
            if (!merger.merge(ours, theirs)) {
                return Optional.empty();
            }
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(merger.getResultTreeId());
            cb.setParentId(ours);
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage(message);
            ObjectId id = inserter.insert(cb);
            inserter.flush();
            return Optional.of(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build a revert of " + from.name() + ".." + to.name(), e);
        }
    }
}

package io.gatekeeper.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.PatchIdDiffFormatter;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;

/**
 * Recognises a request commit whose change is already upstream under another id (a stacked request
 * whose parent request landed rebased), the way {@code git rebase} does with patch ids.
 *
 * <p>A patch id hashes a diff without line numbers, so it survives the change moving in the file.
 * Binary and very large files diff as "Binary files differ" whatever their content, so for those the
 * resulting blob id is part of the signature: two different binary edits are never taken as one.
 * Only the newest {@value #UPSTREAM_LIMIT} upstream commits are looked at, and only when a commit
 * conflicts (a commit already upstream that applies cleanly leaves the tree unchanged and is dropped
 * without this).
 */
final class ChangeSignatures {
    static final int UPSTREAM_LIMIT = 2000;
    private static final int LARGE = 8 * 1024 * 1024;

    private final RevWalk walk;
    private final ObjectReader reader;
    private final Config config;
    private final RevCommit onto;
    private final RevCommit tip;
    private Set<String> upstream;

    ChangeSignatures(RevWalk walk, Config config, RevCommit onto, RevCommit tip) {
        this.walk = walk;
        this.reader = walk.getObjectReader();
        this.config = config;
        this.onto = onto;
        this.tip = tip;
    }

    /** @return whether a non-merge commit between tip's side and onto makes the same change */
    boolean isUpstream(RevCommit commit) throws IOException {
        if (upstream == null) {
            upstream = collectUpstream();
        }
        return upstream.contains(signature(commit));
    }

    private Set<String> collectUpstream() throws IOException {
        Set<String> signatures = new HashSet<>();
        List<RevCommit> commits = new ArrayList<>();
        try (RevWalk upstreamWalk = new RevWalk(reader)) {
            upstreamWalk.markStart(upstreamWalk.parseCommit(onto));
            upstreamWalk.markUninteresting(upstreamWalk.parseCommit(tip));
            for (RevCommit c : upstreamWalk) {
                if (commits.size() >= UPSTREAM_LIMIT) {
                    break;
                }
                if (c.getParentCount() == 1) {
                    commits.add(c);
                }
            }
        }
        for (RevCommit c : commits) {
            signatures.add(signature(walk.parseCommit(c)));
        }
        return signatures;
    }

    private String signature(RevCommit commit) throws IOException {
        AbstractTreeIterator parent = commit.getParentCount() == 0
                ? new EmptyTreeIterator()
                : new CanonicalTreeParser(null, reader, walk.parseCommit(commit.getParent(0)).getTree());
        AbstractTreeIterator self = new CanonicalTreeParser(null, reader, commit.getTree());
        try (PatchIdDiffFormatter formatter = new PatchIdDiffFormatter()) {
            formatter.setReader(reader, config);
            List<DiffEntry> changes = formatter.scan(parent, self);
            formatter.format(changes);
            StringJoiner signature = new StringJoiner(" ");
            signature.add(formatter.getCalulatedPatchId().name());
            for (DiffEntry change : changes) {
                if (opaque(change.getNewId().toObjectId())) {
                    signature.add(change.getNewPath() + "=" + change.getNewId().name());
                }
            }
            return signature.toString();
        }
    }

    private boolean opaque(ObjectId blob) throws IOException {
        if (blob.equals(ObjectId.zeroId()) || !reader.has(blob)) {
            return false;
        }
        ObjectLoader loader = reader.open(blob);
        return loader.getSize() > LARGE || RawText.isBinary(loader.getCachedBytes(LARGE));
    }
}

package io.gatekeeper.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.DirCacheNameConflictException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Makes a three-way merge follow renames, which JGit's {@code ResolveMerger} does not do.
 *
 * <p>When one side renamed a file P to Q and the other side changed P, both sides must talk about the
 * file under one name before the content merge: this moves P to Q in the base and in the side that
 * still has P. Then the merger sees an ordinary edit/edit of Q. Both sides renaming P to different
 * names is reported as a conflict on P. Directory renames are not inferred (a file added under the
 * old directory stays there), nor are copies.
 */
final class RenameAligner {
    /** The three trees to hand to the merger, or the paths that cannot be reconciled. */
    record Aligned(ObjectId base, ObjectId ours, ObjectId theirs, List<String> conflicts) {
    }

    private final ObjectReader reader;
    private final ObjectInserter inserter;
    private final Config config;

    RenameAligner(ObjectReader reader, ObjectInserter inserter, Config config) {
        this.reader = reader;
        this.inserter = inserter;
        this.config = config;
    }

    Aligned align(ObjectId base, ObjectId ours, ObjectId theirs) throws IOException {
        List<DiffEntry> theirChanges = diff(base, theirs);
        Map<String, DiffEntry> ourRenames = null;
        Map<String, String> baseMoves = new LinkedHashMap<>();
        Map<String, String> ourMoves = new LinkedHashMap<>();
        Map<String, String> theirMoves = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        for (DiffEntry change : theirChanges) {
            String p = change.getOldPath();
            ObjectId ourVersion = blobAt(ours, p);
            if (change.getChangeType() == DiffEntry.ChangeType.RENAME) {
                String q = change.getNewPath();
                if (ourVersion != null) {
                    // Unchanged on our side, the plain merge already does the right thing (delete + add).
                    if (!ourVersion.equals(change.getOldId().toObjectId())) {
                        baseMoves.put(p, q);
                        ourMoves.put(p, q);
                    }
                    continue;
                }
                ourRenames = ourRenames != null ? ourRenames : renamesByOldPath(diff(base, ours));
                DiffEntry ourRename = ourRenames.get(p);
                if (ourRename != null && ourRename.getNewPath().equals(q)) {
                    baseMoves.put(p, q);
                } else if (ourRename != null) {
                    conflicts.add(p);
                }
            } else if (change.getChangeType() == DiffEntry.ChangeType.MODIFY && ourVersion == null) {
                ourRenames = ourRenames != null ? ourRenames : renamesByOldPath(diff(base, ours));
                DiffEntry ourRename = ourRenames.get(p);
                if (ourRename != null) {
                    baseMoves.put(p, ourRename.getNewPath());
                    theirMoves.put(p, ourRename.getNewPath());
                }
            }
        }
        if (!conflicts.isEmpty()) {
            return new Aligned(base, ours, theirs, List.copyOf(conflicts));
        }
        if (baseMoves.isEmpty()) {
            return new Aligned(base, ours, theirs, List.of());
        }
        ObjectId movedBase = move(base, baseMoves);
        ObjectId movedOurs = move(ours, ourMoves);
        ObjectId movedTheirs = move(theirs, theirMoves);
        if (movedBase == null || movedOurs == null || movedTheirs == null) {
            return new Aligned(base, ours, theirs, List.copyOf(baseMoves.values()));
        }
        return new Aligned(movedBase, movedOurs, movedTheirs, List.of());
    }

    private List<DiffEntry> diff(ObjectId from, ObjectId to) throws IOException {
        try (DiffFormatter formatter = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            formatter.setReader(reader, config);
            formatter.setDetectRenames(true);
            return formatter.scan(from, to);
        }
    }

    private static Map<String, DiffEntry> renamesByOldPath(List<DiffEntry> changes) {
        Map<String, DiffEntry> renames = new LinkedHashMap<>();
        for (DiffEntry e : changes) {
            if (e.getChangeType() == DiffEntry.ChangeType.RENAME) {
                renames.put(e.getOldPath(), e);
            }
        }
        return renames;
    }

    /** @return the tree with each file moved from key to value; null when a target is already taken */
    private ObjectId move(ObjectId tree, Map<String, String> moves) throws IOException {
        if (moves.isEmpty()) {
            return tree;
        }
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, tree);
        builder.finish();
        DirCacheEditor editor = index.editor();
        for (Map.Entry<String, String> move : moves.entrySet()) {
            DirCacheEntry source = index.getEntry(move.getKey());
            if (source == null || index.getEntry(move.getValue()) != null) {
                return null;
            }
            editor.add(new DirCacheEditor.DeletePath(move.getKey()));
            editor.add(new DirCacheEditor.PathEdit(move.getValue()) {
                @Override
                public void apply(DirCacheEntry entry) {
                    entry.setFileMode(source.getFileMode());
                    entry.setObjectId(source.getObjectId());
                }
            });
        }
        try {
            editor.finish();
        } catch (DirCacheNameConflictException e) {
            return null;
        }
        return index.writeTree(inserter);
    }

    /** @return the blob at {@code path} in {@code tree}, or null */
    private ObjectId blobAt(ObjectId tree, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
            return walk == null ? null : walk.getObjectId(0);
        }
    }
}

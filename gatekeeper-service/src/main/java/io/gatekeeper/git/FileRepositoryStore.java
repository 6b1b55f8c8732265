package io.gatekeeper.git;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;

/**
 * Bare repositories on disk, one directory per repository: {@code <root>/<name>.git}.
 *
 * <p>{@link #open} goes through JGit's {@link RepositoryCache}, so concurrent requests share one
 * {@link Repository} (and its pack and object caches); each caller still closes what it opened.
 */
public final class FileRepositoryStore implements RepositoryStore {
    private final Path root;

    public FileRepositoryStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** @return where the repository of that name lives (or would live) */
    public Path directoryOf(String name) {
        return root.resolve(RepositoryNames.requireValid(name) + Constants.DOT_GIT_EXT);
    }

    @Override
    public boolean exists(String name) {
        return RepositoryNames.isValid(name)
                && RepositoryCache.FileKey.isGitRepository(directoryOf(name).toFile(), FS.DETECTED);
    }

    @Override
    public Repository open(String name) {
        Path dir = directoryOf(name);
        try {
            return RepositoryCache.open(RepositoryCache.FileKey.exact(dir.toFile(), FS.DETECTED), true);
        } catch (org.eclipse.jgit.errors.RepositoryNotFoundException e) {
            throw new RepositoryNotFoundException(name);
        } catch (IOException e) {
            throw new GatekeeperGitException("cannot open repository " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Repository create(String name, String headBranch) {
        Path dir = directoryOf(name);
        String headRef = RepositoryNames.headRef(headBranch);
        try {
            Files.createDirectories(root);
            // Claiming the directory atomically is what makes two concurrent creates of one name safe.
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new RepositoryExistsException(name);
        } catch (IOException e) {
            throw new GatekeeperGitException("cannot create repository " + name + ": " + e.getMessage(), e);
        }
        Repository repo = null;
        try {
            repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
            repo.create(true);
            configure(repo.getConfig());
            RefUpdate head = repo.updateRef(Constants.HEAD);
            head.disableRefLog();
            head.link(headRef);
            return repo;
        } catch (IOException | RuntimeException e) {
            if (repo != null) {
                repo.close();
            }
            deleteQuietly(dir);
            throw new GatekeeperGitException("cannot create repository " + name + ": " + e.getMessage(), e);
        }
    }

    /** Server repositories keep reflogs (an audit trail of head moves) and check what they receive. */
    private static void configure(StoredConfig config) throws IOException {
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null,
                ConfigConstants.CONFIG_KEY_LOGALLREFUPDATES, true);
        config.setBoolean("receive", null, "fsckObjects", true);
        config.save();
    }

    @Override
    public List<String> names() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(Constants.DOT_GIT_EXT))
                    .map(f -> f.substring(0, f.length() - Constants.DOT_GIT_EXT.length()))
                    .filter(this::exists)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new GatekeeperGitException("cannot list repositories under " + root + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
        } catch (IOException ignored) {
            // best effort: a half-created directory is reported by the exception we are about to throw
        }
    }
}

package io.gatekeeper.git;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Bare repositories on disk at {@code <root>/<name>.git}. */
public final class FileRepositoryStore implements RepositoryStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Path root;

    public FileRepositoryStore(Path root) {
        this.root = root;
    }

    @Override
    public boolean exists(String name) {
        return valid(name) && Files.isDirectory(dir(name));
    }

    @Override
    public Repository open(String name) {
        if (!exists(name)) {
            throw new RepositoryNotFoundException(name);
        }
        try {
            return new FileRepositoryBuilder().setGitDir(dir(name).toFile()).setMustExist(true).setBare().build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open repository " + name, e);
        }
    }

    @Override
    public Repository create(String name, String headBranch) {
        if (!valid(name)) {
            throw new IllegalArgumentException("invalid repository name '" + name + "'");
        }
        if (exists(name)) {
            throw new IllegalStateException("repository '" + name + "' already exists");
        }
        try {
            Files.createDirectories(root);
            Repository repo = new FileRepositoryBuilder().setGitDir(dir(name).toFile()).setBare().build();
            repo.create(true);
            RefUpdate head = repo.updateRef(Constants.HEAD);
            head.disableRefLog();
            head.link(Constants.R_HEADS + headBranch);
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create repository " + name, e);
        }
    }

    @Override
    public List<String> names() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".git"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path dir(String name) {
        return root.resolve(name + ".git");
    }

    private static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..");
    }
}

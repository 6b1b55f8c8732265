package io.gatekeeper.repos;

import io.gatekeeper.GatekeeperException;
import io.gatekeeper.git.GatekeeperGitException;
import io.gatekeeper.git.RepositoryImporter;
import io.gatekeeper.git.RepositoryStore;
import io.gatekeeper.store.AuditDao;
import io.gatekeeper.store.AuditRow;
import io.gatekeeper.store.RepoDao;
import io.gatekeeper.store.RepoRow;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FileUtils;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Creates gated repositories: the database row and the bare repository, imported or empty. */
public final class RepoService {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Jdbi jdbi;
    private final RepositoryStore store;
    private final Clock clock;
    private final Consumer<RepoRow> onCreated;

    public RepoService(Jdbi jdbi, RepositoryStore store, Clock clock, Consumer<RepoRow> onCreated) {
        this.jdbi = jdbi;
        this.store = store;
        this.clock = clock;
        this.onCreated = onCreated;
    }

    public RepoRow create(String name, String headBranch, String importFrom, String actor) {
        if (name == null || !NAME.matcher(name).matches() || name.endsWith(".git")) {
            throw new GatekeeperException.InvalidInput("invalid repository name '" + name
                    + "': use letters, digits, '.', '_' or '-' (at most 100, not ending in .git)");
        }
        String head = headBranch == null || headBranch.isBlank() ? "main" : headBranch;
        if (!Repository.isValidRefName(Constants.R_HEADS + head)) {
            throw new GatekeeperException.InvalidInput("invalid head branch '" + head + "'");
        }
        if (jdbi.withExtension(RepoDao.class, d -> d.byName(name)).isPresent() || store.exists(name)) {
            throw new GatekeeperException.Conflict("repository '" + name + "' already exists");
        }
        try (Repository repo = store.create(name, head)) {
            if (importFrom != null && !importFrom.isBlank()) {
                try {
                    RepositoryImporter.importInto(repo, importFrom, head);
                } catch (GatekeeperGitException | IllegalArgumentException e) {
                    removeQuietly(repo);
                    throw new GatekeeperException.InvalidInput(e.getMessage());
                }
            }
        }
        RepoRow row = jdbi.inTransaction(h -> {
            long id = h.attach(RepoDao.class).insert(name, head, clock.instant());
            h.attach(AuditDao.class).append(AuditRow.of(clock.instant(), actor, "repo.create", name, head,
                    null, null, importFrom == null ? null : "imported from " + importFrom));
            return h.attach(RepoDao.class).byId(id).orElseThrow();
        });
        onCreated.accept(row);
        return row;
    }

    /** A failed import must not leave a half-made repository that blocks the name. */
    private static void removeQuietly(Repository repo) {
        repo.close();
        try {
            FileUtils.delete(repo.getDirectory(), FileUtils.RECURSIVE | FileUtils.RETRY);
        } catch (IOException e) {
            // the name stays blocked; the admin is told by the error above and can remove the directory
        }
    }

    public Optional<RepoRow> byName(String name) {
        return jdbi.withExtension(RepoDao.class, d -> d.byName(name));
    }

    public List<RepoRow> all() {
        return jdbi.withExtension(RepoDao.class, RepoDao::all);
    }
}

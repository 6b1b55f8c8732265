package io.gatekeeper;

import io.gatekeeper.auth.Role;
import io.gatekeeper.auth.UserService;
import io.gatekeeper.git.RepositoryStore;
import io.gatekeeper.repos.DemoContent;
import io.gatekeeper.repos.RepoService;
import io.gatekeeper.store.RepoRow;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;

/** What a brand-new installation needs: its first admin (token printed once) and the demo repository. */
final class FirstStart {
    static final String ADMIN = "admin";
    static final String DEMO = "demo";

    private FirstStart() {
    }

    static void ensureAdmin(UserService users, String presetToken, PrintStream out) {
        if (users.anyUsers()) {
            return;
        }
        UserService.Issued admin = users.create(ADMIN, Role.ADMIN, "gatekeeper", presetToken);
        if (presetToken == null) {
            out.println();
            out.println("Gatekeeper: created user '" + ADMIN + "' (admin). Its API token is shown only this once:");
            out.println("  " + admin.token());
            out.println();
        } else {
            out.println("Gatekeeper: created user '" + ADMIN + "' (admin) with the token from GATEKEEPER_ADMIN_TOKEN");
        }
        out.flush();
    }

    static void ensureDemo(RepoService repos, RepositoryStore store, Clock clock) {
        if (!repos.all().isEmpty()) {
            return;
        }
        RepoRow demo = repos.create(DEMO, "main", null, "gatekeeper");
        try (Repository git = store.open(demo.name())) {
            DemoContent.seed(git, demo.headBranch(),
                    new PersonIdent("Gatekeeper", "gatekeeper@localhost", clock.instant(), ZoneOffset.UTC));
        }
    }
}

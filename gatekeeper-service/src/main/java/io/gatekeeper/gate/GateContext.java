package io.gatekeeper.gate;

import io.gatekeeper.events.ChangeFeed;
import io.gatekeeper.store.RepoRow;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Path;
import java.time.Clock;

/** What every part of one repository's gate shares. */
record GateContext(RepoRow repo, Repository git, Jdbi jdbi, Clock clock, Path dataDir, ChangeFeed feed,
                   io.gatekeeper.queue.InfraHold infraHold) {

    String headRef() {
        return org.eclipse.jgit.lib.Constants.R_HEADS + repo.headBranch();
    }

    PersonIdent gatekeeper() {
        return new PersonIdent("Gatekeeper", "gatekeeper@localhost", clock.instant(), java.time.ZoneOffset.UTC);
    }
}

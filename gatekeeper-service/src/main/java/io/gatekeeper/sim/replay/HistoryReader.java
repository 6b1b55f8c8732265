package io.gatekeeper.sim.replay;

import io.gatekeeper.store.RepoDao;
import io.gatekeeper.store.RepoRow;
import io.gatekeeper.store.RequestRow;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads a repository's last {@code days} of recorded history, counted back from its latest recorded event. */
final class HistoryReader {
    private final Handle handle;

    HistoryReader(Handle handle) {
        this.handle = handle;
    }

    RecordedHistory read(String repoName, int days) {
        if (days < 1) {
            throw new ReplayException("--days must be at least 1, not " + days);
        }
        RepoDao repos = handle.attach(RepoDao.class);
        RepoRow repo = repos.byName(repoName).orElseThrow(() -> new ReplayException("no repository '" + repoName
                + "' in the database (known: " + known(repos.all()) + ")"));
        HistoryDao dao = handle.attach(HistoryDao.class);
        Instant to = Stream.of(dao.lastRequestChange(repo.id()), dao.lastRunChange(repo.id()))
                .flatMap(java.util.Optional::stream).max(Instant::compareTo)
                .orElseThrow(() -> new ReplayException("repository '" + repoName + "' has no recorded history"));
        Instant from = to.minus(Duration.ofDays(days));
        List<RequestRow> requests = dao.queuedBetween(repo.id(), from, to);
        if (requests.isEmpty()) {
            throw new ReplayException("repository '" + repoName + "' has no requests queued in the " + days
                    + " days up to its last recorded event (" + to + ")");
        }
        return new RecordedHistory(repoName, days, from, to, requests, dao.runsBetween(repo.id(), from, to),
                dao.candidatesBetween(repo.id(), from, to));
    }

    private static String known(List<RepoRow> repos) {
        return repos.isEmpty() ? "none" : repos.stream().map(RepoRow::name).collect(Collectors.joining(", "));
    }
}

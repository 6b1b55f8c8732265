package io.gatekeeper.api;

import io.gatekeeper.gate.Gates;
import io.gatekeeper.queue.QueueView;
import io.gatekeeper.store.CandidateDao;
import io.gatekeeper.store.RepoDao;
import io.gatekeeper.store.RepoRow;
import io.gatekeeper.store.RequestDao;
import io.gatekeeper.store.RequestRow;
import io.gatekeeper.store.TierRunRow;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Assembles {@link RequestJson} from rows, tier runs and the live queue view. */
public final class RequestViews {
    private final Jdbi jdbi;
    private final Gates gates;
    private final Judgements judgements;

    public RequestViews(Jdbi jdbi, Gates gates) {
        this(jdbi, gates, Judgements.NONE);
    }

    public RequestViews(Jdbi jdbi, Gates gates, Judgements judgements) {
        this.jdbi = jdbi;
        this.gates = gates;
        this.judgements = judgements;
    }

    public Optional<RequestJson> one(long id) {
        return jdbi.withHandle(h -> h.attach(RequestDao.class).byId(id).map(row -> {
            RepoRow repo = h.attach(RepoDao.class).byId(row.repoId()).orElseThrow();
            return toJson(h, repo, row);
        }));
    }

    public List<RequestJson> newestFirst(RepoRow repo, int limit) {
        return jdbi.withHandle(h -> h.attach(RequestDao.class).newestFirst(repo.id(), limit).stream()
                .map(row -> toJson(h, repo, row)).toList());
    }

    private RequestJson toJson(Handle h, RepoRow repo, RequestRow row) {
        List<TierJson> tiers = row.candidateNo() == null ? List.of()
                : tiers(h.attach(CandidateDao.class).runs(repo.id(), row.candidateNo()));
        Optional<QueueView.Entry> entry = row.open()
                ? gates.gate(repo.name()).flatMap(g -> g.view().entry(row.id())) : Optional.empty();
        String hold = row.open() ? gates.gate(repo.name()).map(g -> g.holdReason()).orElse(null) : null;
        String waitingFor = entry.map(QueueView.Entry::waitingFor).orElse(null);
        if (hold != null) {
            waitingFor = waitingFor == null ? hold : hold + "; " + waitingFor;
        }
        return new RequestJson(row.id(), repo.name(), row.branch(), row.sha(), row.kind(), row.author(),
                row.priority(), row.state(), row.reason(), row.candidate(), row.base(), row.commits(), tiers,
                entry.map(QueueView.Entry::position).orElse(null),
                waitingFor,
                entry.map(QueueView.Entry::eta).orElse(null),
                row.createdAt(), row.queuedAt(), row.updatedAt(), row.finishedAt(),
                row.candidate() == null ? List.of() : judgements.of(repo.name(), row.candidate()));
    }

    /** The latest attempt of each tier, in the order the tiers first ran. */
    private static List<TierJson> tiers(List<TierRunRow> runs) {
        Map<String, List<TierRunRow>> byTier = new LinkedHashMap<>();
        runs.forEach(r -> byTier.computeIfAbsent(r.tier(), t -> new ArrayList<>()).add(r));
        List<TierJson> out = new ArrayList<>();
        byTier.forEach((name, attempts) -> {
            TierRunRow last = attempts.get(attempts.size() - 1);
            List<String> failed = last.failedTests() == null ? List.of()
                    : Arrays.asList(last.failedTests().split("\n"));
            out.add(new TierJson(name, last.state(), attempts.size(), last.id(), last.exitCode(), last.message(),
                    failed, last.startedAt(), last.finishedAt(), "/api/runs/" + last.id() + "/log"));
        });
        return out;
    }
}

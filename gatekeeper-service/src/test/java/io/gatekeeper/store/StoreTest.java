package io.gatekeeper.store;

import io.gatekeeper.auth.Role;
import io.gatekeeper.auth.Tokens;
import io.gatekeeper.auth.UserService;
import io.gatekeeper.flaky.testing.DatabaseEngine;
import io.gatekeeper.flaky.testing.FreshDatabases;
import io.gatekeeper.flaky.testing.MutableClock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service's store, the same assertions on embedded H2 and on a real PostgreSQL. */
class StoreTest {
    @RegisterExtension
    final FreshDatabases databases = new FreshDatabases();

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void tokens_areStoredHashed_andAuthenticateOnlyTheirUser(DatabaseEngine engine) {
        Jdbi jdbi = databases.create(engine).jdbi();
        UserService users = new UserService(jdbi, clock);
        UserService.Issued dana = users.create("dana", Role.PRIVILEGED, "admin", null);

        assertThat(users.authenticate(dana.token())).map(u -> u.name()).contains("dana");
        assertThat(users.authenticate("dana", dana.token())).isPresent();
        assertThat(users.authenticate("erin", dana.token())).isEmpty();
        assertThat(users.authenticate("gk_not_a_token")).isEmpty();
        List<String> stored = jdbi.withHandle(h -> h.createQuery("SELECT token_hash FROM api_tokens")
                .mapTo(String.class).list());
        assertThat(stored).containsExactly(Tokens.hash(dana.token())).doesNotContain(dana.token());
        List<AuditRow> audit = jdbi.withExtension(AuditDao.class, d -> d.recent(10));
        assertThat(audit).extracting(AuditRow::action)
                .contains("user.create", "token.issue");
        assertThatThrownBy(() -> users.create("dana", Role.DEVELOPER, "admin", null))
                .hasMessageContaining("already exists");
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void requests_moveThroughTheirStates_andEndOnlyOnce(DatabaseEngine engine) {
        Jdbi jdbi = databases.create(engine).jdbi();
        long repo = jdbi.withExtension(RepoDao.class, d -> d.insert("demo", "main", clock.instant()));
        RequestDao requests = jdbi.onDemand(RequestDao.class);
        CandidateDao candidates = jdbi.onDemand(CandidateDao.class);
        long first = requests.insert(repo, "pull-request/a", "a".repeat(40), "pull", "dev", 1, clock.instant());
        clock.advance(Duration.ofSeconds(1));
        long second = requests.insert(repo, "pull-request/b", "b".repeat(40), "pull", "dev", 2, clock.instant());

        assertThat(requests.newestFirst(repo, 10)).extracting(RequestRow::id).containsExactly(second, first);
        assertThat(requests.open(repo)).extracting(RequestRow::state).containsOnly("queued");

        candidates.insert(repo, 1, null, "0".repeat(40), "c".repeat(40), clock.instant(), clock.instant());
        candidates.addRequest(repo, 1, first, 0);
        candidates.addRequest(repo, 1, second, 1);
        assertThat(candidates.branches("demo", "c".repeat(40))).containsExactlyInAnyOrder("pull-request/a",
                "pull-request/b");
        assertThat(candidates.branches("demo", "e".repeat(40))).isEmpty();
        assertThat(candidates.branches("other", "c".repeat(40))).isEmpty();
        assertThat(requests.testing(first, "c".repeat(40), 1, "0".repeat(40), clock.instant())).isEqualTo(1);
        long run = candidates.startRun(repo, 1, "unit", 1, clock.instant());
        assertThat(candidates.finishRun("passed", 0, "ok", null, clock.instant(), run)).isEqualTo(1);
        assertThat(candidates.finishRun("failed", 1, "late", null, clock.instant(), run))
                .as("a finished run is not finished twice").isZero();
        assertThat(requests.merged(first, "c".repeat(40), "landed", clock.instant())).isEqualTo(1);
        assertThat(requests.finish(first, "rejected", "too late", clock.instant()))
                .as("an ended request stays ended").isZero();
        assertThat(requests.byId(first).orElseThrow().state()).isEqualTo("merged");

        assertThat(requests.requeue(second, "d".repeat(40), 3, "dev", clock.instant())).isEqualTo(1);
        RequestRow requeued = requests.byId(second).orElseThrow();
        assertThat(requeued.sha()).isEqualTo("d".repeat(40));
        assertThat(requeued.commits()).isEqualTo(3);
        assertThat(requests.latestOnBranch(repo, "pull-request/b")).map(RequestRow::id).contains(second);
        assertThat(candidates.runs(repo, 1)).extracting(TierRunRow::state).containsExactly("passed");
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void restartCleanup_abandonsRunningRunsAndCandidates(DatabaseEngine engine) {
        Jdbi jdbi = databases.create(engine).jdbi();
        long repo = jdbi.withExtension(RepoDao.class, d -> d.insert("demo", "main", clock.instant()));
        CandidateDao candidates = jdbi.onDemand(CandidateDao.class);
        candidates.insert(repo, 7, null, "0".repeat(40), "c".repeat(40), clock.instant(), clock.instant());
        long run = candidates.startRun(repo, 7, "unit", 1, clock.instant());
        assertThat(candidates.abandonRunning(clock.instant())).isEqualTo(1);
        assertThat(candidates.abandonTesting(clock.instant())).isEqualTo(1);
        assertThat(candidates.run(run).orElseThrow().state()).isEqualTo("cancelled");
        assertThat(candidates.maxNumber(repo)).isEqualTo(7);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void repoControls_roundTrip(DatabaseEngine engine) {
        Jdbi jdbi = databases.create(engine).jdbi();
        RepoDao repos = jdbi.onDemand(RepoDao.class);
        long repo = repos.insert("demo", "main", clock.instant());
        assertThat(repos.controls(repo).paused(clock.instant())).isFalse();
        repos.setPaused("release", "admin", clock.instant().plusSeconds(60), repo);
        assertThat(repos.controls(repo).paused(clock.instant())).isTrue();
        assertThat(repos.controls(repo).paused(clock.instant().plusSeconds(61))).as("a freeze ends by itself")
                .isFalse();
        repos.setBroken("e".repeat(40), "tier unit failed", clock.instant(), repo);
        assertThat(repos.controls(repo).broken()).isTrue();
        java.util.Optional<RepoRow> byName = jdbi.withExtension(RepoDao.class, d -> d.byName("demo"));
        assertThat(byName).isPresent();
    }
}

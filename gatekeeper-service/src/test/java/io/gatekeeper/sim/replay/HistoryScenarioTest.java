package io.gatekeeper.sim.replay;

import io.gatekeeper.flaky.testing.DatabaseEngine;
import io.gatekeeper.flaky.testing.FreshDatabases;
import io.gatekeeper.sim.Scenario;
import io.gatekeeper.sim.Workload;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Recorded history read back into a scenario: the same figures on embedded H2 and on a real PostgreSQL. */
class HistoryScenarioTest {
    @RegisterExtension
    final FreshDatabases databases = new FreshDatabases();

    private static final ReplaySettings SETTINGS = new ReplaySettings(3, 4, null, null);

    private RecordedHistory read(Jdbi jdbi, String repo, int days) {
        try (Handle h = jdbi.open()) {
            return new HistoryReader(h).read(repo, days);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void replay_readsArrivalsOutcomesAndBreakTiers(DatabaseEngine engine) {
        Jdbi jdbi = databases.create(engine).jdbi();
        ShopHistory.write(jdbi);

        RecordedHistory history = read(jdbi, "shop", 30);
        assertThat(history.to()).isEqualTo(RecordedRepo.at(ShopHistory.LAST_EVENT));
        assertThat(history.from()).isEqualTo(history.to().minus(Duration.ofDays(30)));
        Scenario s = new HistoryScenario(history).scenario(SETTINGS);

        assertThat(s.arrivals()).hasSize(11);
        assertThat(s.arrivals().get(0).at()).isEqualTo(Duration.ZERO);
        assertThat(s.arrivals()).extracting(a -> a.at().toMinutes())
                .containsExactly(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 140L, 141L);
        assertThat(s.arrivals()).filteredOn(Scenario.Arrival::bad).extracting(Scenario.Arrival::breakTier)
                .containsExactly("unit", "system");
        assertThat(s.arrivals().get(6).breakTier()).isEqualTo("unit");
        assertThat(s.hours()).isEqualTo(200 / 60.0, within(1e-9));
        assertThat(s.clusters()).isEqualTo(3);
        assertThat(s.batchMax()).isEqualTo(4);

        assertThat(history.requests().size()).as("every request queued in the window, replayed or not").isEqualTo(16);
        assertThat(read(jdbi, "shop", 60).requests().size()).as("and the 40-day-old one in a 60-day window")
                .isEqualTo(17);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void replay_measuresTierMinutesFromPassedRuns_withoutPoolWaitsOrReruns(DatabaseEngine engine) {
        Jdbi jdbi = databases.create(engine).jdbi();
        ShopHistory.write(jdbi);

        Scenario s = new HistoryScenario(read(jdbi, "shop", 30)).scenario(SETTINGS);

        assertThat(s.tiers()).extracting(Workload.TierModel::name).containsExactly("unit", "system");
        assertThat(s.tiers()).extracting(Workload.TierModel::minutes).containsExactly(5.0, 20.0);
        assertThat(s.durationJitter()).isEqualTo(0.125, within(1e-9));
        assertThat(s.flakyTests()).extracting(Workload.FlakyTest::tier, Workload.FlakyTest::rate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unit", 2 / 12.0),
                        org.assertj.core.groups.Tuple.tuple("system", 1 / 10.0));
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    @SuppressWarnings("unchecked")
    void replay_summarySaysWhatWasReadAndWhatWasLeftOut(DatabaseEngine engine) {
        Jdbi jdbi = databases.create(engine).jdbi();
        ShopHistory.write(jdbi);

        Map<String, Object> json = new HistoryScenario(read(jdbi, "shop", 30)).summary(SETTINGS).toJson();

        assertThat(json).containsEntry("repo", "shop").containsEntry("days", 30).containsEntry("requests", 11L)
                .containsEntry("good", 9L).containsEntry("bad", 2L);
        assertThat((Map<String, Object>) json.get("badByTier")).containsExactly(Map.entry("unit", 1L),
                Map.entry("system", 1L));
        assertThat((Map<String, Object>) json.get("leftOut")).containsExactly(Map.entry("infrastructure", 1L),
                Map.entry("notTested", 1L), Map.entry("withdrawn", 1L), Map.entry("open", 1L),
                Map.entry("push", 1L));
        List<Map<String, Object>> tiers = (List<Map<String, Object>>) json.get("tiers");
        assertThat(tiers.get(0)).containsEntry("name", "unit").containsEntry("minutes", 5.0)
                .containsEntry("runs", 12).containsEntry("flakyRuns", 2).containsEntry("infraErrors", 3)
                .containsEntry("infraErrorRate", 0.1875);
        assertThat(tiers.get(1)).containsEntry("name", "system").containsEntry("minutes", 20.0)
                .containsEntry("runs", 10).containsEntry("flakeRate", 0.1);
        Map<String, Object> recorded = (Map<String, Object>) json.get("recorded");
        assertThat(recorded).containsEntry("merged", 9L).containsEntry("rejected", 2L);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void replay_refusesUnknownReposAndWindowsWithNothingToReplay(DatabaseEngine engine) {
        Jdbi jdbi = databases.create(engine).jdbi();
        ShopHistory.write(jdbi);
        new RecordedRepo(jdbi, "empty");
        RecordedRepo quiet = new RecordedRepo(jdbi, "quiet");
        quiet.withdrawn(quiet.request(0), 5);
        RecordedRepo slow = new RecordedRepo(jdbi, "slow");
        long old = slow.request(-3 * 24 * 60);
        slow.merged(old, 0);

        assertThatThrownBy(() -> read(jdbi, "nope", 30)).isInstanceOf(ReplayException.class)
                .hasMessage("no repository 'nope' in the database (known: empty, quiet, shop, slow)");
        assertThatThrownBy(() -> read(jdbi, "empty", 30))
                .hasMessage("repository 'empty' has no recorded history");
        assertThatThrownBy(() -> read(jdbi, "slow", 1)).hasMessage("repository 'slow' has no requests queued in"
                + " the 1 days up to its last recorded event (" + RecordedRepo.at(0) + ")");
        assertThatThrownBy(() -> new HistoryScenario(read(jdbi, "quiet", 30))).hasMessage("repository 'quiet' has"
                + " 1 requests queued in the 30 days up to " + RecordedRepo.at(5) + " but none to replay: 1 withdrawn"
                + " or replaced by its author: left out");
        assertThatThrownBy(() -> new HistoryScenario(read(jdbi, "slow", 7))).hasMessageStartingWith(
                "repository 'slow' recorded no finished tier runs");
        assertThatThrownBy(() -> read(jdbi, "shop", 0)).hasMessage("--days must be at least 1, not 0");
    }
}

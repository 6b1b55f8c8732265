package io.gatekeeper.sim.replay;

import io.gatekeeper.ConfigurationFile;
import io.gatekeeper.GatekeeperConfiguration;
import io.gatekeeper.sim.SimResult;
import io.gatekeeper.sim.Simulator;

import java.util.Map;

/**
 * {@code simulate --replay REPO --days N}: reads the repository's recorded history from the service's database,
 * runs it through the same engine as a synthetic workload, and returns the simulation's figures plus a
 * {@code replay} object telling what was read.
 */
public final class Replay {
    private Replay() {
    }

    /**
     * What to replay and how; null settings fall back to the service configuration's {@code queue} section.
     *
     * @param configPath the server's YAML configuration; null for the bundled defaults (as {@code server})
     */
    public record Options(String configPath, String repo, int days, String strategy, long seed, Integer clusters,
                          Integer batchMax, Double flakeRate, Double tierMinutes) { }

    public static Map<String, Object> run(Options o) {
        GatekeeperConfiguration config = ConfigurationFile.read(o.configPath());
        RecordedHistory history;
        try (ServiceDatabase db = ServiceDatabase.open(config)) {
            history = db.read(o.repo(), o.days());
        }
        GatekeeperConfiguration.QueueSettings queue = config.queue();
        ReplaySettings settings = new ReplaySettings(o.clusters() == null ? queue.slots : o.clusters(),
                o.batchMax() == null ? queue.batchMax : o.batchMax(), o.flakeRate(), o.tierMinutes());
        String strategy = o.strategy() == null ? queue.strategy : o.strategy();
        HistoryScenario replay = new HistoryScenario(history);
        SimResult result = new Simulator(replay.scenario(settings), strategy, o.seed()).run();
        Map<String, Object> json = result.toJson();
        json.put("replay", replay.summary(settings).toJson());
        return json;
    }
}

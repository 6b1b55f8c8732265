package io.gatekeeper.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a workload from JSON or YAML (JSON is YAML), over the defaults; every key is optional:
 * <pre>
 * arrivalsPerHour: 100
 * breakRate: 0.05
 * clusters: 32
 * hours: 48
 * batchMax: 32
 * buildMinutes: 0.5
 * durationJitter: 0.1
 * tiers:                       # cheapest first; breakWeight: share of bad changes caught by this tier
 *   - {name: unit, minutes: 5, breakWeight: 0.4}
 *   - {name: system, minutes: 120, breakWeight: 0.6}
 * flakyTests:                  # each fails a run of its tier with this probability
 *   - {name: FooTest.bar, tier: unit, rate: 0.01}
 * </pre>
 */
final class WorkloadFile {
    private static final Set<String> KEYS = Set.of("arrivalsPerHour", "breakRate", "clusters", "hours", "batchMax",
            "buildMinutes", "durationJitter", "tiers", "flakyTests");

    private WorkloadFile() {
    }

    static Workload read(Path file, Workload base) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": a workload file holds one mapping of settings");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException(file + ": unknown key '" + name + "' (known: " + KEYS + ")");
            }
        }
        List<Workload.TierModel> tiers = base.tiers();
        List<Double> weights = base.breakTierWeights();
        if (root.has("tiers")) {
            tiers = new ArrayList<>();
            weights = new ArrayList<>();
            for (JsonNode t : root.get("tiers")) {
                tiers.add(new Workload.TierModel(text(t, "name", file), number(t, "minutes", file)));
                weights.add(t.path("breakWeight").asDouble(1.0));
            }
        }
        List<Workload.FlakyTest> flaky = base.flakyTests();
        if (root.has("flakyTests")) {
            flaky = new ArrayList<>();
            for (JsonNode f : root.get("flakyTests")) {
                flaky.add(new Workload.FlakyTest(text(f, "name", file), text(f, "tier", file),
                        number(f, "rate", file)));
            }
        }
        return new Workload(tiers, flaky, root.path("arrivalsPerHour").asDouble(base.arrivalsPerHour()),
                root.path("breakRate").asDouble(base.breakRate()), weights,
                root.path("clusters").asInt(base.clusters()), root.path("hours").asDouble(base.hours()),
                root.path("batchMax").asInt(base.batchMax()), root.path("buildMinutes").asDouble(base.buildMinutes()),
                root.path("durationJitter").asDouble(base.durationJitter()));
    }

    private static String text(JsonNode node, String key, Path file) {
        if (!node.hasNonNull(key)) {
            throw new IllegalArgumentException(file + ": '" + key + "' is required in " + node);
        }
        return node.get(key).asText();
    }

    private static double number(JsonNode node, String key, Path file) {
        if (!node.hasNonNull(key) || !node.get(key).isNumber()) {
            throw new IllegalArgumentException(file + ": '" + key + "' must be a number in " + node);
        }
        return node.get(key).asDouble();
    }
}

package io.gatekeeper.git;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns the YAML tree of {@code .gatekeeper.yml} into a {@link GatekeeperConfig}, collecting every
 * problem instead of stopping at the first, so one push fixes them all.
 */
final class GatekeeperConfigParser {
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    static final int DEFAULT_BATCH_MAX = 8;
    private static final Pattern TIER_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Set<String> TOP = Set.of("tiers", "batch", "branches", "push_request", "bypass");
    private static final Set<String> TIER = Set.of("name", "command", "setup", "reports", "timeout", "nodes", "labels",
            "burn_in");

    private final List<String> errors = new ArrayList<>();

    /** @return the configuration, or null when {@link #errors()} is not empty */
    GatekeeperConfig parse(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            errors.add("the file is empty");
            return null;
        }
        if (!root.isObject()) {
            errors.add("the file must be a mapping with a 'tiers' list");
            return null;
        }
        unknownKeys("", root, TOP);
        List<Tier> tiers = tiers(root.get("tiers"));
        int batchMax = section(root, "batch", Set.of("max")) == null ? DEFAULT_BATCH_MAX
                : positiveInt("batch: max", root.get("batch").get("max"), DEFAULT_BATCH_MAX);
        JsonNode branches = section(root, "branches", Set.of("allowed_prefixes"));
        List<String> prefixes = branches == null ? List.of()
                : strings("branches: allowed_prefixes", branches.get("allowed_prefixes"));
        prefixes.stream().filter(p -> p.isBlank() || p.startsWith("refs/") || p.startsWith("/"))
                .forEach(p -> errors.add("branches: allowed_prefixes: '" + p
                        + "' must be a branch name prefix such as pull-request/"));
        JsonNode pushRequest = section(root, "push_request", Set.of("tiers"));
        List<String> pushTiers = pushRequest == null ? List.of() : strings("push_request: tiers", pushRequest.get("tiers"));
        Set<String> tierNames = tiers.stream().map(Tier::name).collect(Collectors.toSet());
        pushTiers.stream().filter(t -> !tierNames.contains(t))
                .forEach(t -> errors.add("push_request: tiers: unknown tier '" + t + "'"));
        JsonNode bypass = section(root, "bypass", Set.of("revert_on_failure"));
        boolean revert = bypass != null && bool("bypass: revert_on_failure", bypass.get("revert_on_failure"));
        return errors.isEmpty() ? new GatekeeperConfig(tiers, batchMax, prefixes, pushTiers, revert) : null;
    }

    List<String> errors() {
        return errors;
    }

    private List<Tier> tiers(JsonNode node) {
        if (node == null || node.isNull()) {
            errors.add("tiers: at least one tier is required");
            return List.of();
        }
        if (!node.isArray()) {
            errors.add("tiers must be a list");
            return List.of();
        }
        if (node.isEmpty()) {
            errors.add("tiers: at least one tier is required");
        }
        List<Tier> tiers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            Tier tier = tier(i + 1, node.get(i));
            if (tier == null) {
                continue;
            }
            if (!seen.add(tier.name())) {
                errors.add("duplicate tier name '" + tier.name() + "'");
            }
            tiers.add(tier);
        }
        return tiers;
    }

    private Tier tier(int position, JsonNode node) {
        if (!node.isObject()) {
            errors.add("tier #" + position + " must be a mapping");
            return null;
        }
        String name = text("tier #" + position + ": name", node.get("name"));
        String where = name == null ? "tier #" + position : "tier '" + name + "'";
        if (name == null) {
            errors.add(where + ": name is required");
        } else if (!TIER_NAME.matcher(name).matches()) {
            errors.add(where + ": name may only contain letters, digits, '.', '_' and '-'");
        }
        unknownKeys(where + ": ", node, TIER);
        String command = text(where + ": command", node.get("command"));
        if (command == null || command.isBlank()) {
            errors.add(where + ": command is required");
        }
        String setup = text(where + ": setup", node.get("setup"));
        List<String> reports = strings(where + ": reports", node.get("reports"));
        Duration timeout = timeout(where, node.get("timeout"));
        int nodes = positiveInt(where + ": nodes", node.get("nodes"), 1);
        List<String> labels = strings(where + ": labels", node.get("labels"));
        boolean burnIn = node.get("burn_in") == null || node.get("burn_in").isNull()
                || bool(where + ": burn_in", node.get("burn_in"));
        return name == null ? null : new Tier(name, command, setup, reports, timeout, nodes, labels, burnIn);
    }

    private Duration timeout(String where, JsonNode node) {
        if (node == null || node.isNull()) {
            return DEFAULT_TIMEOUT;
        }
        if (node.isTextual()) {
            var parsed = DurationParser.parse(node.asText());
            if (parsed.isPresent()) {
                return parsed.get();
            }
        }
        errors.add(where + ": timeout '" + node.asText() + "' is not a duration (use 90s, 10m, 2h or PT10M)");
        return DEFAULT_TIMEOUT;
    }

    /** @return the mapping under {@code key}, null when absent or malformed (malformed is recorded) */
    private JsonNode section(JsonNode root, String key, Set<String> allowed) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(key + " must be a mapping");
            return null;
        }
        unknownKeys(key + ": ", node, allowed);
        return node;
    }

    private void unknownKeys(String where, JsonNode node, Set<String> allowed) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add("'" + name + "'");
            }
        }
        if (!unknown.isEmpty()) {
            errors.add(where + (unknown.size() == 1 ? "unknown key " : "unknown keys ") + String.join(", ", unknown));
        }
    }

    private String text(String what, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(what + " must be a string");
            return null;
        }
        return node.asText();
    }

    private List<String> strings(String what, JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    errors.add(what + " must be a list of strings");
                    return List.of();
                }
                out.add(item.asText());
            }
            return out;
        }
        errors.add(what + " must be a list of strings");
        return List.of();
    }

    private int positiveInt(String what, JsonNode node, int fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            errors.add(what + " must be an integer >= 1");
            return fallback;
        }
        return node.asInt();
    }

    private boolean bool(String what, JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            errors.add(what + " must be true or false");
            return false;
        }
        return node.asBoolean();
    }
}

package io.gatekeeper.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code .gatekeeper.yml} from a commit — the caller passes head, never a change under test. Strict: unknown
 * keys and bad values are errors naming what is wrong; nothing here throws on bad input.
 * <pre>
 * tiers:                 # ordered, cheapest first
 *   - name: unit
 *     command: mvn -B -q test
 *     setup: ./prepare.sh             # optional
 *     reports: ["**&#47;surefire-reports/*.xml"]
 *     timeout: 10m                    # 90s, 10m, 2h or ISO-8601 (PT10M); default 30m
 *     nodes: 1                        # default 1
 *     labels: [linux]                 # optional
 * batch: {max: 8}
 * branches: {allowed_prefixes: [pull-request/, push-request/]}
 * push_request: {tiers: [unit]}       # default none
 * bypass: {revert_on_failure: false}
 * </pre>
 */
public final class GatekeeperConfigReader {
    public static final String FILE = ".gatekeeper.yml";
    private static final int MAX_BYTES = 256 * 1024;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");
    private static final Set<String> TOP = Set.of("tiers", "batch", "branches", "push_request", "bypass");
    private static final Set<String> TIER = Set.of("name", "command", "setup", "reports", "timeout", "nodes", "labels");

    private GatekeeperConfigReader() {
    }

    public static ConfigResult read(Repository repo, ObjectId commit) {
        String at = " on head " + commit.abbreviate(7).name();
        String text;
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(commit);
            try (TreeWalk tw = TreeWalk.forPath(repo, FILE, c.getTree())) {
                if (tw == null) {
                    return ConfigResult.error("no " + FILE + at);
                }
                ObjectLoader loader = repo.open(tw.getObjectId(0));
                if (loader.getSize() > MAX_BYTES) {
                    return ConfigResult.error("invalid " + FILE + at + ": larger than " + MAX_BYTES + " bytes");
                }
                text = new String(loader.getBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            return ConfigResult.error("cannot read " + FILE + at + ": " + e.getMessage());
        }
        try {
            return ConfigResult.of(parse(text));
        } catch (Invalid e) {
            return ConfigResult.error("invalid " + FILE + at + ": " + e.getMessage());
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            return ConfigResult.error("invalid " + FILE + at + ": not YAML: " + msg);
        }
    }

    static GatekeeperConfig parse(String text) throws IOException {
        JsonNode root = YAML.readTree(text);
        if (root == null || !root.isObject()) {
            throw new Invalid("expected a mapping with a 'tiers' list");
        }
        unknownKeys(root, TOP, "");
        JsonNode tiersNode = root.get("tiers");
        if (tiersNode == null || !tiersNode.isArray() || tiersNode.isEmpty()) {
            throw new Invalid("'tiers' must be a non-empty list");
        }
        List<Tier> tiers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode t : tiersNode) {
            Tier tier = tier(t, tiers.size());
            if (!names.add(tier.name())) {
                throw new Invalid("tier '" + tier.name() + "' is defined twice");
            }
            tiers.add(tier);
        }
        JsonNode batch = section(root, "batch", Set.of("max"));
        int batchMax = positive(batch.get("max"), 8, "batch.max");
        JsonNode branches = section(root, "branches", Set.of("allowed_prefixes"));
        List<String> prefixes = strings(branches.get("allowed_prefixes"), "branches.allowed_prefixes");
        JsonNode push = section(root, "push_request", Set.of("tiers"));
        List<String> pushTiers = strings(push.get("tiers"), "push_request.tiers");
        for (String name : pushTiers) {
            if (!names.contains(name)) {
                throw new Invalid("push_request.tiers names unknown tier '" + name + "'");
            }
        }
        JsonNode bypass = section(root, "bypass", Set.of("revert_on_failure"));
        JsonNode revert = bypass.get("revert_on_failure");
        if (revert != null && !revert.isBoolean()) {
            throw new Invalid("bypass.revert_on_failure must be true or false");
        }
        return new GatekeeperConfig(tiers, batchMax, prefixes, pushTiers, revert != null && revert.asBoolean());
    }

    private static Tier tier(JsonNode t, int index) {
        if (!t.isObject()) {
            throw new Invalid("tier " + (index + 1) + " must be a mapping");
        }
        String name = text(t.get("name"));
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new Invalid("tier " + (index + 1) + ": 'name' is required (letters, digits, '.', '_', '-')");
        }
        String where = "tier '" + name + "'";
        unknownKeys(t, TIER, where + ": ");
        String command = text(t.get("command"));
        if (command == null || command.isBlank()) {
            throw new Invalid(where + ": command is required");
        }
        return new Tier(name, command, text(t.get("setup")), strings(t.get("reports"), where + ": reports"),
                duration(t.get("timeout"), where), positive(t.get("nodes"), 1, where + ": nodes"),
                strings(t.get("labels"), where + ": labels"));
    }

    private static JsonNode section(JsonNode root, String key, Set<String> allowed) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return YAML.createObjectNode();
        }
        if (!n.isObject()) {
            throw new Invalid("'" + key + "' must be a mapping");
        }
        unknownKeys(n, allowed, key + ".");
        return n;
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String where) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new Invalid(where + "unknown key(s) " + String.join(", ", unknown));
        }
    }

    private static int positive(JsonNode n, int fallback, String what) {
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isInt() || n.asInt() < 1) {
            throw new Invalid(what + " must be a whole number of at least 1");
        }
        return n.asInt();
    }

    private static List<String> strings(JsonNode n, String what) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (n.isTextual()) {
            return List.of(n.asText());
        }
        if (!n.isArray()) {
            throw new Invalid(what + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : n) {
            if (!s.isTextual()) {
                throw new Invalid(what + " must be a list of strings");
            }
            out.add(s.asText());
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    static Duration duration(JsonNode n, String where) {
        if (n == null || n.isNull()) {
            return Duration.ofMinutes(30);
        }
        String s = n.asText().trim();
        Matcher m = SHORT_DURATION.matcher(s);
        Duration d;
        if (n.isInt()) {
            d = Duration.ofSeconds(n.asInt());
        } else if (m.matches()) {
            long v = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(v);
                case "s" -> Duration.ofSeconds(v);
                case "m" -> Duration.ofMinutes(v);
                default -> Duration.ofHours(v);
            };
        } else {
            try {
                d = Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw new Invalid(where + ": timeout '" + s + "' is not a duration (e.g. 90s, 10m, 2h)");
            }
        }
        if (d.isZero() || d.isNegative()) {
            throw new Invalid(where + ": timeout must be positive");
        }
        return d;
    }

    /** A configuration error; caught here and turned into {@link ConfigResult#error()}. */
    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }
}

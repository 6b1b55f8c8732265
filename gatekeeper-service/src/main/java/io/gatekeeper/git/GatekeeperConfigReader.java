package io.gatekeeper.git;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a repository's gate configuration, {@code .gatekeeper.yml}, from a commit. The caller passes
 * the head commit, never the change under test: a request must not choose the tests that judge it.
 *
 * <p>The file, with every key it may have:
 * <pre>{@code
 * tiers:                          # required, run in this order (cheapest first)
 *   - name: unit                  # required, unique, letters digits . _ -
 *     command: mvn -B -q test     # required, shell command run in the candidate checkout
 *     setup: ./prepare.sh         # optional, run before command
 *     reports: ["**\/target/surefire-reports/*.xml"]   # optional JUnit XML globs
 *     timeout: 10m                # optional, default 30m; 90s / 10m / 2h / 1h30m / PT10M
 *     nodes: 1                    # optional, default 1; runner nodes the tier needs at once
 *     labels: [linux]             # optional, labels a runner must carry
 * batch:
 *   max: 8                        # optional, default 8; most requests tested in one candidate
 * branches:
 *   allowed_prefixes: [pull-request/, push-request/]  # optional; when set, other branches are refused at push
 * push_request:
 *   tiers: [unit]                 # optional, default none; tiers a push-request runs before landing
 * bypass:
 *   revert_on_failure: false      # optional, default false
 * }</pre>
 * Validation is strict: unknown keys, missing commands, duplicate tier names, {@code nodes < 1} and
 * unreadable timeouts are all errors, reported together on one line. Bad input never throws.
 */
public final class GatekeeperConfigReader {
    public static final String FILE = ".gatekeeper.yml";
    static final int MAX_BYTES = 256 * 1024;

    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder().build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private GatekeeperConfigReader() {
    }

    public static ConfigResult read(Repository repo, ObjectId commit) {
        String abbrev = commit.abbreviate(7).name();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit c = walk.parseCommit(commit);
            try (TreeWalk tw = TreeWalk.forPath(reader, FILE, c.getTree())) {
                if (tw == null) {
                    return ConfigResult.failure("no " + FILE + " on head " + abbrev);
                }
                String invalid = "invalid " + FILE + " on head " + abbrev + ": ";
                if (!FileMode.REGULAR_FILE.equals(tw.getFileMode(0)) && !FileMode.EXECUTABLE_FILE.equals(tw.getFileMode(0))) {
                    return ConfigResult.failure(invalid + "not a regular file");
                }
                ObjectLoader blob = reader.open(tw.getObjectId(0));
                if (blob.getSize() > MAX_BYTES) {
                    return ConfigResult.failure(invalid + "larger than " + MAX_BYTES / 1024 + " KiB");
                }
                return parse(blob.getCachedBytes(MAX_BYTES), invalid);
            }
        } catch (IOException e) {
            return ConfigResult.failure("cannot read " + FILE + " on head " + abbrev + ": " + e.getMessage());
        }
    }

    /**
     * Parses the file's content.
     *
     * @param errorPrefix put before every error, e.g. {@code "invalid .gatekeeper.yml on head abc1234: "}
     */
    public static ConfigResult parse(byte[] yaml, String errorPrefix) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            return ConfigResult.failure(errorPrefix + syntaxError(e));
        } catch (IOException | RuntimeException e) {
            return ConfigResult.failure(errorPrefix + "unreadable YAML: " + firstLine(e.getMessage()));
        }
        GatekeeperConfigParser parser = new GatekeeperConfigParser();
        GatekeeperConfig config = parser.parse(root);
        if (!parser.errors().isEmpty()) {
            return ConfigResult.failure(errorPrefix + String.join("; ", parser.errors()));
        }
        return ConfigResult.of(config);
    }

    private static String syntaxError(JsonProcessingException e) {
        // SnakeYAML's own message spans several lines with an excerpt; its parts make a better one-liner.
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
            return "YAML syntax error at line " + (yaml.getProblemMark().getLine() + 1) + ", column "
                    + (yaml.getProblemMark().getColumn() + 1) + ": " + firstLine(yaml.getProblem()) + context;
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "YAML syntax error" + where + ": " + firstLine(e.getOriginalMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        String line = message.strip();
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl).strip();
    }
}

package io.gatekeeper.flaky.service;

import org.eclipse.jgit.ignore.FastIgnoreRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CODEOWNERS file: lines of {@code pattern owner...}, gitignore-style patterns, {@code #} comments, and the
 * last matching line wins (GitHub's and GitLab's rule). A line with a pattern and no owners clears ownership
 * of what it matches. Lines that cannot be read are skipped: a typo must not cost every other rule.
 */
public final class CodeOwners {

    /** Where the file is looked for, first found wins (the places GitHub and GitLab read). */
    public static final List<String> LOCATIONS = List.of(".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS",
            ".gitlab/CODEOWNERS");

    private record Rule(FastIgnoreRule pattern, List<String> owners) { }

    private final List<Rule> rules;

    private CodeOwners(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static CodeOwners parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("[")) {
                continue;   // GitLab sections ("[Docs]") group rules; their lines still follow
            }
            int comment = line.indexOf(" #");
            if (comment >= 0) {
                line = line.substring(0, comment).strip();
            }
            String[] parts = line.split("\\s+");
            try {
                rules.add(new Rule(new FastIgnoreRule(parts[0]), List.of(parts).subList(1, parts.length)));
            } catch (RuntimeException e) {
                // skipped, see the class comment
            }
        }
        return new CodeOwners(rules);
    }

    /** The owners of a path (relative to the repository root, '/'-separated), space-separated; empty if none. */
    public Optional<String> owners(String path) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule rule = rules.get(i);
            if (rule.pattern().isMatch(path, false, false)) {
                return rule.owners().isEmpty() ? Optional.empty() : Optional.of(String.join(" ", rule.owners()));
            }
        }
        return Optional.empty();
    }
}

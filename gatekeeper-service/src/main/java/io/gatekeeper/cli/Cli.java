package io.gatekeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The client commands ({@code repo}, {@code user}, {@code status}): they talk to a running server through its
 * API with {@code --server URL --token T} (defaults from GATEKEEPER_SERVER and GATEKEEPER_TOKEN) and exit
 * non-zero with the server's message when refused.
 */
public final class Cli {
    public static final Set<String> COMMANDS = Set.of("repo", "user", "status", "bypass", "audit");

    private Cli() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        ArgumentParser parser = ArgumentParsers.newFor("java -jar gatekeeper.jar").build()
                .description("Gatekeeper client commands");
        Subparsers commands = parser.addSubparsers().dest("command");
        Subparser repo = commands.addParser("repo").help("manage gated repositories");
        Subparsers repoCommands = repo.addSubparsers().dest("sub");
        Subparser create = connection(repoCommands.addParser("repo-create").aliases("create")
                .help("create a repository (admin)"));
        create.addArgument("name");
        create.addArgument("--head").setDefault("main").help("head branch (default main)");
        create.addArgument("--import").dest("importFrom").help("URL or path of an existing project to bring in");
        connection(repoCommands.addParser("repo-list").aliases("list").help("list repositories"));
        Subparser user = commands.addParser("user").help("manage users");
        Subparsers userCommands = user.addSubparsers().dest("sub");
        Subparser add = connection(userCommands.addParser("user-add").aliases("add")
                .help("add a user and print its token once (admin)"));
        add.addArgument("name");
        add.addArgument("--role").setDefault("developer").choices("developer", "privileged", "admin", "runner");
        Subparser status = connection(commands.addParser("status").help("show a repository's requests"));
        status.addArgument("--repo").setDefault("demo");
        status.addArgument("--limit").type(Integer.class).setDefault(30);
        Subparser bypass = connection(commands.addParser("bypass")
                .help("land a queued or rejected request now, without its tiers (privileged; audited)"));
        bypass.addArgument("--repo").required(true);
        bypass.addArgument("branch").help("the request's branch, e.g. pull-request/x");
        bypass.addArgument("--reason").required(true).help("why: recorded in the audit log");
        Subparser audit = connection(commands.addParser("audit").help("show the audit log"));
        audit.addArgument("--repo");
        audit.addArgument("--limit").type(Integer.class).setDefault(50);
        Namespace ns;
        try {
            ns = parser.parseArgs(args);
        } catch (ArgumentParserException e) {
            parser.handleError(e);
            return 2;
        }
        try {
            ApiClient api = new ApiClient(ns.getString("server"), ns.getString("token"));
            String command = ns.getString("command");
            String sub = ns.getString("sub");
            if ("bypass".equals(command)) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("branch", ns.getString("branch"));
                body.put("reason", ns.getString("reason"));
                JsonNode r = api.post("api/repos/" + ns.getString("repo") + "/bypass", body);
                out.println("request " + r.get("id").asText() + " (" + r.get("branch").asText() + ") "
                        + r.get("state").asText() + ": " + r.path("reason").asText(""));
            } else if ("audit".equals(command)) {
                String repoName = ns.getString("repo");
                AuditTable.print(api.get("api/audit?limit=" + ns.getInt("limit")
                        + (repoName == null ? "" : "&repo=" + repoName)), out);
            } else if ("status".equals(command)) {
                StatusTable.print(api.get("api/repos/" + ns.getString("repo") + "/requests?limit="
                        + ns.getInt("limit")), out);
            } else if ("repo".equals(command) && sub.endsWith("create")) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", ns.getString("name"));
                body.put("headBranch", ns.getString("head"));
                body.put("importFrom", ns.getString("importFrom"));
                JsonNode r = api.post("api/repos", body);
                out.println("created repository " + r.get("name").asText() + " (head branch "
                        + r.get("headBranch").asText() + "); clone " + r.get("cloneUrl").asText());
            } else if ("repo".equals(command)) {
                for (JsonNode r : api.get("api/repos")) {
                    out.println(r.get("name").asText() + "\t" + r.get("headBranch").asText() + "\t"
                            + r.path("head").asText("-") + "\t" + r.get("cloneUrl").asText());
                }
            } else {
                JsonNode u = api.post("api/users", Map.of("name", ns.getString("name"), "role", ns.getString("role")));
                out.println("created user " + u.get("name").asText() + " (" + u.get("role").asText() + ")");
                out.println("token (shown only this once): " + u.get("token").asText());
            }
            return 0;
        } catch (CliException e) {
            err.println("gatekeeper: " + e.getMessage());
            return 1;
        }
    }

    private static Subparser connection(Subparser p) {
        p.addArgument("--server").setDefault(env("GATEKEEPER_SERVER", "http://localhost:8080"))
                .help("Gatekeeper's URL (env GATEKEEPER_SERVER)");
        p.addArgument("--token").setDefault(env("GATEKEEPER_TOKEN", null)).help("API token (env GATEKEEPER_TOKEN)");
        return p;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}

package io.gatekeeper.runner;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatekeeper.runner.agent.RunnerConfig;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns flags, an optional YAML file (Dropwizard style, {@code ${VAR}} and {@code ${VAR:-default}} from the
 * environment) and the environment ({@code GATEKEEPER_SERVER}, {@code GATEKEEPER_TOKEN}) into a
 * {@link RunnerConfig}. Flags win over the file, the file over the environment.
 */
final class RunnerOptions {

    /** The runner cannot start with what it was given; the message says why. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** Keys of the YAML file. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record FileConfig(String server, String token, String name, List<String> labels, String host, String workDir) {
    }

    private RunnerOptions() {
    }

    static ArgumentParser parser() {
        ArgumentParser parser = ArgumentParsers.newFor("test-runner").build().defaultHelp(true)
                .description("Gatekeeper runner agent: leases tier runs from the service and executes them.");
        parser.addArgument("file").nargs("?").metavar("CONFIG.yml").help("YAML config (same keys as the flags)");
        parser.addArgument("--config").dest("config").metavar("CONFIG.yml").help("YAML config file");
        parser.addArgument("--server").help("service base URL (default: $GATEKEEPER_SERVER)");
        parser.addArgument("--token").help("runner token (default: $GATEKEEPER_TOKEN)");
        parser.addArgument("--name").help("node name, unique in the pool (default: host name)");
        parser.addArgument("--labels").help("comma-separated labels, e.g. linux,large");
        parser.addArgument("--host").help("address other cluster nodes reach this one at");
        parser.addArgument("--work-dir").dest("work_dir").help("private directory for workspaces (wiped at start)");
        return parser;
    }

    static RunnerConfig parse(Namespace ns, Map<String, String> env) throws Invalid {
        String configPath = ns.getString("config") != null ? ns.getString("config") : ns.getString("file");
        FileConfig file = configPath == null ? new FileConfig(null, null, null, null, null, null)
                : readFile(Path.of(configPath), env);
        String server = first(ns.getString("server"), file.server(), env.get("GATEKEEPER_SERVER"));
        String token = first(ns.getString("token"), file.token(), env.get("GATEKEEPER_TOKEN"));
        if (server == null || server.isBlank()) {
            throw new Invalid("no server: give --server URL (or server: in the config, or GATEKEEPER_SERVER)");
        }
        if (token == null || token.isBlank()) {
            throw new Invalid("no token: give --token T (or token: in the config, or GATEKEEPER_TOKEN)");
        }
        URI uri;
        try {
            uri = URI.create(server);
        } catch (IllegalArgumentException e) {
            throw new Invalid("server is not a URL: " + server);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new Invalid("server must be an http(s) URL: " + server);
        }
        String name = first(ns.getString("name"), file.name(), hostName());
        List<String> labels = ns.getString("labels") != null ? split(List.of(ns.getString("labels")))
                : split(file.labels());
        String host = first(ns.getString("host"), file.host(), hostAddress());
        String workDir = first(ns.getString("work_dir"), file.workDir(),
                Path.of(System.getProperty("java.io.tmpdir"), "gatekeeper-runner", name).toString());
        return new RunnerConfig(uri, token, name, labels, host, Path.of(workDir).toAbsolutePath());
    }

    private static FileConfig readFile(Path path, Map<String, String> env) throws Invalid {
        try {
            String text = EnvSubstitution.apply(Files.readString(path), env);
            FileConfig config = new ObjectMapper(new YAMLFactory()).readValue(text, FileConfig.class);
            return config == null ? new FileConfig(null, null, null, null, null, null) : config;
        } catch (EnvSubstitution.Undefined e) {
            throw new Invalid(path + ": " + e.getMessage());
        } catch (IOException e) {
            throw new Invalid("cannot read " + path + ": " + e.getMessage());
        }
    }

    private static List<String> split(List<String> entries) {
        List<String> labels = new ArrayList<>();
        if (entries != null) {
            for (String entry : entries) {
                for (String label : entry.split(",")) {
                    if (!label.isBlank() && !labels.contains(label.strip())) {
                        labels.add(label.strip());
                    }
                }
            }
        }
        return labels;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "runner";
        }
    }

    private static String hostAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (IOException e) {
            return "127.0.0.1";
        }
    }

    static Namespace parseArgs(String[] args) throws ArgumentParserException {
        return parser().parseArgs(args);
    }
}

package io.gatekeeper.testing;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.gatekeeper.GatekeeperApplication;
import io.gatekeeper.GatekeeperConfiguration;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real service on free ports with its data in a temporary directory (H2 unless a DB URL is given). */
public final class RunningService implements AutoCloseable {
    public static final String ADMIN_TOKEN = "gk_test_admin_token";

    private final DropwizardTestSupport<GatekeeperConfiguration> support;

    public RunningService(Path dataDir, String dbUrl, ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("dataDir", dataDir.toString()),
                ConfigOverride.config("adminToken", ADMIN_TOKEN),
                ConfigOverride.config("scanInterval", "500ms"),
                ConfigOverride.config("logging.level", "WARN")));
        if (dbUrl != null) {
            overrides.add(ConfigOverride.config("database.url", dbUrl));
        }
        overrides.addAll(List.of(extra));
        support = new DropwizardTestSupport<>(GatekeeperApplication.class, "classpath:gatekeeper.yml",
                overrides.toArray(ConfigOverride[]::new));
    }

    public RunningService start() throws Exception {
        support.before();
        return this;
    }

    public String url() {
        return "http://localhost:" + support.getLocalPort();
    }

    public String gitUrl(String user, String token, String repo) {
        return "http://" + user + ":" + token + "@localhost:" + support.getLocalPort() + "/git/" + repo + ".git";
    }

    public Api admin() {
        return new Api(url(), ADMIN_TOKEN);
    }

    @Override
    public void close() {
        support.after();
    }
}

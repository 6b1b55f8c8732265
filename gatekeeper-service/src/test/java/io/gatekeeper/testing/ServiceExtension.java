package io.gatekeeper.testing;

import io.dropwizard.testing.ConfigOverride;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real service ({@link RunningService}) for the tests of one class: register it on a static field with
 * {@code @RegisterExtension}; it starts, in a temporary directory of its own, before the class's
 * {@code @BeforeAll} methods run, and is closed, its directory deleted, after the last test.
 */
public final class ServiceExtension implements BeforeAllCallback, AfterAllCallback {
    private final List<ConfigOverride> overrides;
    private final boolean webhooks;
    private Path dir;
    private WebhookReceiver hooks;
    private RunningService service;

    /** The service with these configuration overrides. */
    public ServiceExtension(ConfigOverride... overrides) {
        this(false, overrides);
    }

    private ServiceExtension(boolean webhooks, ConfigOverride... overrides) {
        this.webhooks = webhooks;
        this.overrides = List.of(overrides);
    }

    /** The service posting its webhooks to a {@link WebhookReceiver} ({@link #hooks()}). */
    public static ServiceExtension withWebhooks(ConfigOverride... overrides) {
        return new ServiceExtension(true, overrides);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("gatekeeper-service");
        List<ConfigOverride> all = new ArrayList<>(overrides);
        if (webhooks) {
            hooks = new WebhookReceiver();
            all.add(ConfigOverride.config("webhooks", hooks.url()));
        }
        service = new RunningService(dataDir(), null, all.toArray(ConfigOverride[]::new)).start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (service != null) {
                service.close();
            }
            if (hooks != null) {
                hooks.close();
            }
        } finally {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
        }
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    public String url() {
        return started().url();
    }

    public String gitUrl(String user, String token, String repo) {
        return started().gitUrl(user, token, repo);
    }

    /** The admin's API client; it may be taken before the service starts (in a static initialiser). */
    public Api admin() {
        return new Api(this::url, RunningService.ADMIN_TOKEN);
    }

    public WebhookReceiver hooks() {
        if (!webhooks) {
            throw new IllegalStateException("this service posts no webhooks: use ServiceExtension.withWebhooks");
        }
        return hooks;
    }

    /** Imports the git repository at {@code origin} as repository {@code name}, which must succeed. */
    public void importRepo(String name, Path origin) {
        Api.Response created = admin().call("POST", "/api/repos",
                Map.of("name", name, "importFrom", origin.toString()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** Clones {@code repo} as the admin into a directory {@code name} of this service's clones. */
    public GitCli clone(String repo, String name) throws IOException {
        return clone(repo, "admin", RunningService.ADMIN_TOKEN, name);
    }

    /** Clones {@code repo} as {@code user} into a directory {@code name} of this service's clones. */
    public GitCli clone(String repo, String user, String token, String name) throws IOException {
        Path clones = Files.createDirectories(dir.resolve("clones"));
        new GitCli(clones).run("clone", "-q", gitUrl(user, token, repo), name).ok();
        return new GitCli(clones.resolve(name));
    }

    private RunningService started() {
        if (service == null) {
            throw new IllegalStateException("the service has not started: register ServiceExtension with "
                    + "@RegisterExtension on a static field");
        }
        return service;
    }
}

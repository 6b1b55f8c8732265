package io.gatekeeper;

import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.basic.BasicCredentialAuthFilter;
import io.dropwizard.auth.chained.ChainedAuthFilter;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.gatekeeper.api.RequestViews;
import io.gatekeeper.auth.ApiAuthenticator;
import io.gatekeeper.auth.User;
import io.gatekeeper.auth.UserService;
import io.gatekeeper.events.ChangeFeed;
import io.gatekeeper.events.Webhooks;
import io.gatekeeper.flaky.service.Flakiness;
import io.gatekeeper.gate.Gates;
import io.gatekeeper.git.FileRepositoryStore;
import io.gatekeeper.git.GitHttp;
import io.gatekeeper.git.GitPrincipal;
import io.gatekeeper.git.RepositoryStore;
import io.gatekeeper.git.RepoPolicy;
import io.gatekeeper.pool.LocalPool;
import io.gatekeeper.pool.LocalRunnerToken;
import io.gatekeeper.pool.Pool;
import io.gatekeeper.pool.RunnerAccess;
import io.gatekeeper.repos.RepoService;
import io.gatekeeper.resources.AuditResource;
import io.gatekeeper.resources.DomainExceptionMappers;
import io.gatekeeper.resources.NodeResource;
import io.gatekeeper.resources.PoolExceptionMapper;
import io.gatekeeper.resources.QueueControls;
import io.gatekeeper.resources.RepoResource;
import io.gatekeeper.resources.RequestResource;
import io.gatekeeper.resources.ResultsResource;
import io.gatekeeper.resources.TestResource;
import io.gatekeeper.resources.RunResource;
import io.gatekeeper.resources.RunnerResource;
import io.gatekeeper.resources.UserResource;
import io.gatekeeper.runs.LocalTierDispatcher;
import io.gatekeeper.runs.PoolTierDispatcher;
import io.gatekeeper.runs.TierDispatcher;
import io.gatekeeper.schedule.PeriodicWork;
import io.gatekeeper.store.Database;
import io.gatekeeper.ui.Dashboard;
import jakarta.servlet.DispatcherType;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Wiring only: every decision lives in the packages it connects. */
public class GatekeeperApplication extends Application<GatekeeperConfiguration> {

    @Override
    public String getName() {
        return "gatekeeper";
    }

    @Override
    public void initialize(Bootstrap<GatekeeperConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                new FileOrClasspathSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addBundle(new AssetsBundle("/META-INF/resources/webjars", "/webjars", null, "webjars"));
    }

    @Override
    public void run(GatekeeperConfiguration config, Environment env) throws Exception {
        Clock clock = Clock.systemUTC();
        Path dataDir = config.dataDir();
        Files.createDirectories(dataDir);

        DataSourceFactory dsf = config.buildDataSourceFactory();
        ManagedDataSource dataSource = dsf.build(env.metrics(), "db");
        Database.migrate(dataSource);
        Jdbi jdbi = new JdbiFactory().build(env, dsf, dataSource, "db");
        env.lifecycle().manage(new PeriodicWork(dataSource, config.retention().tasks(jdbi, dataDir, clock)));

        UserService users = new UserService(jdbi, clock);
        FirstStart.ensureAdmin(users, config.adminToken(), System.out);

        ChangeFeed feed = new ChangeFeed();
        RepositoryStore store = new FileRepositoryStore(dataDir.resolve("repos"));
        Pool pool = new Pool(jdbi, clock, config.pool().settings());
        env.lifecycle().manage(pool);
        env.lifecycle().addServerLifecycleListener(pool);
        TierDispatcher dispatcher = config.pool().enabled
                ? new PoolTierDispatcher(pool, dataDir.resolve("logs"), clock)
                : new LocalTierDispatcher(dataDir.resolve("work"), config.localWorkers());
        Webhooks webhooks = new Webhooks(config.webhooks());
        Gates gates = new Gates(jdbi, store, clock, dataDir, dispatcher,
                new JUnitFailedTests(), config.queue().strategy, config.queue().batchMax, config.queue().slots,
                config.scanInterval(), feed, webhooks,
                "hold".equals(config.queue().onBrokenHead));
        RepoService repos = new RepoService(jdbi, store, clock, gates::add);
        // test results, the flake judge in every tier run, the tests API
        Flakiness flakiness = Flakiness.wire(jdbi, config.flakiness().build(),
                config.flakiness().buildBurnIn(), store, repos, webhooks, clock);
        gates.judgeRunsWith(flakiness.judge());
        gates.holdInfraWith(config.queue().infraHoldPolicy());
        if (config.demoRepository()) {
            FirstStart.ensureDemo(repos, store, clock);
        }
        repos.all().forEach(gates::add);
        env.lifecycle().manage(gates);
        if (dispatcher instanceof PoolTierDispatcher runs) {
            env.jersey().register(new RunnerResource(pool, runs, new RunnerAccess(config.pool().runnerRole)));
            LocalPool local = new LocalPool(config.pool().localRunners, dataDir, config.pool().localLabels,
                    () -> LocalRunnerToken.issue(jdbi, clock), pool);
            env.lifecycle().manage(local);
            env.lifecycle().addServerLifecycleListener(local);
        }

        var git = env.servlets().addServlet("git", GitHttp.servlet(store, name -> {
            String head = repos.byName(name).map(r -> r.headBranch()).orElse("main");
            try (var repo = store.open(name)) {
                return RepoPolicy.fromHead(repo, head);
            }
        }, gates));
        git.addMapping("/git/*");
        env.servlets().addFilter("git-auth", GitHttp.authFilter((user, token) -> users.authenticate(user, token)
                        .map(u -> new GitPrincipal(u.name(), Set.of(u.role().wire()))), config.anonymousGitRead()))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/git/*");

        Dashboard dashboard = Dashboard.register(env, users, feed, jdbi, config.dashboardSignInRequired());
        registerAuth(env, users, dashboard);
        RequestViews views = new RequestViews(jdbi, gates, flakiness.judgements());
        QueueControls controls = new QueueControls(jdbi, gates, views);
        env.jersey().register(new RepoResource(repos, store, views, controls));
        env.jersey().register(new RequestResource(views, controls));
        env.jersey().register(new RunResource(jdbi, dataDir.resolve("logs")));
        env.jersey().register(new UserResource(users));
        env.jersey().register(new AuditResource(jdbi));
        env.jersey().register(new TestResource(flakiness.catalog()));
        env.jersey().register(new ResultsResource(flakiness.results()));
        env.jersey().register(new DomainExceptionMappers());
        env.jersey().register(new NodeResource(pool));
        env.jersey().register(new PoolExceptionMapper());
    }

    private static void registerAuth(Environment env, UserService users, Dashboard dashboard) {
        List<AuthFilter> filters = List.of(
                new OAuthCredentialAuthFilter.Builder<User>()
                        .setAuthenticator(ApiAuthenticator.bearer(users))
                        .setAuthorizer(ApiAuthenticator.roles())
                        .setPrefix("Bearer").setRealm("Gatekeeper").buildAuthFilter(),
                new BasicCredentialAuthFilter.Builder<User>()
                        .setAuthenticator(ApiAuthenticator.basic(users))
                        .setAuthorizer(ApiAuthenticator.roles())
                        .setRealm("Gatekeeper").buildAuthFilter(),
                dashboard.authFilter());
        env.jersey().register(new AuthDynamicFeature(new ChainedAuthFilter<>(filters)));
        env.jersey().register(RolesAllowedDynamicFeature.class);
        env.jersey().register(new AuthValueFactoryProvider.Binder<>(User.class));
    }
}

package io.gatekeeper.runner;

import ch.qos.logback.classic.Level;
import io.gatekeeper.runner.agent.RunnerAgent;
import io.gatekeeper.runner.agent.RunnerConfig;
import io.gatekeeper.runner.client.RunnerClient;
import io.gatekeeper.runner.client.RunnerClientException;
import io.gatekeeper.runner.tier.TierExecutor;
import net.sourceforge.argparse4j.helper.HelpScreenException;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;

/**
 * {@code java -jar test-runner.jar --server URL --token T --labels linux,large --name node-7} (or a YAML config).
 * Exit status: 0 after a clean stop, 2 for bad arguments or config, 3 when the service refuses the token.
 */
public final class RunnerMain {
    static final int USAGE = 2;
    static final int REFUSED = 3;

    private RunnerMain() {
    }

    public static void main(String[] args) {
        quietLogging();
        int status = run(args, System.getenv(), new PrintWriter(System.err, true));
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, Map<String, String> env, PrintWriter err) {
        RunnerConfig config;
        try {
            config = RunnerOptions.parse(RunnerOptions.parseArgs(args), env);
        } catch (HelpScreenException help) {
            return 0;
        } catch (ArgumentParserException e) {
            e.getParser().handleError(e, err);
            return USAGE;
        } catch (RunnerOptions.Invalid e) {
            err.println("test-runner: " + e.getMessage());
            return USAGE;
        }
        RunnerAgent agent = new RunnerAgent(config, new RunnerClient(config.server(), config.token()),
                new TierExecutor(config.workspaces()));
        Thread hook = new Thread(() -> stopAndWait(agent), "runner-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            agent.run();
            return 0;
        } catch (RunnerClientException.Unauthorized e) {
            err.println("test-runner: the service refused the token: " + e.getMessage());
            return REFUSED;
        } catch (RunnerClientException e) {
            err.println("test-runner: " + e.getMessage());
            return USAGE;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    /** On SIGTERM: cancel the current run so its processes die and its workspace is deleted. */
    private static void stopAndWait(RunnerAgent agent) {
        agent.stop();
        try {
            agent.awaitStopped(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void quietLogging() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger) {
            ((ch.qos.logback.classic.Logger) root).setLevel(Level.INFO);
        }
    }
}

package io.gatekeeper;

import io.gatekeeper.cli.Cli;
import io.gatekeeper.flaky.junit.JunitCli;
import io.gatekeeper.sim.SimulateCommand;

import java.util.Arrays;

/**
 * The jar's entry point: {@code server [config.yml]} runs the service (the bundled defaults when no file is
 * given); client commands ({@code repo}, {@code user}, {@code status}, ...) talk to a running server.
 */
public final class GatekeeperMain {
    private GatekeeperMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "junit".equals(args[0])) {
            System.exit(JunitCli.run(Arrays.asList(args).subList(1, args.length), System.out));
        }
        if (args.length > 0 && "simulate".equals(args[0])) {
            CommandLogging.warningsToStandardError();
            System.exit(SimulateCommand.run(args, System.out));
        }
        if (args.length > 0 && Cli.COMMANDS.contains(args[0])) {
            System.exit(Cli.run(args, System.out, System.err));
        }
        String[] serverArgs = args;
        if (args.length == 1 && "server".equals(args[0])) {
            serverArgs = new String[] {"server", FileOrClasspathSourceProvider.BUNDLED};
        } else if (args.length == 0) {
            serverArgs = new String[] {"server", FileOrClasspathSourceProvider.BUNDLED};
        }
        new GatekeeperApplication().run(Arrays.copyOf(serverArgs, serverArgs.length));
    }
}

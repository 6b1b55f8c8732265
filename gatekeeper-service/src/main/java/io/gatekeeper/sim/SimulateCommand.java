package io.gatekeeper.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatekeeper.GatekeeperException;
import io.gatekeeper.queue.QueueEngines;
import io.gatekeeper.sim.replay.Replay;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code simulate --strategy NAME --seed S [flags | --workload FILE]}: runs the queue engine on a virtual clock
 * against a synthetic workload and prints one JSON object (see {@link SimResult#toJson()}).
 * {@code simulate --replay REPO --days N [--config FILE]} does the same with the repository's recorded history
 * (see {@link Replay}).
 */
public final class SimulateCommand {
    private static final List<String> SYNTHETIC_ONLY = List.of("--arrivals-per-hour", "--break-rate", "--hours",
            "--flaky-tests", "--workload");

    private SimulateCommand() {
    }

    /** @return the exit code: 0, or 2 for bad arguments (the message goes to standard error) */
    public static int run(String[] args, PrintStream out) {
        return run(args, out, System.err);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String[] rest = args.length > 0 && "simulate".equals(args[0]) ? Arrays.copyOfRange(args, 1, args.length)
                : args;
        ArgumentParser parser = parser();
        try {
            Namespace ns = parser.parseArgs(rest);
            if (ns.getString("replay") != null) {
                out.println(new ObjectMapper().writeValueAsString(Replay.run(replayOptions(ns))));
                return 0;
            }
            if (ns.getString("strategy") == null) {
                throw new IllegalArgumentException("argument --strategy is required");
            }
            Workload workload = workload(ns);
            SimResult result = new Simulator(workload.scenario(ns.getLong("seed")), ns.getString("strategy"),
                    ns.getLong("seed")).run();
            out.println(new ObjectMapper().writeValueAsString(result.toJson()));
            return 0;
        } catch (ArgumentParserException e) {
            err.println(e.getMessage());
            parser.printUsage(new PrintWriter(err, true));
            return 2;
        } catch (IllegalArgumentException | GatekeeperException | IOException e) {
            err.println("simulate: " + e.getMessage());
            return 2;
        }
    }

    /** Replay flags; those that only shape a synthetic workload are refused rather than ignored. */
    static Replay.Options replayOptions(Namespace ns) {
        for (String synthetic : SYNTHETIC_ONLY) {
            if (ns.get(synthetic.substring(2).replace('-', '_')) != null) {
                throw new IllegalArgumentException(synthetic + " shapes a synthetic workload; a replay takes its "
                        + "arrivals, outcomes and tiers from the recorded history");
            }
        }
        return new Replay.Options(ns.getString("config"), ns.getString("replay"), ns.getInt("days"),
                ns.getString("strategy"), ns.getLong("seed"), ns.getInt("clusters"), ns.getInt("batch_max"),
                ns.getDouble("flake_rate"), ns.getDouble("tier_minutes"));
    }

    static Workload workload(Namespace ns) throws IOException {
        if (ns.getString("config") != null) {
            throw new IllegalArgumentException("--config names the service configuration for --replay");
        }
        Workload w = Workload.defaults();
        if (ns.getString("workload") != null) {
            w = WorkloadFile.read(Path.of(ns.getString("workload")), w);
        }
        w = w.with(valueOr(ns.getDouble("arrivals_per_hour"), w.arrivalsPerHour()),
                valueOr(ns.getDouble("break_rate"), w.breakRate()),
                ns.getInt("clusters") == null ? w.clusters() : ns.getInt("clusters"),
                valueOr(ns.getDouble("hours"), w.hours()));
        if (ns.getInt("batch_max") != null) {
            w = new Workload(w.tiers(), w.flakyTests(), w.arrivalsPerHour(), w.breakRate(), w.breakTierWeights(),
                    w.clusters(), w.hours(), ns.getInt("batch_max"), w.buildMinutes(), w.durationJitter());
        }
        if (ns.getDouble("tier_minutes") != null) {
            w = w.withTierMinutes(ns.getDouble("tier_minutes"));
        }
        Integer flakyTests = ns.getInt("flaky_tests");
        Double flakeRate = ns.getDouble("flake_rate");
        if (flakyTests != null || flakeRate != null) {
            w = w.withFlakyTests(flakyTests == null ? w.tiers().size() : flakyTests,
                    flakeRate == null ? 0.01 : flakeRate);
        }
        return w;
    }

    private static double valueOr(Double value, double otherwise) {
        return value == null ? otherwise : value;
    }

    private static ArgumentParser parser() {
        ArgumentParser p = ArgumentParsers.newFor("simulate").build()
                .description("Run a queue strategy on a virtual clock against a synthetic workload, or against a "
                        + "repository's recorded history (--replay); prints JSON.");
        p.addArgument("--strategy").help("one of: " + QueueEngines.NAMES
                + " (required; with --replay the configuration's queue.strategy by default)");
        p.addArgument("--seed").type(Long.class).setDefault(1L).help("seed of the workload and the flakes");
        p.addArgument("--arrivals-per-hour").type(Double.class).help("requests per hour (default 40)");
        p.addArgument("--break-rate").type(Double.class).help("share of requests that break a tier (default 0.05)");
        p.addArgument("--tier-minutes").type(Double.class)
                .help("total minutes of all tiers, split like 5/15/45/120 (default 185)");
        p.addArgument("--clusters").type(Integer.class)
                .help("tier runs that can go on at once (default 32; with --replay the configuration's queue.slots)");
        p.addArgument("--hours").type(Double.class).help("hours of arrivals (default 48)");
        p.addArgument("--batch-max").type(Integer.class).help("batch.max: most requests per candidate "
                + "(default 32; with --replay the configuration's queue.batchMax)");
        p.addArgument("--flaky-tests").type(Integer.class).help("flaky tests, spread over the tiers in turn "
                + "(gatekeeper strategies get the flake judge's targeted re-runs once a test has flake history)");
        p.addArgument("--flake-rate").type(Double.class).help("chance a flaky test fails a run of its tier");
        p.addArgument("--workload").help("JSON or YAML workload file (per-tier durations, flaky tests, ...)");
        p.addArgument("--replay").metavar("REPO").help("replay repository REPO's recorded arrivals, outcomes, tier "
                + "durations and flake rates from the service database; --clusters, --batch-max, --strategy, "
                + "--tier-minutes and --flake-rate override what was measured or configured");
        p.addArgument("--days").type(Integer.class).setDefault(30)
                .help("days of history to replay, up to the repository's last recorded event (default 30)");
        p.addArgument("--config").metavar("FILE").help("with --replay: the server's YAML configuration, for its "
                + "database and queue settings (default: the bundled one, as 'server' with no file)");
        return p;
    }
}

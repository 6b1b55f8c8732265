package io.gatekeeper.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatekeeper.queue.QueueEngines;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code simulate --strategy NAME --seed S [flags | --workload FILE]}: runs the queue engine on a virtual clock
 * against a synthetic workload and prints one JSON object (see {@link SimResult#toJson()}).
 */
public final class SimulateCommand {
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
                // TODO(integrator): build a Scenario from the repository's recorded requests, run durations and
                // outcomes of the last --days days (needs the service database), then run it like a workload:
                // new Simulator(scenario, strategy, seed).run().
                err.println("simulate --replay needs the service database and is not wired yet");
                return 2;
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
        } catch (IllegalArgumentException | IOException e) {
            err.println("simulate: " + e.getMessage());
            return 2;
        }
    }

    static Workload workload(Namespace ns) throws IOException {
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
                .description("Run a queue strategy on a virtual clock against a synthetic workload; prints JSON.");
        p.addArgument("--strategy").required(true).help("one of: " + QueueEngines.NAMES);
        p.addArgument("--seed").type(Long.class).setDefault(1L).help("seed of the workload and the flakes");
        p.addArgument("--arrivals-per-hour").type(Double.class).help("requests per hour (default 40)");
        p.addArgument("--break-rate").type(Double.class).help("share of requests that break a tier (default 0.05)");
        p.addArgument("--tier-minutes").type(Double.class)
                .help("total minutes of all tiers, split like 5/15/45/120 (default 185)");
        p.addArgument("--clusters").type(Integer.class).help("tier runs that can go on at once (default 32)");
        p.addArgument("--hours").type(Double.class).help("hours of arrivals (default 48)");
        p.addArgument("--batch-max").type(Integer.class).help("batch.max: most requests per candidate (default 32)");
        p.addArgument("--flaky-tests").type(Integer.class).help("flaky tests, spread over the tiers in turn "
                + "(gatekeeper strategies get the flake judge's targeted re-runs once a test has flake history)");
        p.addArgument("--flake-rate").type(Double.class).help("chance a flaky test fails a run of its tier");
        p.addArgument("--workload").help("JSON or YAML workload file (per-tier durations, flaky tests, ...)");
        p.addArgument("--replay").help("replay repository REPO's recorded history (needs the service database)");
        p.addArgument("--days").type(Integer.class).setDefault(30).help("days of history to replay");
        return p;
    }
}

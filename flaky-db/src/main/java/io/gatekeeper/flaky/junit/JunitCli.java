package io.gatekeeper.flaky.junit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code junit FILE...}: parses each report and prints one JSON line per file, either its counts
 * ({@code file, tests, failures, errors, skipped, flaky}) or {@code file} and {@code error} saying why it was
 * refused. Lets anyone try the parser on a report by hand.
 */
public final class JunitCli {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JunitCli() {
    }

    /** Returns the exit code: 0 when every file parsed, 1 when any was refused or unreadable (or none given). */
    public static int run(List<String> files, PrintStream out) {
        if (files.isEmpty()) {
            out.println(line(JSON.createObjectNode().put("error", "usage: junit FILE...")));
            return 1;
        }
        JUnitXmlParser parser = new JUnitXmlParser();
        int exit = 0;
        for (String file : files) {
            ObjectNode node = JSON.createObjectNode().put("file", file);
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                ReportSummary s = parser.parse(in, test -> { });
                node.put("tests", s.tests()).put("failures", s.failures()).put("errors", s.errors())
                        .put("skipped", s.skipped()).put("flaky", s.flaky());
            } catch (ReportRejectedException e) {
                node.put("error", e.getMessage());
                exit = 1;
            } catch (NoSuchFileException e) {
                node.put("error", "no such file");
                exit = 1;
            } catch (IOException | RuntimeException e) {
                node.put("error", "cannot read: " + e.getMessage());
                exit = 1;
            }
            out.println(line(node));
        }
        out.flush();
        return exit;
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out));
    }

    private static String line(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }
}

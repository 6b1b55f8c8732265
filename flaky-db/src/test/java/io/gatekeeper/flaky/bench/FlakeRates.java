package io.gatekeeper.flaky.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** FlakeFlagger's measured rates: 22,245 tests of 24 projects, each re-run about 10,000 times. */
record FlakeRates(Map<String, List<Rate>> byProject) {

    /** One test: failure rate over its ~10,000 runs and how many exception types its failures showed. */
    record Rate(String test, double rate, int exceptionTypes) {
    }

    static FlakeRates load(Path csv) throws IOException {
        Map<String, List<Rate>> byProject = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            int failing = Integer.parseInt(f[3]);
            int passing = Integer.parseInt(f[4]);
            // 147 tests with IsFlaky=0 failed every run: broken in their project, not flaky; the replay treats
            // them as fixed (rate 0), as the "811 flaky" does.
            boolean flaky = "1".equals(f[2]);
            double rate = !flaky || failing + passing == 0 ? 0 : (double) failing / (failing + passing);
            byProject.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new Rate(f[1], rate, Math.max(1, leadingInt(f[7]))));
        }
        return new FlakeRates(byProject);
    }

    /** The file has one row glued to the next project's name ("0ninjaframework-ninja"): read the digits. */
    private static int leadingInt(String field) {
        int end = 0;
        while (end < field.length() && Character.isDigit(field.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(field.substring(0, end));
    }

    int tests() {
        return byProject.values().stream().mapToInt(List::size).sum();
    }

    long flaky() {
        return byProject.values().stream().flatMap(List::stream).filter(r -> r.rate() > 0).count();
    }
}

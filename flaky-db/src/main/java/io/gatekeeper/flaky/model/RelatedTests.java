package io.gatekeeper.flaky.model;

import io.gatekeeper.flaky.model.ChangedTests.Language;
import io.gatekeeper.flaky.model.ChangedTests.TestFile;
import io.gatekeeper.flaky.model.ChangedTests.Touch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tests related to a changed non-test source file by the naming conventions teams use: a change that edits
 * only {@code Foo.java} and makes {@code FooTest} flaky touches no test file, yet {@code FooTest} is where the
 * flakiness is most likely to show. A name is a guess, not a dependency graph: it misses tests named otherwise
 * and may catch a namesake in another directory (Python, JavaScript), which costs burn-in runs, never a verdict
 * on its own.
 * <ul>
 *   <li>Java, Kotlin, Groovy, Scala {@code a/b/Foo.java} under any source root → classes of the same package
 *       named {@code FooTest}, {@code FooTests}, {@code FooIT}, {@code FooSpec}, {@code TestFoo},
 *       {@code FooTestCase}; matched by path suffix as test files are ({@code a/b/FooTest} ends
 *       {@code src/main/java/a/b/FooTest}), inner classes {@code $X} dropped;</li>
 *   <li>Python {@code pkg/foo.py} (not {@code __init__.py} or another {@code __x__.py}) → modules
 *       {@code test_foo} and {@code foo_test} anywhere: a report class that is such a module or a class in it,
 *       or a {@code file} attribute naming {@code test_foo.py} / {@code foo_test.py};</li>
 *   <li>Go {@code internal/store/store.go} → the tests of its package directory, as for {@code *_test.go}
 *       (a file at the repository root is not matched);</li>
 *   <li>JavaScript/TypeScript {@code src/foo.ts} (not {@code .d.ts}) → files {@code foo.test.*} and
 *       {@code foo.spec.*} anywhere: a report class or {@code file} attribute naming such a file.</li>
 * </ul>
 */
final class RelatedTests {
    private static final List<String> JVM_SUFFIXES = List.of("Test", "Tests", "IT", "Spec", "TestCase");
    private static final Pattern PYTHON_SOURCE = Pattern.compile("(?!__.*__\\.py$).+\\.py");
    private static final Pattern JS_SOURCE = Pattern.compile(".+\\.(js|jsx|ts|tsx|mjs|cjs)");
    private static final Pattern JS_TEST_NAME = Pattern.compile("(.+)\\.(test|spec)\\.(js|jsx|ts|tsx|mjs|cjs)");

    private RelatedTests() {
    }

    /** The changed source file {@code path} (already known not to be a test file) as a related entry, if any. */
    static Optional<TestFile> source(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        String dir = slash < 0 ? "" : path.substring(0, slash);
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String stem = path.substring(0, slash + 1 + dot);
        if (ChangedTests.JVM_SOURCE.matcher(name).matches()) {
            var rooted = ChangedTests.JVM_ROOT.matcher(stem);
            String identity = rooted.matches() ? rooted.group(1).replace('/', '.') : name.substring(0, dot);
            return related(path, Language.JVM, stem, identity);
        }
        if (PYTHON_SOURCE.matcher(name).matches()) {
            return related(path, Language.PYTHON, stem, stem.replace('/', '.'));
        }
        if (name.endsWith(".go")) {
            return dir.isEmpty() ? Optional.empty() : related(path, Language.GO, dir, dir);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (JS_SOURCE.matcher(lower).matches() && !lower.endsWith(".d.ts")) {
            return related(path, Language.JS, stem, path);
        }
        return Optional.empty();
    }

    private static Optional<TestFile> related(String path, Language language, String stem, String identity) {
        return Optional.of(new TestFile(path, Touch.RELATED, language, stem, identity));
    }

    /** Whether the report test with this class name (and optional {@code file} attribute) is named after it. */
    static boolean holds(TestFile source, String className, String file) {
        String cls = className == null ? "" : className.strip();
        String base = base(source);
        switch (source.language()) {
            case JVM: {
                int inner = cls.indexOf('$');
                String outer = (inner > 0 ? cls.substring(0, inner) : cls).replace('.', '/');
                String simple = outer.substring(outer.lastIndexOf('/') + 1);
                String dir = source.stem().substring(0, source.stem().length() - base.length());
                return jvmTestName(base, simple) && ChangedTests.endsWithPath(dir + simple, outer);
            }
            case PYTHON: {
                if (file != null && isPythonTestOf(base, fileName(file))) {
                    return true;
                }
                for (String part : cls.split("\\.")) {
                    if (part.equals("test_" + base) || part.equals(base + "_test")) {
                        return true;
                    }
                }
                return false;
            }
            case GO:
                return ChangedTests.endsWithPath(cls, source.stem());
            default:
                return isJsTestOf(base, fileName(cls)) || file != null && isJsTestOf(base, fileName(file));
        }
    }

    /**
     * The related entries by the names their tests carry, so that a report test meets only its namesakes: a
     * refactor touching thousands of source files must not cost every report test a scan of all of them.
     */
    static final class Index {
        private final Map<String, List<TestFile>> byKey = new HashMap<>();

        void add(TestFile source) {
            String base = base(source);
            List<String> keys = switch (source.language()) {
                case JVM -> Stream.concat(Stream.of("Test" + base), JVM_SUFFIXES.stream().map(s -> base + s))
                        .map(n -> "JVM:" + n).toList();
                case PYTHON -> List.of("PY:test_" + base, "PY:" + base + "_test");
                case GO -> List.of("GO:" + source.stem());
                case JS -> List.of("JS:" + base.toLowerCase(Locale.ROOT));
            };
            keys.forEach(k -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(source));
        }

        boolean isEmpty() {
            return byKey.isEmpty();
        }

        /** The first related entry the report test is named after. */
        Optional<TestFile> match(String className, String file) {
            for (String key : lookups(className == null ? "" : className.strip(), file)) {
                for (TestFile source : byKey.getOrDefault(key, List.of())) {
                    if (holds(source, className, file)) {
                        return Optional.of(source);
                    }
                }
            }
            return Optional.empty();
        }

        /** The keys under which a report test's related entries can be filed. */
        private static Set<String> lookups(String cls, String file) {
            Set<String> out = new LinkedHashSet<>();
            int inner = cls.indexOf('$');
            String outer = inner > 0 ? cls.substring(0, inner) : cls;
            out.add("JVM:" + outer.substring(outer.lastIndexOf('.') + 1));
            for (String part : cls.split("\\.")) {
                out.add("PY:" + part);
            }
            for (int slash = -1; ; slash = cls.indexOf('/', slash + 1)) {
                out.add("GO:" + cls.substring(slash + 1));
                if (cls.indexOf('/', slash + 1) < 0) {
                    break;
                }
            }
            List<String> names = new ArrayList<>(List.of(fileName(cls)));
            if (file != null) {
                String name = fileName(file);
                names.add(name);
                if (name.endsWith(".py")) {
                    out.add("PY:" + name.substring(0, name.length() - ".py".length()));
                }
            }
            for (String name : names) {
                var m = JS_TEST_NAME.matcher(name.toLowerCase(Locale.ROOT));
                if (m.matches()) {
                    out.add("JS:" + m.group(1));
                }
            }
            return out;
        }
    }

    private static String base(TestFile source) {
        return source.stem().substring(source.stem().lastIndexOf('/') + 1);
    }

    private static boolean jvmTestName(String base, String simple) {
        if (simple.equals("Test" + base)) {
            return true;
        }
        return simple.startsWith(base) && JVM_SUFFIXES.contains(simple.substring(base.length()));
    }

    private static boolean isPythonTestOf(String base, String fileName) {
        return fileName.equals("test_" + base + ".py") || fileName.equals(base + "_test.py");
    }

    private static boolean isJsTestOf(String base, String fileName) {
        var m = JS_TEST_NAME.matcher(fileName.toLowerCase(Locale.ROOT));
        return m.matches() && m.group(1).equals(base.toLowerCase(Locale.ROOT));
    }

    private static String fileName(String path) {
        String p = ChangedTests.normalise(path.strip());
        return p.substring(p.lastIndexOf('/') + 1);
    }
}

package io.gatekeeper.flaky.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The test source files a change adds or modifies, and which tests of a report live in them: the tests that
 * burn-in re-runs. Optionally also the tests related by name to the non-test source files it changes
 * ({@link RelatedTests}: {@code a/b/Foo.java} → {@code a.b.FooTest}). Paths map to how reports name their tests:
 * <ul>
 *   <li>Java, Kotlin, Groovy, Scala under a test source set ({@code src/test/java/a/b/FooTest.java}) or named
 *       like a test ({@code FooTest}, {@code FooTests}, {@code FooIT}, {@code FooSpec}, {@code TestFoo}) →
 *       class {@code a.b.FooTest}; a report class matches when its path ({@code a/b/FooTest}, inner classes
 *       {@code $X} dropped) ends the file's path, so any source root works;</li>
 *   <li>Python {@code test_*.py} / {@code *_test.py} → module {@code tests.unit.test_mod}; a report class
 *       matches when it is that module (or a suffix of its path) or a class in it;</li>
 *   <li>Go {@code *_test.go} → its package directory; a report class (the import path) matches when it ends
 *       with that directory. A test file at the repository root is not matched: its import path is not in
 *       the tree;</li>
 *   <li>JavaScript/TypeScript {@code *.test.js|ts|jsx|tsx|mjs|cjs} and {@code *.spec.*} → the file itself;
 *       a report class (vitest, jest-junit with a file-path suite name) matches when it names that file.</li>
 * </ul>
 * Any report test whose {@code file} attribute names a changed test file matches too. A test that several
 * changed files match counts as the strongest {@link Touch}: added, then modified, then related. Pure: no I/O.
 */
public final class ChangedTests {

    /** One path of the change; {@code added} when the file did not exist before it. */
    public record ChangedFile(String path, boolean added) { }

    public enum Language { JVM, PYTHON, GO, JS }

    /** How a change touches a test, strongest signal first: its own test edits say most. */
    public enum Touch {
        ADDED("the change adds"),
        MODIFIED("the change modifies"),
        RELATED("related to a changed source file");

        private final String text;

        Touch(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * A changed file whose tests burn-in re-runs: a test source file the change adds or modifies, or, touched
     * {@link Touch#RELATED}, a changed non-test source file standing for the tests named after it.
     *
     * @param stem     the path without its extension (JVM, Python, JS source), the package directory (Go), or the
     *                 path (JS test)
     * @param identity how people recognise it: a class, a module, a package, a file
     */
    public record TestFile(String path, Touch touch, Language language, String stem, String identity) {

        public boolean added() {
            return touch == Touch.ADDED;
        }

        public boolean related() {
            return touch == Touch.RELATED;
        }

        /** Whether the report test with this class name (and optional {@code file} attribute) lives here. */
        public boolean holds(String className, String file) {
            if (related()) {
                return RelatedTests.holds(this, className, file);
            }
            if (file != null && !file.isBlank() && samePath(path, normalise(file))) {
                return true;
            }
            String cls = className == null ? "" : className.strip();
            if (cls.isEmpty()) {
                return false;
            }
            switch (language) {
                case JVM: {
                    int inner = cls.indexOf('$');
                    String outer = inner > 0 ? cls.substring(0, inner) : cls;
                    return endsWithPath(stem, outer.replace('.', '/'));
                }
                case PYTHON: {
                    String[] parts = cls.split("\\.");
                    String module = stem.substring(stem.lastIndexOf('/') + 1);
                    for (int i = 0; i < parts.length; i++) {
                        if (parts[i].equals(module)
                                && endsWithPath(stem, String.join("/", List.of(parts).subList(0, i + 1)))) {
                            return true;
                        }
                    }
                    return false;
                }
                case GO:
                    return endsWithPath(cls, stem);
                default:
                    return samePath(path, normalise(cls));
            }
        }
    }

    static final Pattern JVM_SOURCE = Pattern.compile(".*\\.(java|kt|groovy|scala)");
    private static final Pattern JVM_TEST_SET = Pattern.compile("(^|.*/)src/[^/]*[tT]est[^/]*/.*");
    private static final Pattern JVM_TEST_NAME = Pattern.compile("(Test[A-Z0-9_].*|.*(Test|Tests|IT|Spec|TestCase))");
    static final Pattern JVM_ROOT = Pattern.compile("(?:^|.*/)src/[^/]+/(?:java|kotlin|groovy|scala)/(.*)");
    private static final Pattern PYTHON_TEST = Pattern.compile("(test_.*|.*_test)\\.py");
    private static final Pattern JS_TEST = Pattern.compile(".*\\.(test|spec)\\.(js|jsx|ts|tsx|mjs|cjs)");

    private final List<TestFile> files;
    private final List<TestFile> testFiles;
    private final RelatedTests.Index related = new RelatedTests.Index();

    private ChangedTests(List<TestFile> files) {
        this.files = List.copyOf(files);
        this.testFiles = files.stream().filter(f -> !f.related()).toList();
        files.stream().filter(TestFile::related).forEach(related::add);
    }

    /** The test source files among a change's added or modified paths; other paths are ignored. */
    public static ChangedTests of(Collection<ChangedFile> changed) {
        return of(changed, false);
    }

    /**
     * @param related also the other source files, for the tests named after them ({@link RelatedTests}); a
     *                test source file is never related to anything
     */
    public static ChangedTests of(Collection<ChangedFile> changed, boolean related) {
        List<TestFile> out = new ArrayList<>();
        Set<String> sources = new HashSet<>();
        for (ChangedFile f : changed) {
            String path = normalise(f.path());
            Optional<TestFile> test = testFile(path, f.added());
            if (test.isPresent()) {
                out.add(test.get());
            } else if (related) {
                // Foo.java and Foo.kt, or two files of one Go package, stand for the same tests: list them once
                RelatedTests.source(path).filter(s -> sources.add(s.language() + ":" + s.stem())).ifPresent(out::add);
            }
        }
        return new ChangedTests(out);
    }

    static Optional<TestFile> testFile(String path, boolean added) {
        Touch touch = added ? Touch.ADDED : Touch.MODIFIED;
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        String dir = slash < 0 ? "" : path.substring(0, slash);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        if (JVM_SOURCE.matcher(name).matches()
                && (JVM_TEST_SET.matcher(path).matches() || JVM_TEST_NAME.matcher(base).matches())) {
            String stem = path.substring(0, path.length() - name.length() + base.length());
            var rooted = JVM_ROOT.matcher(stem);
            String identity = rooted.matches() ? rooted.group(1).replace('/', '.') : base;
            return Optional.of(new TestFile(path, touch, Language.JVM, stem, identity));
        }
        if (PYTHON_TEST.matcher(name).matches()) {
            String stem = path.substring(0, path.length() - ".py".length());
            return Optional.of(new TestFile(path, touch, Language.PYTHON, stem, stem.replace('/', '.')));
        }
        if (name.endsWith("_test.go")) {
            return dir.isEmpty() ? Optional.empty()
                    : Optional.of(new TestFile(path, touch, Language.GO, dir, dir));
        }
        if (JS_TEST.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
            return Optional.of(new TestFile(path, touch, Language.JS, path, path));
        }
        return Optional.empty();
    }

    public List<TestFile> files() {
        return files;
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /**
     * The changed file a report test lives in; when several match, the strongest touch: added, then modified,
     * then a source file it is related to.
     */
    public Optional<TestFile> match(String className, String file) {
        TestFile found = null;
        for (TestFile f : testFiles) {
            if (f.holds(className, file) && (found == null || f.touch().compareTo(found.touch()) < 0)) {
                found = f;
            }
        }
        return found != null || related.isEmpty() ? Optional.ofNullable(found) : related.match(className, file);
    }

    static String normalise(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }

    /** {@code path} is {@code suffix} or ends with {@code /suffix}. */
    static boolean endsWithPath(String path, String suffix) {
        return !suffix.isEmpty() && (path.equals(suffix) || path.endsWith("/" + suffix));
    }

    /** Two spellings of one file: equal, or one a path suffix of the other (an absolute path in a report). */
    static boolean samePath(String a, String b) {
        return endsWithPath(a, b) || endsWithPath(b, a);
    }
}

package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeeper.flaky.model.ChangedTests.ChangedFile;
import io.gatekeeper.flaky.model.ChangedTests.Language;
import io.gatekeeper.flaky.model.ChangedTests.TestFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangedTestsTest {

    private static ChangedTests changed(String... paths) {
        return ChangedTests.of(List.of(paths).stream().map(p -> new ChangedFile(p, false)).toList());
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "core/src/test/java/a/b/FooTest.java, JVM, a.b.FooTest",
            "src/test/kotlin/a/b/BarTest.kt, JVM, a.b.BarTest",
            "src/integrationTest/groovy/a/BazSpec.groovy, JVM, a.BazSpec",
            "tests/a/b/FooIT.java, JVM, FooIT",
            "tests/unit/test_mod.py, PYTHON, tests.unit.test_mod",
            "pkg/mod_test.py, PYTHON, pkg.mod_test",
            "internal/store/store_test.go, GO, internal/store",
            "web/src/cart.test.ts, JS, web/src/cart.test.ts",
            "web/src/Cart.spec.jsx, JS, web/src/Cart.spec.jsx",
    })
    void testSourceFiles_mapToTheirIdentity(String path, Language language, String identity) {
        assertThat(changed(path).files()).singleElement().satisfies(f -> {
            assertThat(f.language()).isEqualTo(language);
            assertThat(f.identity()).isEqualTo(identity);
        });
    }

    @Test
    void otherFiles_areNotTests() {
        assertThat(changed("src/main/java/a/b/Foo.java", "README.md", "tests/conftest.py", "store.go",
                "web/src/cart.ts", "main_test.go", "src/test/resources/data.json").isEmpty()).isTrue();
    }

    @Test
    void jvmClass_matchesItsFile_andInnerClasses_anySourceRoot() {
        ChangedTests c = changed("core/src/test/java/a/b/FooTest.java");
        assertThat(c.match("a.b.FooTest", null)).isPresent();
        assertThat(c.match("a.b.FooTest$WhenEmpty", null)).isPresent();
        assertThat(c.match("a.b.FooTestHelperTest", null)).isEmpty();
        assertThat(c.match("x.b.FooTest", null)).isEmpty();
        assertThat(c.match("b.FooTest", null)).as("a suffix of the package path still names the file").isPresent();
    }

    @Test
    void pythonModule_matchesItsFunctionsAndClasses_relativeToAnyRoot() {
        ChangedTests c = changed("src/tests/unit/test_mod.py");
        assertThat(c.match("tests.unit.test_mod", null)).isPresent();
        assertThat(c.match("tests.unit.test_mod.TestCart", null)).isPresent();
        assertThat(c.match("test_mod.TestCart", null)).isPresent();
        assertThat(c.match("tests.other.test_mod", null)).isEmpty();
        assertThat(c.match("tests.unit.test_model", null)).isEmpty();
    }

    @Test
    void goPackage_matchesTheImportPathEndingInItsDirectory() {
        ChangedTests c = changed("internal/store/store_test.go");
        assertThat(c.match("github.com/acme/shop/internal/store", null)).isPresent();
        assertThat(c.match("github.com/acme/shop/internal/storex", null)).isEmpty();
    }

    @Test
    void jsFile_matchesAClassNamingIt_orAnyTestWhoseFileAttributeNamesIt() {
        ChangedTests c = changed("web/src/cart.test.ts");
        assertThat(c.match("web/src/cart.test.ts", null)).isPresent();
        assertThat(c.match("Cart adds items", null)).isEmpty();
        assertThat(c.match("Cart adds items", "/home/ci/checkout/web/src/cart.test.ts")).isPresent();
        assertThat(c.match("Cart adds items", "web/src/other.test.ts")).isEmpty();
    }

    @Test
    void anAddedFile_winsOverAModifiedOneNamingTheSameClass() {
        ChangedTests c = ChangedTests.of(List.of(new ChangedFile("a/src/test/java/p/FooTest.java", false),
                new ChangedFile("b/src/test/java/p/FooTest.java", true)));
        assertThat(c.match("p.FooTest", null)).get().extracting(TestFile::added).isEqualTo(true);
    }
}

package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeeper.flaky.model.ChangedTests.ChangedFile;
import io.gatekeeper.flaky.model.ChangedTests.Language;
import io.gatekeeper.flaky.model.ChangedTests.TestFile;
import io.gatekeeper.flaky.model.ChangedTests.Touch;
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

    private static ChangedTests withRelated(String... paths) {
        return ChangedTests.of(List.of(paths).stream().map(p -> new ChangedFile(p, false)).toList(), true);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "core/src/main/java/a/b/Foo.java, JVM, a.b.Foo",
            "src/main/kotlin/a/b/Bar.kt, JVM, a.b.Bar",
            "lib/Baz.scala, JVM, Baz",
            "shop/cart/pricing.py, PYTHON, shop.cart.pricing",
            "internal/store/store.go, GO, internal/store",
            "web/src/cart.ts, JS, web/src/cart.ts",
    })
    void sourceFiles_standForTheirRelatedTests(String path, Language language, String identity) {
        assertThat(withRelated(path).files()).singleElement().satisfies(f -> {
            assertThat(f.touch()).isEqualTo(Touch.RELATED);
            assertThat(f.language()).isEqualTo(language);
            assertThat(f.identity()).isEqualTo(identity);
        });
        assertThat(changed(path).isEmpty()).as("only when related tests are asked for").isTrue();
    }

    @Test
    void filesWithoutRelatedTests_standForNothing() {
        assertThat(withRelated("README.md", "pkg/__init__.py", "pkg/__main__.py", "main.go", "web/src/types.d.ts",
                "src/main/resources/app.yml", "Makefile").isEmpty()).isTrue();
    }

    @Test
    void jvmSource_relatesTheConventionalTestClassesOfItsPackage_inAnySourceRoot() {
        ChangedTests c = withRelated("core/src/main/java/a/b/Foo.java");
        for (String cls : List.of("a.b.FooTest", "a.b.FooTests", "a.b.FooIT", "a.b.FooSpec", "a.b.TestFoo",
                "a.b.FooTestCase", "a.b.FooTest$WhenEmpty")) {
            assertThat(c.match(cls, null)).as(cls).get().extracting(TestFile::touch).isEqualTo(Touch.RELATED);
        }
        for (String cls : List.of("a.b.FooBarTest", "a.b.BarFooTest", "a.b.Foo", "a.b.FooTestHelper", "x.b.FooTest",
                "a.b.c.FooTest", "a.b.TestFooBar", "")) {
            assertThat(c.match(cls, null)).as(cls).isEmpty();
        }
    }

    @Test
    void aTestFile_isNeverRelated_andATestThatIsBothModifiedAndRelatedCountsAsModified() {
        assertThat(withRelated("src/test/java/a/b/FooTest.java").files()).singleElement()
                .extracting(TestFile::touch).isEqualTo(Touch.MODIFIED);
        assertThat(withRelated("src/test/java/a/b/FooTest.java").match("a.b.FooTestTest", null)).isEmpty();

        ChangedTests both = withRelated("src/main/java/a/b/Foo.java", "src/test/java/a/b/FooTest.java",
                "pkg/foo.py", "tests/test_foo.py");
        assertThat(both.files()).extracting(TestFile::touch)
                .containsExactly(Touch.RELATED, Touch.MODIFIED, Touch.RELATED, Touch.MODIFIED);
        assertThat(both.match("a.b.FooTest", null)).get().extracting(TestFile::touch).isEqualTo(Touch.MODIFIED);
        assertThat(both.match("a.b.FooIT", null)).get().extracting(TestFile::touch).isEqualTo(Touch.RELATED);
        assertThat(both.match("tests.test_foo", null)).get().extracting(TestFile::path).isEqualTo("tests/test_foo.py");
    }

    @Test
    void pythonModule_relatesTestModulesNamedAfterIt_anywhere() {
        ChangedTests c = withRelated("shop/cart/pricing.py");
        assertThat(c.match("tests.unit.test_pricing", null)).isPresent();
        assertThat(c.match("tests.test_pricing.TestDiscounts", null)).isPresent();
        assertThat(c.match("shop.cart.pricing_test", null)).isPresent();
        assertThat(c.match("whatever", "tests/unit/test_pricing.py")).isPresent();
        assertThat(c.match("tests.test_pricing_rules", null)).isEmpty();
        assertThat(c.match("tests.test_cart", null)).isEmpty();
        assertThat(c.match("shop.cart.pricing", null)).as("the module itself is no test").isEmpty();
        assertThat(c.match("whatever", "tests/unit/test_pricing_rules.py")).isEmpty();
    }

    @Test
    void goSource_relatesTheTestsOfItsPackage_listedOncePerPackage() {
        ChangedTests c = withRelated("internal/store/store.go", "internal/store/index.go");
        assertThat(c.files()).singleElement().extracting(TestFile::stem).isEqualTo("internal/store");
        assertThat(c.match("github.com/acme/shop/internal/store", null)).isPresent();
        assertThat(c.match("github.com/acme/shop/internal/storex", null)).isEmpty();
        assertThat(withRelated("internal/store/store.go", "internal/store/store_test.go")
                .match("github.com/acme/shop/internal/store", null)).get().extracting(TestFile::touch)
                .isEqualTo(Touch.MODIFIED);
    }

    @Test
    void jsSource_relatesTestAndSpecFilesNamedAfterIt() {
        ChangedTests c = withRelated("web/src/cart.ts");
        assertThat(c.match("web/src/cart.test.ts", null)).isPresent();
        assertThat(c.match("web/src/__tests__/cart.spec.tsx", null)).isPresent();
        assertThat(c.match("cart.test.js", null)).isPresent();
        assertThat(c.match("Cart adds items", "/home/ci/checkout/web/test/cart.spec.ts")).isPresent();
        assertThat(c.match("web/src/cartItem.test.ts", null)).isEmpty();
        assertThat(c.match("web/src/minicart.test.ts", null)).isEmpty();
        assertThat(c.match("Cart adds items", null)).isEmpty();
        assertThat(c.match("web/src/cart.ts", null)).as("the source itself is no test").isEmpty();
    }
}

package io.gatekeeper.flaky.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension handing out fresh migrated databases and dropping them after each test. Typical use, the
 * same assertions on both engines:
 * <pre>{@code
 * @RegisterExtension final FreshDatabases databases = new FreshDatabases();
 *
 * @ParameterizedTest
 * @EnumSource(DatabaseEngine.class)
 * void storesThings(DatabaseEngine engine) {
 *     Jdbi jdbi = databases.create(engine).jdbi();
 *     ...
 * }
 * }</pre>
 */
public final class FreshDatabases implements AfterEachCallback {

    private final List<MigratedDatabase> open = new ArrayList<>();

    public synchronized MigratedDatabase create(DatabaseEngine engine) {
        MigratedDatabase db = TestDatabases.fresh(engine);
        open.add(db);
        return db;
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        for (MigratedDatabase db : open) {
            db.close();
        }
        open.clear();
    }
}

package dev.steadfast.schema;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.PersistenceUnit;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every entity of both persistence units against the schema the migrations actually build, as
 * SQLite reports it ({@code pragma_table_info}): Hibernate never creates or validates the schema
 * here (schema-management is none), so this is where a mapping that drifted from the migrations
 * is caught. Entities are read from Hibernate's own metamodel, so a new entity (or a new
 * persistence-unit package) is covered without touching this class.
 *
 * <p>For every column an entity maps (identifier, basic attributes, embeddables, to-one foreign
 * keys, collection keys and elements) it asserts:
 * <ul>
 *   <li>the table exists, and the column exists in it;</li>
 *   <li>nullability agrees, both ways (rule below);</li>
 *   <li>the declared SQLite type fits the Java type: Long/long/Integer/int/Short/Byte/boolean and
 *       Instant (stored as epoch millis by {@code InstantAsEpochMillis}) → INTEGER; String/char and
 *       enums stored by name → TEXT; enums stored by ordinal → INTEGER; byte[] → BLOB. The declared
 *       type must be exactly that name, the convention every migration follows.</li>
 * </ul>
 *
 * <p>Nullability rule. The entity's view of a column is "not null" when the column is mapped
 * {@code nullable = false} (or {@code optional = false} on a to-one), when it is the identifier,
 * or when the Java type is primitive (a NULL could not be loaded into it). The schema's view is
 * "not null" when the column is declared NOT NULL, or is the rowid alias ({@code INTEGER PRIMARY
 * KEY}, which SQLite never lets be NULL although {@code pragma_table_info} says notnull = 0). Any
 * other PRIMARY KEY is nullable in SQLite unless declared NOT NULL (a documented SQLite quirk),
 * so it is checked like any other column. Both directions are mismatches:
 * <ul>
 *   <li>entity not null, schema nullable: a row written by anything else (an older release, a
 *       restore, an operator) may hold NULL, which the entity cannot represent;</li>
 *   <li>entity nullable, schema NOT NULL: Hibernate would write NULL and the insert would fail.
 *       A column DEFAULT does not excuse this: Hibernate lists every column in its INSERT (no
 *       dynamic insert here), so the default never applies to an entity insert. Generated
 *       identifiers are not affected because the identifier counts as not null on both sides.</li>
 * </ul>
 */
@QuarkusTest
class EntityMappingTest {

    /** Files these tests make; JUnit deletes them afterwards. */
    @TempDir
    Path tmp;

    @Inject
    SessionFactory catalogUnit;

    @Inject
    @PersistenceUnit("projects")
    SessionFactory projectsUnit;

    @Inject
    AgroalDataSource catalog;

    @Inject
    ProjectMigrator migrator;

    @Test
    void catalogEntitiesMatchTheMigratedCatalog() throws Exception {
        try (Connection db = catalog.getConnection()) {
            assertMappingsMatch("catalog (default persistence unit)", catalogUnit, db);
        }
    }

    @Test
    void projectEntitiesMatchAFreshlyMigratedProjectFile() throws Exception {
        String id = UUID.randomUUID().toString();
        Path dir = Files.createTempDirectory(tmp, "entity-mapping");
        try {
            Path file = dir.resolve(id + ".db");
            migrator.create(id, file);
            try (Connection db = DriverManager.getConnection(migrator.jdbcUrl(file))) {
                assertMappingsMatch("project file (\"projects\" persistence unit)", projectsUnit, db);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** One column an entity maps, with what Hibernate knows about it. */
    private record Mapped(String entity, String attribute, String table, String column, boolean entityNotNull,
                          JdbcMapping jdbc) {
        String where() {
            return "entity " + entity + ", attribute " + attribute + " -> " + table + "." + column;
        }
    }

    /** One column as SQLite declares it. */
    private record Declared(String type, boolean notNull, String defaultValue, int primaryKey) {
    }

    private static void assertMappingsMatch(String schema, SessionFactory unit, Connection db) throws SQLException {
        List<Mapped> mapped = new ArrayList<>();
        Set<String> entities = new TreeSet<>();
        unit.unwrap(SessionFactoryImplementor.class).getMappingMetamodel().forEachEntityDescriptor(descriptor -> {
            AbstractEntityPersister persister = (AbstractEntityPersister) descriptor;
            entities.add(persister.getMappedClass().getSimpleName());
            collect(persister, mapped);
        });
        assertTrue(!entities.isEmpty(), "no entities in the persistence unit for " + schema);

        Map<String, Map<String, Declared>> tables = new LinkedHashMap<>();
        List<String> mismatches = new ArrayList<>();
        Set<String> missingTables = new TreeSet<>();
        for (Mapped column : mapped) {
            Map<String, Declared> table = tables.get(column.table());
            if (table == null) {
                table = columns(db, column.table());
                tables.put(column.table(), table);
            }
            if (table.isEmpty()) {
                if (missingTables.add(column.entity() + "/" + column.table())) {
                    mismatches.add("entity " + column.entity() + ": table " + column.table()
                            + " does not exist in the migrated " + schema + " schema");
                }
                continue;
            }
            Declared declared = table.get(column.column());
            if (declared == null) {
                mismatches.add(column.where() + ": column does not exist in the migrated schema (has " + table.keySet() + ")");
                continue;
            }
            boolean schemaNotNull = declared.notNull() || isRowidAlias(table, declared);
            if (column.entityNotNull() && !schemaNotNull) {
                mismatches.add(column.where() + ": not null in the entity, but the schema column (" + declared.type()
                        + (declared.primaryKey() > 0 ? " PRIMARY KEY" : "") + ") accepts NULL: declare it NOT NULL");
            } else if (!column.entityNotNull() && schemaNotNull) {
                mismatches.add(column.where() + ": nullable in the entity, but NOT NULL in the schema"
                        + (declared.defaultValue() == null ? "" : " (its DEFAULT " + declared.defaultValue()
                        + " does not apply: Hibernate inserts the NULL explicitly)")
                        + ": map it nullable = false, or make the column nullable");
            }
            String expected = expectedType(column);
            if (!expected.equals(declared.type().toUpperCase(Locale.ROOT))) {
                mismatches.add(column.where() + ": Java type " + javaType(column.jdbc()) + " needs a column declared "
                        + expected + ", the schema declares " + (declared.type().isEmpty() ? "no type" : declared.type()));
            }
        }
        assertTrue(mismatches.isEmpty(), "Entity mappings that do not match the migrated " + schema + " schema (entities "
                + entities + "):\n  " + String.join("\n  ", mismatches));
    }

    /** Every column the entity maps, in the order Hibernate knows them. */
    private static void collect(AbstractEntityPersister persister, List<Mapped> into) {
        String entity = persister.getMappedClass().getSimpleName();
        persister.getIdentifierMapping().forEachSelectable((i, s) ->
                add(into, entity, persister.getIdentifierMapping().getAttributeName(), s, true));
        persister.forEachAttributeMapping((AttributeMapping attribute) -> {
            String name = attribute.getAttributeName();
            if (attribute instanceof PluralAttributeMapping plural) {
                // The collection's foreign key, wherever it lives (a collection table, or the
                // target's table for a one-to-many); the elements only when they live in a
                // collection table (a one-to-many's elements are entities, checked on their own).
                plural.getKeyDescriptor().visitKeySelectables((i, s) -> add(into, entity, name + " (key)", s, false));
                if (!plural.getCollectionDescriptor().isOneToMany()) {
                    plural.getElementDescriptor().forEachSelectable((i, s) -> add(into, entity, name + " (element)", s, false));
                    if (plural.getIndexDescriptor() != null) {
                        plural.getIndexDescriptor().forEachSelectable((i, s) -> add(into, entity, name + " (index)", s, false));
                    }
                }
                return;
            }
            boolean primitive = isPrimitive(persister.getMappedClass(), name);
            attribute.forEachSelectable((i, s) -> add(into, entity, name, s, primitive));
        });
    }

    private static void add(List<Mapped> into, String entity, String attribute, SelectableMapping selectable,
                            boolean alwaysNotNull) {
        if (selectable.isFormula()) {
            return; // computed on read, not a column
        }
        into.add(new Mapped(entity, attribute, unquote(selectable.getContainingTableExpression()),
                unquote(selectable.getSelectionExpression()), alwaysNotNull || !selectable.isNullable(),
                selectable.getJdbcMapping()));
    }

    private static boolean isPrimitive(Class<?> type, String attribute) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(attribute);
                return field.getType().isPrimitive();
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        return false;
    }

    /** The SQLite type a column must be declared with to hold this Java type the way Steadfast stores it. */
    private static String expectedType(Mapped column) {
        JdbcMapping jdbc = column.jdbc();
        Class<?> java = jdbc.getMappedJavaType().getJavaTypeClass();
        if (java == Long.class || java == long.class || java == Integer.class || java == int.class
                || java == Short.class || java == short.class || java == Byte.class || java == byte.class
                || java == Boolean.class || java == boolean.class) {
            return "INTEGER";
        }
        if (java == Instant.class) {
            Class<?> stored = jdbc.getJdbcJavaType().getJavaTypeClass();
            // Without the epoch-millis converter Hibernate would write a timestamp: no declared type fits.
            return stored == Long.class || stored == long.class ? "INTEGER"
                    : "INTEGER, but Hibernate stores it as " + stored.getSimpleName() + " (is InstantAsEpochMillis applied?)";
        }
        if (java == String.class || java == Character.class || java == char.class) {
            return "TEXT";
        }
        if (java.isEnum()) {
            return jdbc.getJdbcType().isString() ? "TEXT" : jdbc.getJdbcType().isInteger() ? "INTEGER"
                    : "TEXT or INTEGER, but the enum maps to JDBC type " + jdbc.getJdbcType().getFriendlyName();
        }
        if (java == byte[].class) {
            return "BLOB";
        }
        return "a type EntityMappingTest knows: add a rule for " + java.getName();
    }

    private static String javaType(JdbcMapping jdbc) {
        return jdbc.getMappedJavaType().getJavaTypeClass().getSimpleName();
    }

    /** Columns of a table as SQLite declares them; empty if there is no such table. */
    private static Map<String, Declared> columns(Connection db, String table) throws SQLException {
        Map<String, Declared> columns = new LinkedHashMap<>();
        try (Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('"
                     + table.replace("'", "''") + "') ORDER BY cid")) {
            while (rows.next()) {
                columns.put(rows.getString(1), new Declared(rows.getString(2), rows.getInt(3) == 1, rows.getString(4), rows.getInt(5)));
            }
        }
        return columns;
    }

    /** {@code INTEGER PRIMARY KEY} on its own is the rowid, which can never be NULL. */
    private static boolean isRowidAlias(Map<String, Declared> table, Declared column) {
        return column.primaryKey() == 1 && "INTEGER".equalsIgnoreCase(column.type())
                && table.values().stream().filter(c -> c.primaryKey() > 0).count() == 1;
    }

    private static String unquote(String identifier) {
        if (identifier.length() > 1 && "\"`[".indexOf(identifier.charAt(0)) >= 0) {
            return identifier.substring(1, identifier.length() - 1);
        }
        return identifier;
    }
}

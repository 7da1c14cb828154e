package dev.steadfast.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shape of a SQLite database: for every table, its columns (name, declared type, NOT NULL,
 * default, primary key, collation, generated expression and whether STORED or VIRTUAL, AUTOINCREMENT),
 * the ON CONFLICT clauses of its NOT NULL, PRIMARY KEY, UNIQUE and CHECK constraints, whether it is
 * WITHOUT ROWID or STRICT, foreign keys (each one whole: its columns in order, referenced table and
 * columns, ON DELETE and ON UPDATE actions, whether initially deferred), indexes (name unless SQLite
 * named it, unique or not, each term's column or expression with its collation and order, the WHERE
 * clause of a partial index) and CHECK constraints; and every trigger and view by name, with its
 * CREATE statement. What SQLite's pragmas report is taken from them; the rest (collations, ON
 * CONFLICT clauses, AUTOINCREMENT, generated expressions, CHECK expressions, deferrals, index
 * expressions and WHERE clauses, triggers, views) is read from the statements in
 * {@code sqlite_master}, normalised by {@link SqlText}: comments, whitespace and the case of keywords
 * and identifiers do not count, string literals do. Two databases with equal descriptions have the
 * same schema, whatever order or formatting created them. Flyway's history table and SQLite's own
 * tables are left out.
 *
 * @param tables  per table, its facts ("column ...", "foreign key ...", "index ...", "check ...", "table option ...")
 * @param objects triggers and views, keyed "trigger name" or "view name", each with its normalised CREATE statement
 */
record SchemaDescription(TreeMap<String, TreeSet<String>> tables, TreeMap<String, String> objects) {

    static SchemaDescription of(Connection connection, String historyTable) throws SQLException {
        TreeMap<String, TreeSet<String>> tables = new TreeMap<>();
        TreeMap<String, String> objects = new TreeMap<>();
        List<String[]> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT type, name, sql FROM sqlite_master "
                     + "WHERE type IN ('table', 'trigger', 'view') AND name NOT LIKE 'sqlite_%'")) {
            while (rows.next()) {
                if (!"table".equals(rows.getString(1))) {
                    objects.put(rows.getString(1) + " " + rows.getString(2), SqlText.definition(rows.getString(3)));
                } else if (!rows.getString(2).equals(historyTable)) {
                    names.add(new String[] {rows.getString(2), rows.getString(3)});
                }
            }
        }
        for (String[] table : names) {
            tables.put(table[0], describe(connection, table[0], table[1]));
        }
        return new SchemaDescription(tables, objects);
    }

    private static TreeSet<String> describe(Connection connection, String table, String sql) throws SQLException {
        TreeSet<String> facts = new TreeSet<>();
        String quoted = "'" + table.replace("'", "''") + "'";
        SqlText.Table written = SqlText.table(sql);
        try (Statement statement = connection.createStatement()) {
            // table_xinfo, not table_info: only it lists generated columns (hidden 2 if VIRTUAL, 3 if STORED).
            try (ResultSet rows = statement.executeQuery("SELECT name, type, \"notnull\", dflt_value, pk, hidden "
                    + "FROM pragma_table_xinfo(" + quoted + ")")) {
                while (rows.next()) {
                    facts.add(column(written, rows.getString(1), rows.getString(2), rows.getInt(3) == 1, rows.getString(4),
                            rows.getInt(5) > 0, rows.getInt(6)));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT wr, strict FROM pragma_table_list(" + quoted + ") "
                    + "WHERE schema = 'main'")) {
                while (rows.next()) { // one row
                    if (rows.getInt(1) == 1) {
                        facts.add("table option WITHOUT ROWID");
                    }
                    if (rows.getInt(2) == 1) {
                        facts.add("table option STRICT");
                    }
                }
            }
            facts.addAll(foreignKeys(statement, quoted, written.foreignKeys()));
            List<String[]> indexes = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT l.name, l.\"unique\", l.origin, l.partial, m.sql "
                    + "FROM pragma_index_list(" + quoted + ") l LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = l.name")) {
                while (rows.next()) {
                    indexes.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5)});
                }
            }
            for (String[] index : indexes) {
                facts.add(index(statement, index[0], "1".equals(index[1]), index[2], "1".equals(index[3]), index[4],
                        written.uniques()));
            }
        }
        for (String check : written.checks()) {
            facts.add("check " + check);
        }
        return facts;
    }

    /**
     * "column name TYPE[ NOT NULL[ ON CONFLICT X]][ DEFAULT d][ COLLATE c][ GENERATED ALWAYS AS (expr)
     * STORED|VIRTUAL][ PRIMARY KEY[ ON CONFLICT X][ AUTOINCREMENT]]": SQLite reports the type, NOT
     * NULL, default, primary key and kind of generated column; the rest is read from the CREATE TABLE.
     */
    private static String column(SqlText.Table written, String name, String type, boolean notNull, String defaultValue,
                                 boolean primaryKey, int hidden) {
        String key = SqlText.upper(name);
        String collation = written.collations().getOrDefault(key, "BINARY"); // BINARY is the default
        return "column " + name + " " + type.toUpperCase(Locale.ROOT)
                + (notNull ? " NOT NULL" + onConflict(written.notNullConflicts().get(key)) : "")
                + (defaultValue == null ? "" : " DEFAULT " + defaultValue)
                + ("BINARY".equals(collation) ? "" : " COLLATE " + collation)
                + (hidden < 2 ? "" : " GENERATED ALWAYS AS (" + written.generated().getOrDefault(key, "?") + ")"
                        + (hidden == 3 ? " STORED" : " VIRTUAL"))
                + (primaryKey ? " PRIMARY KEY" + onConflict(written.primaryKeyConflict())
                        + (written.autoincrement() ? " AUTOINCREMENT" : "") : "");
    }

    private static String onConflict(String resolution) {
        return resolution == null ? "" : " ON CONFLICT " + resolution;
    }

    /**
     * One fact per foreign key, all its columns in order: "foreign key a -> parent(b)", or "foreign
     * key (a, b) -> parent(c, d)" for a composite one, then its ON DELETE and ON UPDATE actions unless
     * NO ACTION, then DEFERRABLE INITIALLY DEFERRED if it is (which only the CREATE TABLE says; each
     * foreign key SQLite reports is matched with the clause written for the same columns and table).
     */
    private static List<String> foreignKeys(Statement statement, String quoted, List<SqlText.ForeignKey> written)
            throws SQLException {
        // SQLite numbers a table's foreign keys from the last written: in descending id they come in written order.
        TreeMap<Integer, List<String[]>> byId = new TreeMap<>(Comparator.reverseOrder());
        try (ResultSet rows = statement.executeQuery("SELECT id, \"from\", \"table\", \"to\", on_update, on_delete "
                + "FROM pragma_foreign_key_list(" + quoted + ") ORDER BY id, seq")) {
            while (rows.next()) {
                byId.computeIfAbsent(rows.getInt(1), id -> new ArrayList<>()).add(new String[] {
                        rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6)});
            }
        }
        List<SqlText.ForeignKey> unmatched = new ArrayList<>(written);
        List<String> facts = new ArrayList<>();
        for (List<String[]> columns : byId.values()) {
            String key = String.join(",", columns.stream().map(c -> SqlText.upper(c[0])).toList())
                    + "->" + SqlText.upper(columns.get(0)[1]);
            SqlText.ForeignKey clause = unmatched.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
            unmatched.remove(clause);
            String[] first = columns.get(0);
            String from = String.join(", ", columns.stream().map(c -> c[0]).toList());
            facts.add("foreign key " + (columns.size() == 1 ? from : "(" + from + ")") + " -> " + first[1]
                    + "(" + String.join(", ", columns.stream().map(c -> String.valueOf(c[2])).toList()) + ")"
                    + ("NO ACTION".equals(first[4]) ? "" : " ON DELETE " + first[4])
                    + ("NO ACTION".equals(first[3]) ? "" : " ON UPDATE " + first[3])
                    + (clause != null && clause.deferred() ? " DEFERRABLE INITIALLY DEFERRED" : ""));
        }
        return facts;
    }

    /**
     * "[unique ]index [name ](term, ...)[ WHERE expr]": each term is a column, or an expression read
     * from the CREATE INDEX, with its collation unless BINARY and DESC if descending. Automatic
     * indexes (UNIQUE / PRIMARY KEY constraints, {@code origin} "u" / "pk") are named by SQLite: their
     * name is left out; a UNIQUE constraint's ends with the ON CONFLICT clause written for its columns.
     */
    private static String index(Statement statement, String name, boolean unique, String origin, boolean partial, String sql,
                                List<SqlText.Unique> uniques) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT cid, name, \"desc\", coll FROM pragma_index_xinfo('"
                + name.replace("'", "''") + "') WHERE key = 1 ORDER BY seqno")) {
            while (rows.next()) {
                keys.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)});
            }
        }
        boolean created = "c".equals(origin);
        SqlText.Index written = created ? SqlText.index(sql) : null;
        boolean readable = written != null && written.terms().size() == keys.size() && (!partial || written.where() != null);
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String[] key = keys.get(i);
            String term = key[1] != null ? key[1] : readable ? written.terms().get(i) : "?";
            String collation = key[3] == null ? "BINARY" : SqlText.upper(key[3]);
            terms.add(term + ("BINARY".equals(collation) ? "" : " COLLATE " + collation) + ("1".equals(key[2]) ? " DESC" : ""));
        }
        String fact = (unique ? "unique index " : "index ") + (created ? name + " " : "") + "(" + String.join(", ", terms) + ")";
        if ("u".equals(origin)) {
            // SQLite makes one index of UNIQUE constraints on the same columns, with the resolution any of them names.
            List<String> columns = keys.stream().map(k -> k[1] == null ? "" : SqlText.upper(k[1])).toList();
            return fact + onConflict(uniques.stream().filter(u -> u.columns().equals(columns) && u.onConflict() != null)
                    .map(SqlText.Unique::onConflict).findFirst().orElse(null));
        }
        if (created && !readable && (partial || keys.stream().anyMatch(k -> k[1] == null))) {
            return fact + " as " + SqlText.normalize(sql); // could not be read term by term: compare the whole statement
        }
        return partial ? fact + " WHERE " + written.where() : fact;
    }

    /** What differs from another description, in readable lines ("users: missing column x ...", "trigger t is not expected"). */
    List<String> differencesFrom(SchemaDescription expected) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> allTables = new TreeSet<>(tables.keySet());
        allTables.addAll(expected.tables.keySet());
        for (String table : allTables) {
            TreeSet<String> actual = tables.get(table);
            TreeSet<String> wanted = expected.tables.get(table);
            if (actual == null) {
                differences.add("table " + table + " is missing");
            } else if (wanted == null) {
                differences.add("table " + table + " is not expected");
            } else if (!Objects.equals(actual, wanted)) {
                wanted.stream().filter(f -> !actual.contains(f)).forEach(f -> differences.add(table + ": missing " + f));
                actual.stream().filter(f -> !wanted.contains(f)).forEach(f -> differences.add(table + ": unexpected " + f));
            }
        }
        TreeSet<String> allObjects = new TreeSet<>(objects.keySet());
        allObjects.addAll(expected.objects.keySet());
        for (String object : allObjects) { // "trigger x", "view y"
            String actual = objects.get(object);
            String wanted = expected.objects.get(object);
            if (actual == null) {
                differences.add(object + " is missing");
            } else if (wanted == null) {
                differences.add(object + " is not expected");
            } else if (!actual.equals(wanted)) {
                differences.add(object + " differs: it is " + actual + " instead of " + wanted);
            }
        }
        return differences;
    }
}

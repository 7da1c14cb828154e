package dev.steadfast.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shape of a SQLite database as SQLite itself reports it: for every table, its columns (name,
 * declared type, NOT NULL, default, primary key), foreign keys, indexes (unique or not, columns)
 * and CHECK constraints. Two databases with equal descriptions have the same schema, whatever
 * order or formatting created them. Flyway's history table and SQLite's own tables are left out.
 */
record SchemaDescription(TreeMap<String, TreeSet<String>> tables) {

    static SchemaDescription of(Connection connection, String historyTable) throws SQLException {
        TreeMap<String, TreeSet<String>> tables = new TreeMap<>();
        List<String[]> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                     + "AND name NOT LIKE 'sqlite_%'")) {
            while (rows.next()) {
                if (!rows.getString(1).equals(historyTable)) {
                    names.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
        }
        for (String[] table : names) {
            tables.put(table[0], describe(connection, table[0], table[1]));
        }
        return new SchemaDescription(tables);
    }

    private static TreeSet<String> describe(Connection connection, String table, String sql) throws SQLException {
        TreeSet<String> facts = new TreeSet<>();
        String quoted = "'" + table.replace("'", "''") + "'";
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(" + quoted + ")")) {
                while (rows.next()) {
                    facts.add("column " + rows.getString(1) + " " + rows.getString(2).toUpperCase(Locale.ROOT)
                            + (rows.getInt(3) == 1 ? " NOT NULL" : "")
                            + (rows.getString(4) == null ? "" : " DEFAULT " + rows.getString(4))
                            + (rows.getInt(5) > 0 ? " PRIMARY KEY" : ""));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list(" + quoted + ")")) {
                while (rows.next()) {
                    facts.add("foreign key " + rows.getString(1) + " -> " + rows.getString(2) + "(" + rows.getString(3) + ")"
                            + ("NO ACTION".equals(rows.getString(4)) ? "" : " ON DELETE " + rows.getString(4)));
                }
            }
            List<String[]> indexes = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT name, \"unique\", origin FROM pragma_index_list(" + quoted + ")")) {
                while (rows.next()) {
                    indexes.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                }
            }
            for (String[] index : indexes) {
                List<String> columns = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT name FROM pragma_index_info('" + index[0].replace("'", "''") + "') ORDER BY seqno")) {
                    while (rows.next()) {
                        columns.add(rows.getString(1));
                    }
                }
                // Automatic indexes (UNIQUE / PRIMARY KEY constraints) are named by SQLite: compare their columns only.
                String name = "c".equals(index[2]) ? index[0] + " " : "";
                facts.add(("1".equals(index[1]) ? "unique index " : "index ") + name + "(" + String.join(", ", columns) + ")");
            }
        }
        for (String check : checks(sql)) {
            facts.add("check " + check);
        }
        return facts;
    }

    /** CHECK expressions from the table's SQL, whitespace and case normalised. */
    static List<String> checks(String sql) {
        List<String> checks = new ArrayList<>();
        String text = sql == null ? "" : sql;
        String upper = text.toUpperCase(Locale.ROOT);
        int from = 0;
        while ((from = upper.indexOf("CHECK", from)) >= 0) {
            int open = upper.indexOf('(', from);
            if (open < 0 || !upper.substring(from + 5, open).isBlank()) {
                from += 5;
                continue;
            }
            int depth = 0;
            int end = open;
            for (; end < text.length(); end++) {
                char c = text.charAt(end);
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    break;
                }
            }
            checks.add(text.substring(open + 1, Math.min(end, text.length())).replaceAll("\\s+", " ").strip()
                    .toUpperCase(Locale.ROOT));
            from = end;
        }
        return checks;
    }

    /** What differs from another description, in readable lines ("users: missing column x ..."). */
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
        return differences;
    }
}

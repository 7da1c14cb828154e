package dev.steadfast.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The CREATE statements SQLite keeps in {@code sqlite_master}, read as tokens so that they compare
 * by what they say, not how they are written: comments and whitespace dropped, keywords and
 * identifiers in upper case (SQLite folds ASCII letters of both), quoted identifiers unquoted,
 * string literals kept exactly. Only what {@link SchemaDescription} needs: what a CREATE TABLE says
 * beyond SQLite's pragmas (see {@link Table}), the terms and WHERE clause of a CREATE INDEX.
 */
final class SqlText {

    private SqlText() {
    }

    enum Kind { WORD, QUOTED, STRING, NUMBER, PUNCT }

    /** One token; {@code text} is its normalised form (see the class comment). */
    record Token(Kind kind, String text) {
        /** A bare keyword (a quoted identifier is never a keyword). */
        boolean is(String keyword) {
            return kind == Kind.WORD && text.equals(keyword);
        }

        boolean isPunct(String punct) {
            return kind == Kind.PUNCT && text.equals(punct);
        }

        /** The name a token stands for: an identifier, or a string used as one (COLLATE 'nocase'). */
        String name() {
            return kind == Kind.STRING ? upper(text.substring(1, text.length() - 1).replace("''", "'")) : text;
        }

        String rendered() {
            return kind == Kind.QUOTED && !SIMPLE.matcher(text).matches() ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
        }
    }

    private static final Pattern SIMPLE = Pattern.compile("[A-Z_][A-Z0-9_$]*");
    private static final List<String> OPERATORS = List.of("->>", "->", "||", "<=", ">=", "==", "!=", "<>", "<<", ">>");

    /** The statement as one line of normalised tokens. */
    static String normalize(String sql) {
        return join(tokens(sql));
    }

    /**
     * A CREATE TRIGGER or CREATE VIEW as one line of normalised tokens, without the IF NOT EXISTS
     * that SQLite keeps in {@code sqlite_master} but that makes no difference to what was created.
     */
    static String definition(String sql) {
        List<Token> tokens = new ArrayList<>(tokens(sql));
        if (tokens.size() > 4 && tokens.get(2).is("IF") && tokens.get(3).is("NOT") && tokens.get(4).is("EXISTS")) {
            tokens.subList(2, 5).clear();
        }
        return join(tokens);
    }

    static List<Token> tokens(String sql) {
        List<Token> tokens = new ArrayList<>();
        String s = sql == null ? "" : sql;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("--", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end + 1;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else if (c == '\'') {
                int end = closingQuote(s, i, '\'');
                tokens.add(new Token(Kind.STRING, s.substring(i, end)));
                i = end;
            } else if (c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = closingQuote(s, i, close);
                String inner = s.substring(i + 1, Math.max(i + 1, end - 1));
                if (close != ']') {
                    inner = inner.replace(String.valueOf(close) + close, String.valueOf(close));
                }
                tokens.add(new Token(Kind.QUOTED, upper(inner)));
                i = end;
            } else if (Character.isLetter(c) || c == '_' || c > 127) {
                int end = i + 1;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'
                        || s.charAt(end) == '$' || s.charAt(end) > 127)) {
                    end++;
                }
                tokens.add(new Token(Kind.WORD, upper(s.substring(i, end))));
                i = end;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int end = i + 1;
                while (end < s.length()) {
                    char d = s.charAt(end);
                    boolean exponentSign = (d == '+' || d == '-') && (s.charAt(end - 1) == 'e' || s.charAt(end - 1) == 'E')
                            && !upper(s.substring(i, end)).startsWith("0X");
                    if (!(Character.isLetterOrDigit(d) || d == '.' || d == '_' || exponentSign)) {
                        break;
                    }
                    end++;
                }
                tokens.add(new Token(Kind.NUMBER, upper(s.substring(i, end))));
                i = end;
            } else {
                String operator = String.valueOf(c);
                for (String candidate : OPERATORS) {
                    if (s.startsWith(candidate, i)) {
                        operator = candidate;
                        break;
                    }
                }
                tokens.add(new Token(Kind.PUNCT, operator));
                i += operator.length();
            }
        }
        return tokens;
    }

    /** Tokens as text: one space between them, none inside parentheses or before a comma. */
    static String join(List<Token> tokens) {
        StringBuilder text = new StringBuilder();
        Token previous = null;
        for (Token token : tokens) {
            boolean tight = previous == null || previous.isPunct("(") || previous.isPunct(".")
                    || token.isPunct(")") || token.isPunct(",") || token.isPunct(";") || token.isPunct(".");
            if (!tight) {
                text.append(' ');
            }
            text.append(token.rendered());
            previous = token;
        }
        return text.toString();
    }

    /** The index of the ")" closing the "(" at {@code open}, or the size when it is not closed. */
    static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isPunct("(")) {
                depth++;
            } else if (tokens.get(i).isPunct(")") && --depth == 0) {
                return i;
            }
        }
        return tokens.size();
    }

    /** The tokens from {@code from} to {@code to} split at the commas outside parentheses. */
    static List<List<Token>> split(List<Token> tokens, int from, int to) {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> part = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < to; i++) {
            Token token = tokens.get(i);
            if (token.isPunct("(")) {
                depth++;
            } else if (token.isPunct(")")) {
                depth--;
            } else if (token.isPunct(",") && depth == 0) {
                parts.add(part);
                part = new ArrayList<>();
                continue;
            }
            part.add(token);
        }
        parts.add(part);
        return parts;
    }

    /** A foreign key clause as written: its columns, the table it references, and whether it is initially deferred. */
    record ForeignKey(List<String> from, String parent, boolean deferred) {
        String key() {
            return String.join(",", from) + "->" + parent;
        }
    }

    /** A UNIQUE constraint as written: its columns and the resolution of its ON CONFLICT clause (see {@link Table}). */
    record Unique(List<String> columns, String onConflict) {
    }

    /**
     * What a CREATE TABLE says that SQLite's pragmas do not. Per column (keyed by its upper-case
     * name): its collation, the ON CONFLICT resolution of its NOT NULL, and the expression of a
     * generated column. For the table: the ON CONFLICT resolution of its primary key and whether
     * that is AUTOINCREMENT, its UNIQUE constraints, its CHECK expressions (a table-level one
     * followed by " ON CONFLICT X" when written so) and its foreign keys. An ON CONFLICT resolution
     * is null when none is written or it is ABORT, which is what SQLite does without one.
     */
    record Table(Map<String, String> collations, Map<String, String> notNullConflicts, Map<String, String> generated,
                 String primaryKeyConflict, boolean autoincrement, List<Unique> uniques, List<String> checks,
                 List<ForeignKey> foreignKeys) {
    }

    static Table table(String sql) {
        TableReader reader = new TableReader();
        List<Token> tokens = tokens(sql);
        int open = indexOf(tokens, 0, t -> t.isPunct("("));
        if (open >= 0) { // none in CREATE TABLE ... AS SELECT: no definitions to read
            for (List<Token> part : split(tokens, open + 1, closing(tokens, open))) {
                if (!part.isEmpty()) {
                    reader.definition(part);
                }
            }
        }
        return reader.table();
    }

    /** Reads the definitions of a CREATE TABLE, one column or run of table constraints at a time, into a {@link Table}. */
    private static final class TableReader {
        private final Map<String, String> collations = new HashMap<>();
        private final Map<String, String> notNullConflicts = new HashMap<>();
        private final Map<String, String> generated = new HashMap<>();
        private final List<Unique> uniques = new ArrayList<>();
        private final List<String> checks = new ArrayList<>();
        private final List<ForeignKey> foreignKeys = new ArrayList<>();
        private String primaryKeyConflict;
        private boolean autoincrement;

        Table table() {
            return new Table(collations, notNullConflicts, generated, primaryKeyConflict, autoincrement, uniques, checks,
                    foreignKeys);
        }

        /** A column definition, or table constraints (which SQLite lets follow one another without a comma). */
        void definition(List<Token> part) {
            Token first = part.get(0);
            boolean constraints = first.is("CONSTRAINT") || first.is("PRIMARY") || first.is("UNIQUE") || first.is("CHECK")
                    || first.is("FOREIGN");
            String column = constraints ? null : first.name();
            for (int i = constraints ? 0 : 1; i < part.size(); ) {
                i = read(part, i, column);
            }
        }

        /**
         * Reads what starts at {@code i} (a constraint, or a token of a type name or of a clause
         * that needs no reading) and returns where the next thing starts. {@code column} is null
         * for table constraints.
         */
        private int read(List<Token> part, int i, String column) {
            Token token = part.get(i);
            boolean inColumn = column != null;
            if (token.isPunct("(")) {
                return closing(part, i) + 1; // a type's size, a DEFAULT expression, a foreign key's columns
            } else if (token.is("CONSTRAINT")) {
                return i + 2;
            } else if (token.is("DEFAULT") && !(i > 0 && part.get(i - 1).is("SET"))) { // not ON DELETE SET DEFAULT
                int value = i + 1 < part.size() && (part.get(i + 1).isPunct("+") || part.get(i + 1).isPunct("-")) ? i + 2 : i + 1;
                return value < part.size() && part.get(value).isPunct("(") ? closing(part, value) + 1 : value + 1;
            } else if (inColumn && token.is("COLLATE") && i + 1 < part.size()) {
                collations.put(column, part.get(i + 1).name()); // the last one counts, as in SQLite
                return i + 2;
            } else if (inColumn && token.is("NOT") && i + 1 < part.size() && part.get(i + 1).is("NULL")) {
                notNullConflicts.put(column, onConflict(part, i + 2)); // the last one counts, as in SQLite
                return afterConflict(part, i + 2);
            } else if (token.is("PRIMARY") && i + 1 < part.size() && part.get(i + 1).is("KEY")) {
                int next = i + 2;
                if (!inColumn && next < part.size() && part.get(next).isPunct("(")) { // PRIMARY KEY (id AUTOINCREMENT)
                    int close = closing(part, next);
                    autoincrement |= part.subList(next, close).stream().anyMatch(t -> t.is("AUTOINCREMENT"));
                    next = close + 1;
                }
                if (next < part.size() && (part.get(next).is("ASC") || part.get(next).is("DESC"))) {
                    next++;
                }
                primaryKeyConflict = onConflict(part, next);
                next = afterConflict(part, next);
                if (next < part.size() && part.get(next).is("AUTOINCREMENT")) {
                    autoincrement = true;
                    next++;
                }
                return next;
            } else if (token.is("UNIQUE")) {
                int next = i + 1;
                List<String> columns = inColumn ? List.of(column) : List.of();
                if (!inColumn && next < part.size() && part.get(next).isPunct("(")) {
                    int close = closing(part, next);
                    columns = split(part, next + 1, close).stream().map(c -> c.isEmpty() ? "" : c.get(0).name()).toList();
                    next = close + 1;
                }
                uniques.add(new Unique(columns, onConflict(part, next)));
                return afterConflict(part, next);
            } else if (token.is("CHECK") && i + 1 < part.size() && part.get(i + 1).isPunct("(")) {
                int close = closing(part, i + 1);
                String resolution = onConflict(part, close + 1); // SQLite reads one only after a table-level CHECK
                checks.add(join(part.subList(i + 2, Math.min(close, part.size())))
                        + (resolution == null ? "" : " ON CONFLICT " + resolution));
                return afterConflict(part, close + 1);
            } else if (inColumn && token.is("AS") && i + 1 < part.size() && part.get(i + 1).isPunct("(")) {
                int close = closing(part, i + 1); // [GENERATED ALWAYS] AS (expr) [STORED | VIRTUAL]
                generated.put(column, join(part.subList(i + 2, Math.min(close, part.size()))));
                return close + 1;
            } else if (!inColumn && token.is("FOREIGN") && i + 2 < part.size() && part.get(i + 2).isPunct("(")) {
                int close = closing(part, i + 2);
                int references = close + 1;
                if (references < part.size() && part.get(references).is("REFERENCES")) {
                    List<String> from = split(part, i + 3, close).stream()
                            .map(c -> c.isEmpty() ? "" : c.get(0).name()).toList();
                    foreignKeys.add(new ForeignKey(from, nameAt(part, references + 1),
                            deferred(part, references, clauseEnd(part, references))));
                }
                return references + 1;
            } else if (inColumn && token.is("REFERENCES")) {
                foreignKeys.add(new ForeignKey(List.of(column), nameAt(part, i + 1), deferred(part, i, clauseEnd(part, i))));
                return i + 1;
            }
            return i + 1;
        }

        /** Where the foreign key clause whose REFERENCES is at {@code references} could end: the next one, or the end. */
        private static int clauseEnd(List<Token> part, int references) {
            int next = indexAtDepthZero(part, references + 1, t -> t.is("REFERENCES") || t.is("FOREIGN"));
            return next < 0 ? part.size() : next;
        }
    }

    /** The resolution of an ON CONFLICT clause at {@code i}, or null when none is there or it is ABORT (SQLite's default). */
    private static String onConflict(List<Token> tokens, int i) {
        if (afterConflict(tokens, i) == i) {
            return null;
        }
        String resolution = tokens.get(i + 2).text();
        return "ABORT".equals(resolution) ? null : resolution;
    }

    /** Where what follows an ON CONFLICT clause at {@code i} begins ({@code i} itself when there is none). */
    private static int afterConflict(List<Token> tokens, int i) {
        return i + 2 < tokens.size() && tokens.get(i).is("ON") && tokens.get(i + 1).is("CONFLICT") ? i + 3 : i;
    }

    /** The indexed terms of a CREATE INDEX (without their COLLATE, ASC or DESC) and its WHERE clause, or null when unreadable. */
    record Index(List<String> terms, String where) {
    }

    static Index index(String sql) {
        List<Token> tokens = tokens(sql);
        int on = indexAtDepthZero(tokens, 0, t -> t.is("ON"));
        if (on < 0 || on + 2 >= tokens.size() || !tokens.get(on + 2).isPunct("(")) {
            return null;
        }
        int close = closing(tokens, on + 2);
        List<String> terms = new ArrayList<>();
        for (List<Token> term : split(tokens, on + 3, close)) {
            List<Token> expression = new ArrayList<>(term);
            if (!expression.isEmpty() && (expression.get(expression.size() - 1).is("ASC") || expression.get(expression.size() - 1).is("DESC"))) {
                expression.remove(expression.size() - 1);
            }
            if (expression.size() >= 2 && expression.get(expression.size() - 2).is("COLLATE")) {
                expression = expression.subList(0, expression.size() - 2);
            }
            terms.add(join(expression));
        }
        String where = close + 1 < tokens.size() && tokens.get(close + 1).is("WHERE")
                ? join(tokens.subList(close + 2, tokens.size())) : null;
        return new Index(terms, where);
    }

    /** Whether the foreign key clause in tokens [from, to) is DEFERRABLE INITIALLY DEFERRED (not NOT DEFERRABLE). */
    private static boolean deferred(List<Token> tokens, int from, int to) {
        for (int i = from; i + 2 < to; i++) {
            if (tokens.get(i).is("DEFERRABLE") && !(i > from && tokens.get(i - 1).is("NOT"))
                    && tokens.get(i + 1).is("INITIALLY") && tokens.get(i + 2).is("DEFERRED")) {
                return true;
            }
        }
        return false;
    }

    private static String nameAt(List<Token> tokens, int i) {
        return i < tokens.size() ? tokens.get(i).name() : "";
    }

    private static int indexOf(List<Token> tokens, int from, Predicate<Token> test) {
        for (int i = from; i < tokens.size(); i++) {
            if (test.test(tokens.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int indexAtDepthZero(List<Token> tokens, int from, Predicate<Token> test) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isPunct("(")) {
                depth++;
            } else if (token.isPunct(")")) {
                depth--;
            } else if (depth == 0 && test.test(token)) {
                return i;
            }
        }
        return -1;
    }

    private static int closingQuote(String s, int open, char close) {
        int i = open + 1;
        while (i < s.length()) {
            if (s.charAt(i) == close) {
                if (close != ']' && i + 1 < s.length() && s.charAt(i + 1) == close) {
                    i += 2; // a doubled quote stands for itself
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    /** ASCII upper case, as SQLite folds identifiers and keywords (other letters are left as they are). */
    static String upper(String text) {
        StringBuilder upper = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            upper.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return upper.toString();
    }
}

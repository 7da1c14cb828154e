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
 * string literals kept exactly. Only what {@link SchemaDescription} needs: the column collations and
 * foreign key deferrals of a CREATE TABLE, the terms and WHERE clause of a CREATE INDEX.
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

    /** What a CREATE TABLE says that SQLite's pragmas do not: column collations and foreign key deferrals. */
    record Table(Map<String, String> collations, List<ForeignKey> foreignKeys) {
    }

    static Table table(String sql) {
        Map<String, String> collations = new HashMap<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        List<Token> tokens = tokens(sql);
        int open = indexOf(tokens, 0, t -> t.isPunct("("));
        if (open < 0) {
            return new Table(collations, foreignKeys); // CREATE TABLE ... AS SELECT: no definitions to read
        }
        for (List<Token> part : split(tokens, open + 1, closing(tokens, open))) {
            if (part.isEmpty()) {
                continue;
            }
            Token first = part.get(0);
            if (first.is("CONSTRAINT") || first.is("PRIMARY") || first.is("UNIQUE") || first.is("CHECK") || first.is("FOREIGN")) {
                int foreign = indexAtDepthZero(part, 0, t -> t.is("FOREIGN"));
                int references = indexAtDepthZero(part, 0, t -> t.is("REFERENCES"));
                if (foreign >= 0 && references > foreign && foreign + 2 < part.size() && part.get(foreign + 2).isPunct("(")) {
                    int close = closing(part, foreign + 2);
                    List<String> from = split(part, foreign + 3, close).stream()
                            .map(column -> column.isEmpty() ? "" : column.get(0).name()).toList();
                    foreignKeys.add(new ForeignKey(from, nameAt(part, references + 1), deferred(part, references, part.size())));
                }
                continue;
            }
            String column = first.name();
            int depth = 0;
            for (int i = 1; i < part.size(); i++) {
                Token token = part.get(i);
                if (token.isPunct("(")) {
                    depth++;
                } else if (token.isPunct(")")) {
                    depth--;
                } else if (depth == 0 && token.is("COLLATE") && i + 1 < part.size()) {
                    collations.put(column, part.get(i + 1).name()); // the last one counts, as in SQLite
                } else if (depth == 0 && token.is("REFERENCES")) {
                    int next = indexAtDepthZero(part, i + 1, t -> t.is("REFERENCES"));
                    foreignKeys.add(new ForeignKey(List.of(column), nameAt(part, i + 1),
                            deferred(part, i, next < 0 ? part.size() : next)));
                }
            }
        }
        return new Table(collations, foreignKeys);
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

package io.rxlator.runtime.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads GlusterFS's volfile grammar:
 *
 * <pre>
 * volume NAME
 *     type CATEGORY/NAME
 *     option KEY VALUE        # zero or more
 *     subvolumes A B ...      # at most one line
 * end-volume
 * </pre>
 *
 * <p>Tokens are separated by white space; {@code #} starts a comment when it begins a
 * token; {@code "quoted"} tokens may hold spaces and {@code \x} stands for x. Keywords are
 * lowercase, and a quoted word is never a keyword. Unlike GlusterFS the parser goes on after
 * an error and reports them all, and text in backquotes is never run: it is an error.
 */
final class VolfileParser {

    private static final Set<String> KEYWORDS = Set.of("volume", "type", "option", "subvolumes", "end-volume");

    private record Token(String text, int line, boolean quoted) {

        boolean is(String keyword) {
            return !quoted && (text.equals(keyword) || (keyword.equals("subvolumes") && text.equals("subvolumeS")));
        }

        boolean isKeyword() {
            return !quoted && (KEYWORDS.contains(text) || text.equals("subvolumeS"));
        }

        @Override
        public String toString() {
            return quoted ? "\"" + text + "\"" : "'" + text + "'";
        }
    }

    private final String file;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Token> tokens = new ArrayList<>();
    private final Set<String> broken = new java.util.LinkedHashSet<>();
    private int pos;

    private VolfileParser(String file) {
        this.file = file;
    }

    /**
     * Parses {@code text}; problems go to {@code out}, the names of volumes that did not parse
     * to {@code broken}, and the volumes that parsed are returned.
     */
    static List<VolumeSpec> parse(String text, String file, List<Problem> out, Set<String> broken) {
        VolfileParser p = new VolfileParser(file);
        p.lex(text);
        List<VolumeSpec> volumes = p.volumes();
        List<Problem> sorted = new ArrayList<>(p.problems);
        sorted.sort(java.util.Comparator.comparingInt(Problem::line));
        out.addAll(sorted);
        broken.addAll(p.broken);
        return volumes;
    }

    // ---- lexer ----

    private void lex(String text) {
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                i++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                int start = line;
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == '\n') {
                        break;
                    }
                    if (d == '\\' && i + 1 < n && text.charAt(i + 1) != '\n') {
                        sb.append(text.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    sb.append(d);
                    i++;
                }
                if (!closed) {
                    problems.add(Problem.error(file, start, null, "unterminated quoted string \"" + sb
                            + "\" (a quoted value must end with \" on the same line)"));
                }
                addToken(sb.toString(), start, true);
            } else {
                int start = i;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == '\f' || d == '"') {
                        break;
                    }
                    i++;
                }
                String word = text.substring(start, i);
                if (word.indexOf('\\') >= 0) {
                    problems.add(Problem.error(file, line, null, "backslash in unquoted word '" + word
                            + "' (put the value in double quotes)"));
                }
                addToken(word, line, false);
            }
        }
    }

    private void addToken(String text, int line, boolean quoted) {
        if (text.indexOf('`') >= 0) {
            problems.add(Problem.error(file, line, null, "backquoted text in " + (quoted ? "\"" + text + "\"" : "'" + text
                    + "'") + ": GlusterFS runs it as a shell command; rxlator never runs commands from a volfile"));
        }
        tokens.add(new Token(text, line, quoted));
    }

    // ---- parser ----

    private @Nullable Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private int lastLine() {
        return tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).line();
    }

    private List<VolumeSpec> volumes() {
        List<VolumeSpec> out = new ArrayList<>();
        while (peek() != null) {
            Token t = peek();
            if (t.is("volume")) {
                pos++;
                VolumeSpec v = volume(t);
                if (v != null) {
                    out.add(v);
                }
            } else {
                problems.add(Problem.error(file, t.line(), null, "expected 'volume', found " + t + hint(t)));
                pos++;
                while (peek() != null && !peek().is("volume")) {
                    pos++;
                }
            }
        }
        if (out.isEmpty() && problems.isEmpty()) {
            problems.add(Problem.error(file, 0, null, "no volumes defined (a volfile needs at least one 'volume NAME ... end-volume' block)"));
        }
        return out;
    }

    private @Nullable VolumeSpec volume(Token volumeToken) {
        Token nameTok = peek();
        if (nameTok == null || nameTok.isKeyword()) {
            problems.add(Problem.error(file, volumeToken.line(), null, "'volume' needs a name"));
            skipToEnd();
            return null;
        }
        pos++;
        String name = nameTok.text();
        String type = null;
        int typeLine = 0;
        List<OptionSetting> options = new ArrayList<>();
        List<SubvolumeRef> subvolumes = new ArrayList<>();
        int subvolumesLine = 0;
        boolean ok = true;
        while (true) {
            Token t = peek();
            if (t == null) {
                problems.add(Problem.error(file, lastLine(), name, "'end-volume' not found before the end of the file"));
                broken.add(name);
                return null;
            }
            if (t.is("end-volume")) {
                pos++;
                break;
            }
            if (t.is("volume")) {
                problems.add(Problem.error(file, t.line(), name, "'end-volume' missing before the next 'volume' on line "
                        + t.line()));
                broken.add(name);
                return null;
            }
            pos++;
            if (t.is("type")) {
                Token v = value();
                if (v == null) {
                    problems.add(Problem.error(file, t.line(), name, "'type' needs a value, e.g. 'type storage/posix'"));
                    ok = false;
                } else if (type != null) {
                    problems.add(Problem.error(file, t.line(), name, "'type' given twice (first on line " + typeLine + ")"));
                    ok = false;
                } else {
                    if (!options.isEmpty() || !subvolumes.isEmpty()) {
                        problems.add(Problem.error(file, t.line(), name,
                                "'type' must come before the volume's options and subvolumes"));
                        ok = false;
                    }
                    type = v.text();
                    typeLine = t.line();
                }
            } else if (t.is("option")) {
                Token k = value();
                if (k == null) {
                    problems.add(Problem.error(file, t.line(), name, "'option' needs a key and a value"));
                    ok = false;
                    continue;
                }
                Token v = value();
                if (v == null) {
                    Token next = peek();
                    String found = next == null ? "the end of the file" : next.toString();
                    problems.add(new Problem(Problem.Severity.ERROR, file, t.line(), name, k.text(), null,
                            "option has no value (found " + found + "; quote the value if it is a keyword, e.g. \""
                                    + (next == null ? "value" : next.text()) + "\")"));
                    ok = false;
                    continue;
                }
                options.add(new OptionSetting(k.text(), v.text(), t.line()));
            } else if (t.is("subvolumes")) {
                if (subvolumesLine > 0) {
                    problems.add(Problem.error(file, t.line(), name, "second 'subvolumes' line (the first is on line "
                            + subvolumesLine + "; list every child on one line)"));
                    ok = false;
                }
                subvolumesLine = t.line();
                int before = subvolumes.size();
                for (Token v = value(); v != null; v = value()) {
                    subvolumes.add(new SubvolumeRef(v.text(), v.line()));
                }
                if (subvolumes.size() == before) {
                    problems.add(Problem.error(file, t.line(), name, "'subvolumes' needs at least one volume name"));
                    ok = false;
                }
            } else {
                problems.add(Problem.error(file, t.line(), name, "expected type, option, subvolumes or end-volume, found "
                        + t + hint(t)));
                ok = false;
            }
        }
        if (type == null) {
            problems.add(Problem.error(file, volumeToken.line(), name, "no 'type' given (e.g. 'type storage/posix')"));
            ok = false;
        }
        if (!ok) {
            broken.add(name);
            return null;
        }
        return new VolumeSpec(name, type, options, subvolumes, volumeToken.line(), null,
                typeLine > 0 ? typeLine : volumeToken.line());
    }

    /** The next token if it is a value (not a keyword), consuming it; otherwise null. */
    private @Nullable Token value() {
        Token t = peek();
        if (t == null || t.isKeyword()) {
            return null;
        }
        if (!t.quoted() && isMiscasedKeyword(t.text())) {
            return null;
        }
        pos++;
        return t;
    }

    private void skipToEnd() {
        while (peek() != null && !peek().is("end-volume") && !peek().is("volume")) {
            pos++;
        }
        if (peek() != null && peek().is("end-volume")) {
            pos++;
        }
    }

    private static boolean isMiscasedKeyword(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return !word.equals(lower) && KEYWORDS.contains(lower);
    }

    private static String hint(Token t) {
        if (!t.quoted() && isMiscasedKeyword(t.text())) {
            return " (keywords are lowercase: write '" + t.text().toLowerCase(Locale.ROOT) + "')";
        }
        return "";
    }
}

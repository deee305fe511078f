package io.rxlator.runtime.internal;

import java.util.regex.Pattern;

/**
 * Shell patterns as GlusterFS matches option keys and values with {@code fnmatch(3)} and
 * {@code FNM_EXTMATCH}: {@code *}, {@code ?}, {@code [...]}, and the extended forms
 * {@code ?(a|b)}, {@code *(a|b)}, {@code +(a|b)}, {@code @(a|b)} and {@code !(a|b)}.
 */
public final class Glob {

    private Glob() {
    }

    /** True if {@code pattern} has any pattern characters. */
    public static boolean isPattern(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || ((c == '+' || c == '@' || c == '!') && i + 1 < pattern.length()
                    && pattern.charAt(i + 1) == '(')) {
                return true;
            }
        }
        return false;
    }

    /** True if the whole of {@code text} matches {@code pattern}. */
    public static boolean matches(String pattern, String text) {
        return isPattern(pattern) ? compile(pattern).matcher(text).matches() : pattern.equals(text);
    }

    /** The pattern as a Java regular expression. */
    public static Pattern compile(String pattern) {
        return Pattern.compile(translate(pattern, 0, pattern.length()), Pattern.DOTALL);
    }

    private static String translate(String p, int from, int to) {
        StringBuilder re = new StringBuilder();
        int i = from;
        while (i < to) {
            char c = p.charAt(i);
            if ((c == '?' || c == '*' || c == '+' || c == '@' || c == '!') && i + 1 < to && p.charAt(i + 1) == '(') {
                int close = matchingParen(p, i + 1, to);
                if (close > 0) {
                    String inner = alternatives(p, i + 2, close);
                    switch (c) {
                        case '?' -> re.append("(?:").append(inner).append(")?");
                        case '*' -> re.append("(?:").append(inner).append(")*");
                        case '+' -> re.append("(?:").append(inner).append(")+");
                        case '@' -> re.append("(?:").append(inner).append(")");
                        default -> re.append("(?:(?!(?:").append(inner).append(")$).*?)");
                    }
                    i = close + 1;
                    continue;
                }
            }
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int close = p.indexOf(']', i + 2);
                    if (close < 0 || close >= to) {
                        re.append("\\[");
                    } else {
                        String set = p.substring(i + 1, close);
                        if (set.startsWith("!")) {
                            set = "^" + set.substring(1);
                        }
                        re.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = close;
                    }
                }
                case '\\' -> {
                    if (i + 1 < to) {
                        re.append(Pattern.quote(String.valueOf(p.charAt(++i))));
                    } else {
                        re.append("\\\\");
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return re.toString();
    }

    private static String alternatives(String p, int from, int to) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            char c = p.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.append(translate(p, start, i)).append('|');
                start = i + 1;
            }
        }
        return out.append(translate(p, start, to)).toString();
    }

    private static int matchingParen(String p, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            if (p.charAt(i) == '(') {
                depth++;
            } else if (p.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}

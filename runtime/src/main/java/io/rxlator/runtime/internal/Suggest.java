package io.rxlator.runtime.internal;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" suggestions for misspelt keys, types and names. */
public final class Suggest {

    /** Words longer than this get no suggestion. */
    private static final int MAX_WORD = 256;

    private Suggest() {
    }

    /**
     * The candidate closest to {@code word} by edit distance (adjacent swaps count once), if it
     * is close enough to be a likely typo; otherwise null.
     */
    public static String closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        if (word.length() > MAX_WORD) {
            return null;
        }
        String w = word.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            if (c.length() > MAX_WORD || Math.abs(c.length() - word.length()) > 3) {
                continue; // too far apart to be a typo; also bounds the work
            }
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best == null) {
            return null;
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }

    /** " (did you mean 'x'?)" or "" when nothing is close. */
    public static String didYouMean(String word, Collection<String> candidates) {
        String c = closest(word, candidates);
        return c == null ? "" : "; did you mean '" + c + "'?";
    }
}

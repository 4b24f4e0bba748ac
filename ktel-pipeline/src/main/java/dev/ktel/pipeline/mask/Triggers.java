package dev.ktel.pipeline.mask;

/** Cheap scans the built-in rules use as prefilters (see {@link MaskRule.Prefilter}). */
final class Triggers {
    /** Lower-case stems of the secret key names of {@link BuiltinRules}: pass, pwd, secret, token, ... */
    private static final String[] SECRET_WORDS = {"pass", "pwd", "secret", "token", "credential", "auth", "cookie",
        "session", "key"};
    private static final String[] AWS_PREFIXES = {"AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA"};

    private Triggers() {
    }

    static boolean hasAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return true;
            }
        }
        return false;
    }

    static boolean hasSecretWord(String s) {
        for (String w : SECRET_WORDS) {
            if (containsIgnoreCase(s, w)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasAwsPrefix(String s) {
        for (String p : AWS_PREFIXES) {
            if (s.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** ASCII case-insensitive search for a lower-case needle. */
    static boolean containsIgnoreCase(String s, String lowerNeedle) {
        int n = lowerNeedle.length();
        char first = lowerNeedle.charAt(0);
        for (int i = 0, last = s.length() - n; i <= last; i++) {
            if ((s.charAt(i) | 0x20) == first && s.regionMatches(true, i, lowerNeedle, 0, n)) {
                return true;
            }
        }
        return false;
    }
}

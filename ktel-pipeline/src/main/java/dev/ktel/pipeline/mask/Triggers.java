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

    /**
     * Whether a key names a secret: it contains pass, pwd, secret, token, credential, auth, cookie or session, or
     * "key" as a word part (api_key, ssh-key, key; not monkey or keyboard) — unless it names where the secret is
     * rather than the secret (--password-file, key_path, token-dir).
     */
    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        if (k.endsWith("file") || k.endsWith("path") || k.endsWith("dir")) {
            int cut = k.length() - (k.endsWith("dir") ? 3 : 4);
            if (cut > 0 && "-_.".indexOf(k.charAt(cut - 1)) >= 0) {
                return false;
            }
        }
        for (String w : new String[] {"pass", "pwd", "secret", "token", "credential", "auth", "cookie", "session"}) {
            if (k.contains(w)) {
                return true;
            }
        }
        for (int i = k.indexOf("key"); i >= 0; i = k.indexOf("key", i + 1)) {
            boolean startOk = i == 0 || !Character.isLetterOrDigit(k.charAt(i - 1)) || k.startsWith("api", i - 3);
            boolean endOk = i + 3 == k.length() || !Character.isLetter(k.charAt(i + 3));
            if (startOk && endOk) {
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

package dev.ktel.collectors.process;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in a process's arguments before they become a label: values of {@code --password=x},
 * {@code --token x}, {@code api_key=x}, {@code -p=x}-style flags whose name mentions a secret, user:password in
 * URLs, and the word after {@code Bearer}. Values are replaced by {@code ***}. Pure; cold path (only the
 * top-N processes, only when the {@code cmdline} option is on).
 */
public final class CmdlineMasker {
    /** Names that mark the value as secret: password, passwd, pwd, secret, token, key, credential, auth. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(pass(word|wd)?|pwd|secret|token|[-_.]?key|credential|auth|cookie|session).*");
    private static final Pattern URL_USERINFO = Pattern.compile("(\\w+://[^/\\s:@]+:)[^/\\s@]+@");
    private static final int MAX_LENGTH = 512;

    private CmdlineMasker() {
    }

    /** The arguments joined by spaces, secrets masked, truncated to 512 characters. */
    public static String mask(List<String> args) {
        StringBuilder b = new StringBuilder();
        boolean maskNext = false;
        for (String arg : args) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            if (maskNext && !arg.startsWith("-")) {
                b.append("***");
                maskNext = false;
                continue;
            }
            maskNext = false;
            int eq = arg.indexOf('=');
            if (eq > 0 && isSecretName(arg.substring(0, eq))) {
                b.append(arg, 0, eq + 1).append("***");
            } else if (arg.startsWith("-") && eq < 0 && isSecretName(arg)) {
                b.append(arg);
                maskNext = true; // "--password hunter2"
            } else if (arg.equalsIgnoreCase("bearer") || arg.equalsIgnoreCase("authorization:")) {
                b.append(arg);
                maskNext = true;
            } else {
                b.append(maskUrls(arg));
            }
        }
        if (b.length() > MAX_LENGTH) {
            b.setLength(MAX_LENGTH - 3);
            b.append("...");
        }
        return b.toString();
    }

    /** Splits /proc/PID/cmdline (NUL-separated arguments) and masks it. */
    public static String maskProcCmdline(byte[] data, int length) {
        java.util.ArrayList<String> args = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || data[i] == 0) {
                if (i > start) {
                    args.add(new String(data, start, i - start, java.nio.charset.StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return mask(args);
    }

    private static boolean isSecretName(String name) {
        String n = name;
        while (n.startsWith("-")) {
            n = n.substring(1);
        }
        // "-p" alone is too ambiguous (port, path); single letters are not treated as secrets
        return n.length() > 1 && SECRET_NAME.matcher(n).matches()
                && !n.toLowerCase(java.util.Locale.ROOT).endsWith("-file") && !n.toLowerCase(java.util.Locale.ROOT)
                .endsWith("_file") && !n.toLowerCase(java.util.Locale.ROOT).endsWith("path");
    }

    private static String maskUrls(String arg) {
        Matcher m = URL_USERINFO.matcher(arg);
        return m.find() ? m.replaceAll("$1***@") : arg;
    }
}

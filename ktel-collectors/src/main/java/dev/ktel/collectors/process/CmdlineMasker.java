package dev.ktel.collectors.process;

import dev.ktel.pipeline.mask.MaskingPolicy;
import java.util.List;

/**
 * Masks secrets in a process's arguments before they become a label, with the agent's one masking policy (its
 * built-in rules: secret flags and key=value pairs, credentials in URLs, bearer tokens, JWTs, keys, emails), and
 * cuts the line to 512 characters. Cold path: only the top-N processes, only when the {@code cmdline} option is
 * on. With {@code pipeline.masking.label-values} on, the configured policy (user rules, IPs) applies on top.
 */
public final class CmdlineMasker {
    private static final MaskingPolicy POLICY = MaskingPolicy.defaults();

    private CmdlineMasker() {
    }

    /** The arguments joined by spaces, secrets masked, truncated to 512 characters. */
    public static String mask(List<String> args) {
        return POLICY.maskCommandLine(args);
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
}

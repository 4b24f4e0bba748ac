package dev.ktel.pipeline.mask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;

/**
 * The one masking policy of the agent: built-in rules (private keys, credentials in URLs, bearer tokens, JWTs,
 * AWS access keys, secret key=value pairs and flags, emails; IPv4/IPv6 when asked, since addresses are often
 * wanted) plus user rules, applied in that order to label values, command lines and event messages before
 * anything leaves the host. Counts masked items per rule. Thread-safe.
 */
public final class MaskingPolicy {
    /** Longest command line kept, as before: a label value this long is already unwieldy. */
    public static final int MAX_COMMAND_LINE = 512;

    private final List<MaskRule> rules;
    private final LongAdder[] counts;

    private MaskingPolicy(List<MaskRule> rules) {
        this.rules = List.copyOf(rules);
        this.counts = new LongAdder[rules.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** The built-in rules without IP masking: what is used when nothing is configured. */
    public static MaskingPolicy defaults() {
        return create(false, false, true, List.of());
    }

    /**
     * @param maskIpv4   also mask IPv4 addresses (off by default: addresses are often what an operator needs)
     * @param maskIpv6   also mask IPv6 addresses (off by default)
     * @param maskEmails mask email addresses (on by default)
     * @param userRules  extra rules, run after the built-in ones
     */
    public static MaskingPolicy create(boolean maskIpv4, boolean maskIpv6, boolean maskEmails,
            List<MaskRule> userRules) {
        List<MaskRule> r = new ArrayList<>(List.of(BuiltinRules.PRIVATE_KEY, BuiltinRules.URL_CREDENTIALS,
                BuiltinRules.BEARER, BuiltinRules.JWT, BuiltinRules.AWS_ACCESS_KEY, BuiltinRules.KEY_VALUE,
                BuiltinRules.SECRET_FLAG));
        if (maskEmails) {
            r.add(BuiltinRules.EMAIL);
        }
        if (maskIpv4) {
            r.add(BuiltinRules.IPV4);
        }
        if (maskIpv6) {
            r.add(BuiltinRules.IPV6);
        }
        for (MaskRule u : userRules) {
            if (r.stream().anyMatch(x -> x.name().equals(u.name()))) {
                throw new IllegalArgumentException("rule name \"" + u.name() + "\" is already used");
            }
            r.add(u);
        }
        return new MaskingPolicy(r);
    }

    public List<MaskRule> rules() {
        return rules;
    }

    /** Items masked so far by rule {@code i} of {@link #rules()}. */
    public long maskedCount(int i) {
        return counts[i].sum();
    }

    /** The text with every rule applied; the same instance when nothing matched (the common case). */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = text;
        for (int i = 0; i < rules.size(); i++) {
            MaskRule r = rules.get(i);
            if (!r.prefilter().mayMatch(s)) {
                continue;
            }
            Matcher m = r.pattern().matcher(s);
            StringBuilder b = null;
            int n = 0;
            int from = 0;
            int copied = 0;
            while (from <= s.length() && m.find(from)) {
                if (!r.filter().accept(m)) {
                    from = m.start() + 1; // as a regex would: try the next start position, not after the match
                    continue;
                }
                if (b == null) {
                    b = new StringBuilder(s.length() + 16);
                }
                b.append(s, copied, m.start());
                // find(int) resets the append position, so this appends s[0, start) and then the replacement
                StringBuilder one = new StringBuilder(m.start() + 16);
                m.appendReplacement(one, r.replacement());
                b.append(one, m.start(), one.length());
                copied = m.end();
                from = m.end() > m.start() ? m.end() : m.end() + 1;
                n++;
            }
            if (b == null) {
                continue;
            }
            b.append(s, copied, s.length());
            counts[i].add(n);
            s = b.toString();
        }
        return s;
    }

    /** A command line (arguments joined by spaces), masked and cut to {@link #MAX_COMMAND_LINE} characters. */
    public String maskCommandLine(List<String> args) {
        String masked = mask(String.join(" ", args));
        if (masked.length() > MAX_COMMAND_LINE) {
            masked = masked.substring(0, MAX_COMMAND_LINE - 3) + "...";
        }
        return masked;
    }
}

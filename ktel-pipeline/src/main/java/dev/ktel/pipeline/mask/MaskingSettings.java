package dev.ktel.pipeline.mask;

import java.util.List;

/**
 * Masking configuration.
 *
 * @param enabled     mask events and command lines (default true)
 * @param ipv4        also mask IPv4 addresses (default false: addresses are usually wanted)
 * @param ipv6        also mask IPv6 addresses (default false)
 * @param emails      mask email addresses (default true)
 * @param labelValues also mask every metric label value on /metrics and forwarded series (default false: the
 *                    collectors that carry free text, such as the process cmdline label, mask at the source)
 * @param rules       user rules, run after the built-in ones
 */
public record MaskingSettings(boolean enabled, boolean ipv4, boolean ipv6, boolean emails, boolean labelValues,
        List<MaskRule> rules) {
    public static final MaskingSettings DEFAULT = new MaskingSettings(true, false, false, true, false, List.of());

    public MaskingSettings {
        rules = List.copyOf(rules);
    }

    public MaskingPolicy policy() {
        return MaskingPolicy.create(ipv4, ipv6, emails, rules);
    }
}

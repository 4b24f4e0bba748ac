package dev.ktel.pipeline.relabel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies relabel rules in order to one label set, with Prometheus' semantics. Not thread-safe (it reuses a
 * digest and a scratch list); one instance per sink.
 */
public final class Relabeler {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final List<RelabelRule> rules;
    private final MessageDigest md5;
    private final List<String> scratch = new ArrayList<>();

    public Relabeler(List<RelabelRule> rules) {
        this.rules = List.copyOf(rules);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }

    public List<RelabelRule> rules() {
        return rules;
    }

    /** Relabels {@code labels} in place; false when a rule dropped the series. */
    public boolean apply(LabelSet labels) {
        for (RelabelRule r : rules) {
            if (!apply(r, labels)) {
                return false;
            }
        }
        return true;
    }

    private boolean apply(RelabelRule r, LabelSet labels) {
        switch (r.action()) {
            case DROP -> {
                return !r.pattern().matcher(sourceValue(r, labels)).matches();
            }
            case KEEP -> {
                return r.pattern().matcher(sourceValue(r, labels)).matches();
            }
            case KEEPEQUAL -> {
                return sourceValue(r, labels).equals(labels.get(r.targetLabel()));
            }
            case DROPEQUAL -> {
                return !sourceValue(r, labels).equals(labels.get(r.targetLabel()));
            }
            case REPLACE -> replace(r, labels);
            case LOWERCASE -> labels.set(r.targetLabel(), sourceValue(r, labels).toLowerCase(Locale.ROOT));
            case UPPERCASE -> labels.set(r.targetLabel(), sourceValue(r, labels).toUpperCase(Locale.ROOT));
            case HASHMOD -> labels.set(r.targetLabel(),
                    Long.toUnsignedString(Long.remainderUnsigned(sum64(sourceValue(r, labels)), r.modulus())));
            case LABELMAP -> {
                scratch.clear();
                scratch.addAll(labels.names());
                for (String name : scratch) {
                    Matcher m = r.pattern().matcher(name);
                    if (m.matches()) {
                        labels.set(ReplacementTemplate.expand(r.replacement(), m), labels.get(name));
                    }
                }
            }
            case LABELDROP -> labels.names().removeIf(n -> r.pattern().matcher(n).matches());
            case LABELKEEP -> labels.names().removeIf(n -> !r.pattern().matcher(n).matches());
            default -> throw new IllegalStateException("unhandled action " + r.action());
        }
        return true;
    }

    private static void replace(RelabelRule r, LabelSet labels) {
        Matcher m = r.pattern().matcher(sourceValue(r, labels));
        if (!m.matches()) {
            return;
        }
        String target = ReplacementTemplate.expand(r.targetLabel(), m);
        if (!LABEL_NAME.matcher(target).matches()) {
            return; // Prometheus skips the rule when the expanded target is not a label name
        }
        labels.set(target, ReplacementTemplate.expand(r.replacement(), m));
    }

    private static String sourceValue(RelabelRule r, LabelSet labels) {
        List<String> src = r.sourceLabels();
        if (src.size() == 1) {
            return labels.get(src.getFirst());
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < src.size(); i++) {
            if (i > 0) {
                b.append(r.separator());
            }
            b.append(labels.get(src.get(i)));
        }
        return b.toString();
    }

    /** The last 8 bytes of the MD5 digest as an unsigned big-endian number, as Prometheus' hashmod. */
    private long sum64(String value) {
        byte[] h = md5.digest(value.getBytes(StandardCharsets.UTF_8));
        long s = 0;
        for (int i = 8; i < 16; i++) {
            s = (s << 8) | (h[i] & 0xff);
        }
        return s;
    }
}

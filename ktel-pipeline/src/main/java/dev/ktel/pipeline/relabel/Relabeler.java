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
 * Applies relabel rules in order to one label set, with Prometheus' semantics. Not thread-safe: it reuses one
 * matcher per rule, a builder for joined source values and a digest, so a rule that does not fire allocates
 * nothing. One instance per sink.
 */
public final class Relabeler {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final List<RelabelRule> rules;
    private final Matcher[] matchers;
    private final Matcher labelName = LABEL_NAME.matcher("");
    private final MessageDigest md5;
    private final StringBuilder joined = new StringBuilder(64);
    private final List<String> scratch = new ArrayList<>();

    public Relabeler(List<RelabelRule> rules) {
        this.rules = List.copyOf(rules);
        this.matchers = new Matcher[this.rules.size()];
        for (int i = 0; i < matchers.length; i++) {
            matchers[i] = this.rules.get(i).pattern().matcher("");
        }
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
        for (int i = 0; i < matchers.length; i++) {
            if (!apply(rules.get(i), matchers[i], labels)) {
                return false;
            }
        }
        return true;
    }

    private boolean apply(RelabelRule r, Matcher m, LabelSet labels) {
        switch (r.action()) {
            case DROP -> {
                return !m.reset(sourceValue(r, labels)).matches();
            }
            case KEEP -> {
                return m.reset(sourceValue(r, labels)).matches();
            }
            case KEEPEQUAL -> {
                return labels.get(r.targetLabel()).contentEquals(sourceValue(r, labels));
            }
            case DROPEQUAL -> {
                return !labels.get(r.targetLabel()).contentEquals(sourceValue(r, labels));
            }
            case REPLACE -> replace(r, m, labels);
            case LOWERCASE -> labels.set(r.targetLabel(),
                    sourceValue(r, labels).toString().toLowerCase(Locale.ROOT));
            case UPPERCASE -> labels.set(r.targetLabel(),
                    sourceValue(r, labels).toString().toUpperCase(Locale.ROOT));
            case HASHMOD -> labels.set(r.targetLabel(), Long.toUnsignedString(
                    Long.remainderUnsigned(sum64(sourceValue(r, labels).toString()), r.modulus())));
            case LABELMAP -> {
                labels.namesInto(scratch);
                for (int i = 0; i < scratch.size(); i++) {
                    String name = scratch.get(i);
                    if (m.reset(name).matches()) {
                        labels.set(ReplacementTemplate.expand(r.replacement(), m), labels.get(name));
                    }
                }
            }
            case LABELDROP -> labels.removeNames(m, true);
            case LABELKEEP -> labels.removeNames(m, false);
            default -> throw new IllegalStateException("unhandled action " + r.action());
        }
        return true;
    }

    private void replace(RelabelRule r, Matcher m, LabelSet labels) {
        if (!m.reset(sourceValue(r, labels)).matches()) {
            return;
        }
        String target = ReplacementTemplate.expand(r.targetLabel(), m);
        if (!labelName.reset(target).matches()) {
            return; // Prometheus skips the rule when the expanded target is not a label name
        }
        labels.set(target, ReplacementTemplate.expand(r.replacement(), m));
    }

    /** The source labels' values joined by the separator; a reused builder when there are several. */
    private CharSequence sourceValue(RelabelRule r, LabelSet labels) {
        List<String> src = r.sourceLabels();
        if (src.size() == 1) {
            return labels.get(src.getFirst());
        }
        joined.setLength(0);
        for (int i = 0; i < src.size(); i++) {
            if (i > 0) {
                joined.append(r.separator());
            }
            joined.append(labels.get(src.get(i)));
        }
        return joined;
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

package dev.ktel.pipeline.relabel;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One relabel_config rule with Prometheus' defaults and validation: separator {@code ;}, regex {@code (.*)}
 * (always fully anchored), replacement {@code $1}, action {@code replace}. Build with {@link #builder()}; an
 * invalid combination is an {@link IllegalArgumentException} naming the field.
 */
public record RelabelRule(List<String> sourceLabels, String separator, String regex, Pattern pattern,
        long modulus, String targetLabel, String replacement, RelabelAction action) {

    public static final String DEFAULT_SEPARATOR = ";";
    public static final String DEFAULT_REGEX = "(.*)";
    public static final String DEFAULT_REPLACEMENT = "$1";

    private static final Pattern DEFAULT_PATTERN = Builder.compile(DEFAULT_REGEX);
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** A target that may hold $1 / ${name} references (Prometheus' relabelTarget). */
    private static final Pattern TEMPLATED_NAME = Pattern.compile("(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+}|\\w+))+\\w*)+");

    public RelabelRule {
        sourceLabels = List.copyOf(sourceLabels);
        for (String s : sourceLabels) {
            if (!LABEL_NAME.matcher(s).matches()) {
                throw new IllegalArgumentException("source_labels: \"" + s + "\" is not a valid label name");
            }
        }
        validate(action, sourceLabels, separator, regex, modulus, targetLabel, replacement);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void validate(RelabelAction action, List<String> sources, String separator, String regex,
            long modulus, String target, String replacement) {
        String a = action.configName();
        switch (action) {
            case REPLACE, HASHMOD, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> {
                if (target == null || target.isEmpty()) {
                    throw new IllegalArgumentException("action " + a + " requires target_label");
                }
            }
            default -> {
            }
        }
        switch (action) {
            case REPLACE -> {
                if (!TEMPLATED_NAME.matcher(target).matches()) {
                    throw new IllegalArgumentException("target_label: \"" + target + "\" is invalid for action replace");
                }
            }
            case HASHMOD, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> {
                if (!LABEL_NAME.matcher(target).matches()) {
                    throw new IllegalArgumentException("target_label: \"" + target + "\" is invalid for action " + a);
                }
            }
            case LABELMAP -> {
                if (!TEMPLATED_NAME.matcher(replacement).matches()) {
                    throw new IllegalArgumentException("replacement: \"" + replacement
                            + "\" is invalid for action labelmap");
                }
            }
            default -> {
            }
        }
        if (action == RelabelAction.HASHMOD && modulus == 0) {
            throw new IllegalArgumentException("action hashmod requires a non-zero modulus");
        }
        if (action == RelabelAction.LABELDROP || action == RelabelAction.LABELKEEP) {
            if (!sources.isEmpty() || target != null || modulus != 0 || !separator.equals(DEFAULT_SEPARATOR)
                    || !replacement.equals(DEFAULT_REPLACEMENT)) {
                throw new IllegalArgumentException("action " + a + " takes only regex (no source_labels, target_label, "
                        + "modulus, separator or replacement)");
            }
        }
        if (action == RelabelAction.KEEPEQUAL || action == RelabelAction.DROPEQUAL) {
            if (!regex.equals(DEFAULT_REGEX) || modulus != 0 || !separator.equals(DEFAULT_SEPARATOR)
                    || !replacement.equals(DEFAULT_REPLACEMENT)) {
                throw new IllegalArgumentException("action " + a
                        + " takes only source_labels and target_label (no regex, modulus, separator or replacement)");
            }
        }
    }

    /** Collects the fields of a rule; unset fields take Prometheus' defaults. */
    public static final class Builder {
        private List<String> sourceLabels = List.of();
        private String separator = DEFAULT_SEPARATOR;
        private String regex = DEFAULT_REGEX;
        private Pattern pattern = DEFAULT_PATTERN;
        private long modulus;
        private String targetLabel;
        private String replacement = DEFAULT_REPLACEMENT;
        private RelabelAction action = RelabelAction.REPLACE;

        public Builder sourceLabels(String... names) {
            this.sourceLabels = List.of(names);
            return this;
        }

        public Builder sourceLabels(List<String> names) {
            this.sourceLabels = List.copyOf(names);
            return this;
        }

        public Builder separator(String s) {
            this.separator = s;
            return this;
        }

        /** Compiled at once, so that a configuration error points at the regex itself. */
        public Builder regex(String r) {
            this.pattern = compile(r);
            this.regex = r;
            return this;
        }

        public Builder modulus(long m) {
            this.modulus = m;
            return this;
        }

        public Builder targetLabel(String t) {
            this.targetLabel = t;
            return this;
        }

        public Builder replacement(String r) {
            this.replacement = r;
            return this;
        }

        public Builder action(RelabelAction a) {
            this.action = a;
            return this;
        }

        public Builder action(String a) {
            this.action = RelabelAction.parse(a);
            return this;
        }

        public RelabelRule build() {
            return new RelabelRule(sourceLabels, separator, regex, pattern, modulus, targetLabel, replacement, action);
        }

        /** Fully anchored like Prometheus; RE2's {@code (?P<name>)} is accepted as Java's {@code (?<name>)}. */
        private static Pattern compile(String regex) {
            try {
                return Pattern.compile("^(?:" + regex.replace("(?P<", "(?<") + ")$", Pattern.DOTALL);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("regex: invalid: " + e.getDescription() + " in \"" + regex + "\"");
            }
        }
    }
}

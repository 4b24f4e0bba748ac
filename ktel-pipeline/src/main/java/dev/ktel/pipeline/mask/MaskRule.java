package dev.ktel.pipeline.mask;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One masking rule: every match of {@code pattern} is replaced by {@code replacement} ({@code $1} refers to a
 * group, Java syntax). Built-in rules keep a prefix group (the key, the scheme) so the masked text still reads.
 */
public record MaskRule(String name, Pattern pattern, String replacement, Prefilter prefilter, MatchFilter filter) {

    public static final String DEFAULT_REPLACEMENT = "***";

    /**
     * A cheap test that must be true whenever the pattern can match (a required character or word): the regex
     * runs only when it passes, which keeps the common case (nothing to mask) to a scan of the text.
     */
    @FunctionalInterface
    public interface Prefilter {
        Prefilter ALWAYS = s -> true;

        boolean mayMatch(String text);
    }

    /** Decides in code whether a match is masked (cheaper than expressing the condition in the regex). */
    @FunctionalInterface
    public interface MatchFilter {
        MatchFilter ALL = m -> true;

        boolean accept(java.util.regex.Matcher match);
    }

    public MaskRule {
        if (name == null || !name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new IllegalArgumentException("name: \"" + name + "\" must be a label value like my_rule");
        }
    }

    public MaskRule(String name, Pattern pattern, String replacement) {
        this(name, pattern, replacement, Prefilter.ALWAYS, MatchFilter.ALL);
    }

    public MaskRule(String name, Pattern pattern, String replacement, Prefilter prefilter) {
        this(name, pattern, replacement, prefilter, MatchFilter.ALL);
    }

    /** A user rule from configuration; the regex is searched (not anchored). */
    public static MaskRule of(String name, String regex, String replacement) {
        try {
            return new MaskRule(name, Pattern.compile(regex), replacement == null ? DEFAULT_REPLACEMENT : replacement);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("regex: invalid: " + e.getDescription() + " in \"" + regex + "\"");
        }
    }
}

package dev.ktel.pipeline.mask;

import java.util.regex.Pattern;

/**
 * The built-in masking rules, in the order they run. Order matters: whole blocks and structured credentials
 * first (a private key, a URL's user:password, a bearer token, a JWT), then secret-looking key=value pairs and
 * flags, then emails and, when enabled, IP addresses.
 */
final class BuiltinRules {
    // Which keys are secret is decided in code (Triggers.isSecretKey): a regex alternation of key words inside
    // [\w.-]* backtracks at every word start and made masking a log line cost tens of microseconds.
    /** A value that is not already masked and not an auth scheme word (the bearer rule masks what follows). */
    private static final String VALUE = "(?!\\*\\*\\*)(?!(?i:bearer|basic|token)\\b)[^\\s\"',;&]+";

    static final MaskRule PRIVATE_KEY = new MaskRule("private_key", Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?(?:-----END \\1PRIVATE KEY-----|\\z)", Pattern.DOTALL),
            "-----BEGIN $1PRIVATE KEY----- *** -----END $1PRIVATE KEY-----", s -> s.contains("PRIVATE KEY-----"));
    static final MaskRule URL_CREDENTIALS = new MaskRule("url_credentials", Pattern.compile(
            "\\b([a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:)[^/\\s@]+@"), "$1***@",
            s -> s.indexOf('@') >= 0 && s.contains("://"));
    static final MaskRule BEARER = new MaskRule("bearer_token", Pattern.compile(
            "(?i)\\b(bearer)(\\s+)(?!\\*\\*\\*)[A-Za-z0-9._~+/-]{8,}=*"), "$1$2***",
            s -> Triggers.containsIgnoreCase(s, "bearer"));
    static final MaskRule JWT = new MaskRule("jwt", Pattern.compile(
            "\\beyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"), "***",
            s -> s.contains("eyJ"));
    static final MaskRule AWS_ACCESS_KEY = new MaskRule("aws_access_key", Pattern.compile(
            "\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\\b"), "***",
            s -> s.length() >= 20 && Triggers.hasAwsPrefix(s));
    static final MaskRule KEY_VALUE = new MaskRule("secret_key_value", Pattern.compile(
            "(?<![\\w.-])(-{0,2}([\\w.-]+)[\"']?[=:]\\s?)(?:([\"'])(?!\\*\\*\\*)[^\"'\n]*\\3|" + VALUE + ")"),
            "$1$3***$3", s -> Triggers.hasAny(s, '=', ':') && Triggers.hasSecretWord(s),
            m -> Triggers.isSecretKey(m.group(2)));
    static final MaskRule SECRET_FLAG = new MaskRule("secret_flag", Pattern.compile(
            "(?<![\\w.-])(--?([\\w.-]+)\\s+)(?!-)" + VALUE), "$1***",
            s -> s.indexOf('-') >= 0 && s.indexOf(' ') >= 0 && Triggers.hasSecretWord(s),
            m -> Triggers.isSecretKey(m.group(2)));
    static final MaskRule EMAIL = new MaskRule("email", Pattern.compile(
            "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}\\b"), "***@***",
            s -> s.indexOf('@') >= 0);
    static final MaskRule IPV4 = new MaskRule("ipv4", Pattern.compile(
            "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
                    + "(?![\\w.])"), "x.x.x.x", s -> s.indexOf('.') >= 0);
    static final MaskRule IPV6 = new MaskRule("ipv6", Pattern.compile(
            "(?i)(?<![\\w:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}"
                    + "|(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?)"
                    + "(?![\\w:])"), "x:x::x", s -> s.indexOf(':') >= 0);

    private BuiltinRules() {
    }
}

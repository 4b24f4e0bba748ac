package dev.ktel.pipeline.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Realistic leaked strings are masked; realistic ordinary strings come back as the same instance. */
class MaskingPolicyTest {
    private final MaskingPolicy policy = MaskingPolicy.defaults();

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "mysqld --user=mysql --password=hunter2 --port=3306|mysqld --user=mysql --password=*** --port=3306",
        "app --token abc123 --verbose|app --token *** --verbose",
        "curl -H Authorization: Bearer eyJhbGciOiJIUzI1NiJ9 https://x|curl -H Authorization: Bearer *** https://x",
        "psql postgres://admin:s3cret@db:5432/app|psql postgres://admin:***@db:5432/app",
        "env AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY API_KEY=xyz HOME=/root"
            + "|env AWS_SECRET_ACCESS_KEY=*** API_KEY=*** HOME=/root",
        "java -Dapi.secret=zz -jar a.jar|java -Dapi.secret=*** -jar a.jar",
        "redis-server --requirepass topsecret|redis-server --requirepass ***",
        "aws s3 ls --access-key AKIAIOSFODNN7EXAMPLE|aws s3 ls --access-key ***",
        "using key AKIAIOSFODNN7EXAMPLE for upload|using key *** for upload",
        "login ok for jane.doe@example.com from console|login ok for ***@*** from console",
        "`{\"user\": \"bob\", \"password\": \"p@ss w0rd\"}`|`{\"user\": \"bob\", \"password\": \"***\"}`",
        "cookie: session_id=8f14e45fceea167a5a36dedd4bea2543|cookie: ***",
        "token=ghp_16C7e42F292c6912E7710c838347Ae178B4a rest|token=*** rest",
        "opts a=password=hunter2 user=bob passwd=x|opts a=password=*** user=bob passwd=***",
        "id_token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
            + "|id_token ***",
    })
    void masksLeaks(String in, String expected) {
        assertThat(policy.mask(in)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sleep 2",
        "e1000e 0000:00:1f.6 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: None",
        "EXT4-fs (sda1): mounted filesystem with ordered data mode. Quota mode: none.",
        "sd 0:0:0:0: [sda] Sense Key : Illegal Request [current]",
        "server --password-file=/etc/pw --tls-key-path=/k --token-dir /run/t",
        "Out of memory: Killed process 4242 (java) total-vm:8123456kB, anon-rss:4123456kB",
        "monkey=banana keyboard=us",
        "password policy updated for 3 users",
        "nginx: worker process",
        "10.0.0.12:9100",
        "fe80::1ff:fe23:4567:890a",
        "ktel --collector.process.cmdline=true",
    })
    void leavesOrdinaryTextAlone(String in) {
        assertThat(policy.mask(in)).isSameAs(in);
    }

    @Test
    void privateKeyBlockIsMaskedWhole() {
        String pem = """
                config loaded
                -----BEGIN RSA PRIVATE KEY-----
                MIIEowIBAAKCAQEAvO3n1uVbx2Wb9cVq3sT0G1rPxmIoqUOm1Y6bU9Q2lCkp4wK3
                q7h0E1l2Vv0Yb2E6Fz3kKZr9X0W1dF1n5y3QeR2l8Ymc3gQ5ZrYVt1HqvB6e8XkA
                -----END RSA PRIVATE KEY-----
                done""";
        String out = policy.mask(pem);
        assertThat(out).doesNotContain("MIIEow").contains("config loaded").contains("done")
                .contains("-----BEGIN RSA PRIVATE KEY----- *** -----END RSA PRIVATE KEY-----");
    }

    @Test
    void truncatedPrivateKeyIsMaskedToTheEnd() {
        assertThat(policy.mask("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC"))
                .doesNotContain("MIIEvQ");
    }

    @Test
    void ipMaskingIsOptIn() {
        String line = "conntrack: dropping packet from 192.168.1.20 to 2001:db8::8a2e:370:7334";
        assertThat(policy.mask(line)).isSameAs(line);
        MaskingPolicy strict = MaskingPolicy.create(true, true, true, List.of());
        assertThat(strict.mask(line)).isEqualTo("conntrack: dropping packet from x.x.x.x to x:x::x");
        assertThat(strict.mask("kernel 6.1.0-13-amd64, build 1.2.3")).isEqualTo("kernel 6.1.0-13-amd64, build 1.2.3");
        assertThat(strict.mask("up 12:34:56")).isEqualTo("up 12:34:56");
        assertThat(strict.mask("mac 00:1a:2b:3c:4d:5e")).isEqualTo("mac 00:1a:2b:3c:4d:5e");
    }

    @Test
    void userRulesRunAfterBuiltinsAndAreCounted() {
        MaskingPolicy p = MaskingPolicy.create(false, false, true,
                List.of(MaskRule.of("customer_id", "cust-[0-9]{6}", "cust-######")));
        assertThat(p.mask("order for cust-123456 and cust-654321 by a@b.io"))
                .isEqualTo("order for cust-###### and cust-###### by ***@***");
        int customer = p.rules().stream().map(MaskRule::name).toList().indexOf("customer_id");
        int email = p.rules().stream().map(MaskRule::name).toList().indexOf("email");
        assertThat(p.maskedCount(customer)).isEqualTo(2);
        assertThat(p.maskedCount(email)).isEqualTo(1);
    }

    @Test
    void badUserRulesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> MaskRule.of("x", "(", null)).hasMessageContaining("regex: invalid");
        assertThatThrownBy(() -> MaskRule.of("bad name", "x", null)).hasMessageContaining("name:");
        assertThatThrownBy(() -> MaskingPolicy.create(false, false, true, List.of(MaskRule.of("email", "x", null))))
                .hasMessageContaining("already used");
    }

    @Test
    void commandLinesAreJoinedMaskedAndCut() {
        assertThat(policy.maskCommandLine(List.of("redis-server", "--requirepass", "topsecret")))
                .isEqualTo("redis-server --requirepass ***");
        String longArg = "x".repeat(600);
        assertThat(policy.maskCommandLine(List.of("a", longArg))).hasSize(MaskingPolicy.MAX_COMMAND_LINE)
                .endsWith("...");
    }
}

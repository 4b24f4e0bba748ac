package dev.ktel.collectors.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktel.core.text.ParseErrors;
import dev.ktel.core.text.ProcParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcessParsersTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        // procfs fixture proc/26231/stat
        "26231 (vim) R 5392 7446 5392 34835 7446 4218880 32533 309516 26 82 1677 44 158 99 20 0 1 0 82375 56274944 "
                + "1981 18446744073709551615 4194304 6294284 140736914091744 140736914087944 139965136429984 0 0 "
                + "12288 1870679807 0 0 0 17 0 0 0 31 0 0 8391624 8481048 16420864 140736914093252 140736914093279 "
                + "140736914093279 140736914096107 0|vim|1721|82375|1981",
        "4242 (tmux: server) S 1 4242 4242 0 -1 4194560 100 0 0 0 7 3 0 0 20 0 1 0 900 10000 250 1 2|tmux: server"
                + "|10|900|250",
        "77 ((sd-pam)) S 76 76 76 0 -1 1077936448 58 0 0 0 0 0 0 0 20 0 1 0 1500 0 0|(sd-pam)|0|1500|0",
        "88 (a) b) R 1 1 1 0 -1 0 0 0 0 0 5 6 0 0 20 0 1 0 77 0 9 future fields|a) b|11|77|9",
    })
    void statParsesCommWithSpacesAndParens(String line, String comm, long ticks, long start, long rss) {
        ProcPidStatParser p = new ProcPidStatParser();
        byte[] in = b(line + "\n");
        p.parse("/proc/x/stat", in, in.length);
        assertThat(p.comm).isEqualTo(comm);
        assertThat(p.cpuTicks).isEqualTo(ticks);
        assertThat(p.startTime).isEqualTo(start);
        assertThat(p.rssPages).isEqualTo(rss);
    }

    @Test
    void statTruncatedAndMalformed() {
        ProcPidStatParser p = new ProcPidStatParser();
        byte[] in = b("1 (init) S 0 1 1 0 -1 0 0 0 0 0 12");
        assertThatThrownBy(() -> p.parse("/proc/1/stat", in, in.length)).isInstanceOf(ProcParseException.class)
                .hasMessageStartingWith("/proc/1/stat:1: field 15: missing");
        byte[] bad = b("1 (init) S 0 1 1 0 -1 0 0 0 0 0 x 1 0 0 20 0 1 0 5 0 0\n");
        assertThatThrownBy(() -> p.parse("/proc/1/stat", bad, bad.length))
                .hasMessage("/proc/1/stat:1: field 14 (utime): expected unsigned integer, got \"x\"");
        byte[] nocomm = b("1 init S\n");
        assertThatThrownBy(() -> p.parse("/proc/1/stat", nocomm, nocomm.length))
                .hasMessageStartingWith("/proc/1/stat:1: field 2 (comm): expected \"(comm)\"");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        // hybrid: memory preferred over cpu and v2
        "12:memory:/docker/abc\\n11:cpu,cpuacct:/docker/abc-cpu\\n0::/system.slice/docker.service|/docker/abc",
        "4:cpu,cpuacct:/kubepods/pod1/c1\\n0::/|/kubepods/pod1/c1",
        "0::/user.slice/user-1000.slice/session-3.scope|/user.slice/user-1000.slice/session-3.scope",
        "9:name=systemd:/init.scope\\n0::/init.scope|/init.scope",
        "4:memory:/a:b:c|/a:b:c",
        "5:cpuset:/x\\n4:memory:/m|/m",
    })
    void cgroupPicksMemoryThenCpuThenV2(String text, String expected) {
        byte[] in = b(text.replace("\\n", "\n") + "\n");
        assertThat(new ProcPidCgroupParser().parse("/proc/1/cgroup", in, in.length, ParseErrors.THROW))
                .isEqualTo(expected);
    }

    @Test
    void cgroupMalformedLineReported() {
        List<ProcParseException> errors = new ArrayList<>();
        byte[] in = b("garbage\n0::/ok\n");
        assertThat(new ProcPidCgroupParser().parse("/proc/1/cgroup", in, in.length, errors::add)).isEqualTo("/ok");
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage())
                .isEqualTo("/proc/1/cgroup:1: line: expected \"ID:CONTROLLERS:/PATH\", got \"garbage\""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "mysqld --user=mysql --password=hunter2 --port=3306|mysqld --user=mysql --password=*** --port=3306",
        "app --token abc123 --verbose|app --token *** --verbose",
        "curl -H Authorization: Bearer eyJhbGciOi https://x|curl -H Authorization: Bearer *** https://x",
        "psql postgres://admin:s3cret@db:5432/app|psql postgres://admin:***@db:5432/app",
        "env AWS_SECRET_ACCESS_KEY=abc API_KEY=xyz HOME=/root|env AWS_SECRET_ACCESS_KEY=*** API_KEY=*** HOME=/root",
        "server --password-file=/etc/pw --tls-key-path=/k|server --password-file=/etc/pw --tls-key-path=/k",
        "sleep 2|sleep 2",
        "java -Dapi.secret=zz -jar a.jar|java -Dapi.secret=*** -jar a.jar",
    })
    void masksSecrets(String cmdline, String expected) {
        assertThat(CmdlineMasker.mask(List.of(cmdline.split(" ")))).isEqualTo(expected);
    }

    @Test
    void masksNulSeparatedProcCmdline() {
        byte[] in = b("redis-server\0--requirepass\0topsecret\0");
        // "requirepass" contains "pass": the next argument is masked
        assertThat(CmdlineMasker.maskProcCmdline(in, in.length)).isEqualTo("redis-server --requirepass ***");
    }
}

package org.dynnd.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package in a booted Debian 12 whose PID 1 is systemd 252, used as its users would:
 * installed with apt, enabled, driven by root, by a member of group dynnd and by another user,
 * reloaded, stopped, socket-activated, refused a second daemon, purged. Each test reads the
 * journal as its evidence. The tests run in order on one container (each builds on the state the
 * previous left); the class skips, saying why, where the container cannot be built or booted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BootedSystemdIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = "/etc/dynnd/dynnd.yaml";

    private BootedDebian debian;
    /** Why there is no booted container here (each test is skipped with it), or null. */
    private String unavailable;

    @BeforeAll
    void bootAndInstall(@TempDir Path scratch) throws Exception {
        Optional<String> why = BootedDebian.unavailable();
        if (why.isPresent()) {
            unavailable = "no booted systemd here: " + why.get();
            return;
        }
        Path rootfs;
        try {
            rootfs = BootedDebian.rootfs();
        } catch (java.io.IOException e) {
            unavailable = "no Debian root file system for the container: " + e.getMessage();
            return;
        }
        try {
            debian = BootedDebian.boot(rootfs, scratch);
        } catch (java.io.IOException e) {
            unavailable = "systemd-nspawn cannot boot a container here: " + e.getMessage();
            return;
        }
        Path deb;
        try (Stream<Path> files = Files.list(Command.distribution().getParent())) {
            deb = files.filter(p -> p.getFileName().toString().matches("dynnd_.*\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no dynnd_*.deb: the daemon module builds it in package"));
        }
        Files.copy(deb, debian.root().resolve("root/dynnd.deb"));
        Command install = debian.sh(180, "apt-get install -y -q /root/dynnd.deb");
        assertThat(install.exitCode()).as(install.stdout() + install.stderr()).isZero();
        assertThat(debian.sh(20, "useradd -m -G dynnd alice && useradd -m bob").exitCode()).isZero();
        // a Fashion-MNIST-sized image in the raw format dynnctl infer reads
        assertThat(debian.sh(10, "head -c 784 /dev/urandom > /tmp/image.raw").exitCode()).isZero();
    }

    @BeforeEach
    void requireTheContainer() {
        assumeTrue(unavailable == null, () -> unavailable);
    }

    @AfterAll
    void powerOff() throws Exception {
        if (debian != null) {
            debian.close();
        }
    }

    @Test
    @Order(1)
    void installingEnablesTheSocketOnly() throws Exception {
        assertThat(query("systemctl is-enabled dynnd.socket")).isEqualTo("enabled");
        assertThat(query("systemctl is-active dynnd.socket")).isEqualTo("active");
        assertThat(query("systemctl is-enabled dynnd.service")).isEqualTo("disabled");
        assertThat(sh("stat -c %a /run/dynnd /run/dynnd/dynnd.sock").lines().toList()).containsExactly("755", "666");
        // Nothing is extracted at run time: the native libraries come unpacked.
        assertThat(debian.root().resolve("usr/lib/dynnd/native/pytorch/libtorch_cpu.so")).isRegularFile();
        assertThat(debian.root().resolve("usr/lib/dynnd/native/jna/libjnidispatch.so")).isRegularFile();
    }

    @Test
    @Order(2)
    void theDefaultConfigurationWithoutABoardFailsOnceWithOneErrorLine() throws Exception {
        debian.sh(60, "systemctl start dynnd.service");
        Map<String, String> show = awaitSettled("dynnd.service", 60);
        assertThat(show.get("ActiveState")).as(show.toString()).isEqualTo("failed");
        assertThat(show.get("ExecMainStatus")).isEqualTo("2");
        assertThat(show.get("NRestarts")).isEqualTo("0");
        List<String> errors = journal("-p", "err", "-u", "dynnd.service", "-t", "dynnd");
        assertThat(errors).as(String.join("\n", errors)).hasSize(1);
        assertThat(errors.get(0)).contains("dynnd run:");
        System.out.println("booted systemd: the default configuration here: " + errors.get(0));
        Thread.sleep(6_000); // RestartSec is 2 s: a restart loop would have started again by now
        assertThat(awaitSettled("dynnd.service", 10).get("NRestarts")).isEqualTo("0");
        // A client whose connection starts the service again is told why at once.
        long asked = System.nanoTime();
        Command client = debian.sh(60, "runuser -u bob -- dynnctl status");
        assertThat(client.exitCode()).isNotZero();
        assertThat(client.stderr()).contains("did not start").contains("cpufreq");
        assertThat((System.nanoTime() - asked) / 1e9).isLessThan(25.0);
        assertThat(awaitSettled("dynnd.service", 30).get("ActiveState")).isEqualTo("failed");
        debian.sh(20, "systemctl reset-failed dynnd.service");
    }

    @Test
    @Order(3)
    void onTheEmulatedXu3RootAndGroupMembersSetBudgetsOthersRead() throws Exception {
        sh("sed -i 's/^  name: auto$/  name: emulated:odroid-xu3/' " + CONFIG + " && grep -q 'name: emulated:odroid-xu3' " + CONFIG);
        Command enable = debian.sh(120, "systemctl enable --now dynnd.service");
        assertThat(enable.exitCode()).as(enable.stderr()).isZero();
        assertThat(query("systemctl is-active dynnd.service")).isEqualTo("active"); // Type=notify: READY was sent
        assertThat(journal("-u", "dynnd.service", "-t", "dynnd").stream().anyMatch(l -> l.contains("listening")
                || l.contains("operating points"))).isTrue();

        Command status = debian.sh(60, "dynnctl status");
        assertThat(status.exitCode()).as(status.stderr()).isZero();
        assertThat(status.stdout()).contains("operating point");

        Command alice = debian.sh(60, "runuser -u alice -- dynnctl budget --latency-ms 40");
        assertThat(alice.exitCode()).as(alice.stdout() + alice.stderr()).isZero();
        assertThat(alice.stdout()).containsIgnoringCase("met");

        Command bobReads = debian.sh(60, "runuser -u bob -- dynnctl status");
        assertThat(bobReads.exitCode()).as(bobReads.stderr()).isZero();
        Command bobInfers = debian.sh(60, "runuser -u bob -- dynnctl infer /tmp/image.raw");
        assertThat(bobInfers.exitCode()).as(bobInfers.stderr()).isZero();
        Command bobBudget = debian.sh(60, "runuser -u bob -- dynnctl budget --latency-ms 40");
        assertThat(bobBudget.exitCode()).isNotZero();
        assertThat(bobBudget.stderr()).contains("access denied").contains("budget");
    }

    @Test
    @Order(4)
    void thirtySecondsOfBudgetsAndInferencesLeaveNoErrorAndNoRestart() throws Exception {
        String since = sh("date '+%Y-%m-%d %H:%M:%S'").trim();
        String load = "end=$(( $(date +%s) + 30 )); i=0; fails=0;"
                + " while [ $(date +%s) -lt $end ]; do i=$((i+1));"
                + "  runuser -u alice -- dynnctl budget --latency-ms $(( 15 + (i % 4) * 10 )) >/dev/null 2>&1 || fails=$((fails+1));"
                + "  dynnctl infer /tmp/image.raw /tmp/image.raw >/dev/null 2>&1 || fails=$((fails+1));"
                + " done; echo \"$i $fails\"";
        String[] counts = debian.sh(120, load).stdout().trim().split(" ");
        int rounds = Integer.parseInt(counts[0]);
        int fails = Integer.parseInt(counts[1]);
        assertThat(rounds).isGreaterThan(3);
        Map<String, String> show = show("dynnd.service");
        assertThat(show.get("ActiveState")).isEqualTo("active");
        assertThat(show.get("NRestarts")).isEqualTo("0");
        List<String> bad = journal("--since", since, "-p", "warning", "-t", "dynnd");
        assertThat(bad).as(String.join("\n", bad)).isEmpty();
        assertThat(journal("--since", since, "-u", "dynnd.service")).noneMatch(l -> l.contains("Watchdog timeout"));
        assertThat(fails).as("failed budget or infer commands in %d rounds", rounds).isZero();
        System.out.println("booted systemd: " + rounds + " rounds of a budget and two inferences in 30 s, " + fails
                + " failed; journal by priority since start: " + priorities());
    }

    @Test
    @Order(5)
    void reloadAppliesAValidFileAndKeepsTheRunningOneForABrokenFile() throws Exception {
        String since = sh("date '+%Y-%m-%d %H:%M:%S'").trim();
        sh("sed -i 's/^  period_ms: 500$/  period_ms: 400/' " + CONFIG);
        assertThat(debian.sh(60, "systemctl reload dynnd.service").exitCode()).isZero();
        assertThat(awaitJournal(since, "SIGHUP: configuration reloaded", 30)).isNotEmpty();
        sh("cp " + CONFIG + " /root/good.yaml && sed -i 's/^  period_ms: 400$/  period_ms: -3/' " + CONFIG);
        try {
            String broken = sh("date '+%Y-%m-%d %H:%M:%S'").trim();
            Thread.sleep(1_100); // --since has a resolution of a second
            assertThat(debian.sh(60, "systemctl reload dynnd.service").exitCode()).isZero();
            List<String> refused = awaitJournal(broken, "new configuration refused", 30);
            assertThat(refused).hasSize(1);
            assertThat(refused.get(0)).contains("period_ms");
            assertThat(query("systemctl is-active dynnd.service")).isEqualTo("active");
            assertThat(debian.sh(60, "dynnctl status").exitCode()).isZero();
        } finally {
            sh("cp /root/good.yaml " + CONFIG);
        }
    }

    @Test
    @Order(6)
    void aSecondDaemonIsRefusedInOneLineAndChangesNothing() throws Exception {
        String files = "cat /run/dynnd/hardware-state.json; stat -c '%n %s %Y' /run/dynnd/hardware-state.json"
                + " /run/dynnd/dynnd.lock /run/dynnd/dynnd.sock";
        String state = sh(files);
        // the same socket, then another socket on the same runtime folder and board
        for (String extra : List.of("", " --socket /tmp/second.sock")) {
            Command second = debian.sh(120, "dynnd run --config " + CONFIG + extra);
            assertThat(second.exitCode()).as(second.stdout() + second.stderr()).isEqualTo(2);
            assertThat(second.stderr().lines().toList()).as(second.stderr()).hasSize(1);
            assertThat(second.stderr()).contains("another dynnd");
            System.out.println("booted systemd: a second daemon" + extra + ": " + second.stderr().trim());
        }
        assertThat(sh(files)).isEqualTo(state);
        assertThat(debian.sh(60, "dynnctl status").exitCode()).isZero();
    }

    @Test
    @Order(7)
    void stopRestoresEveryFileTheDaemonChanged() throws Exception {
        // a budget that moves the board off its start-up point, held while the originals are read
        debian.sh(60, "runuser -u alice -- dynnctl budget --latency-ms 15");
        JsonNode state = JSON.readTree(sh("cat /run/dynnd/hardware-state.json"));
        String sysfs = state.path("sysfs_root").asText();
        Map<String, String> originals = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = state.path("files").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> file = it.next();
            originals.put(file.getKey(), file.getValue().asText());
        }
        assertThat(originals).isNotEmpty();
        assertThat(debian.sh(60, "systemctl stop dynnd.service").exitCode()).isZero();
        // read inside the container: the emulated tree's links are absolute, as in a real sysfs
        for (Map.Entry<String, String> file : originals.entrySet()) {
            assertThat(sh("cat '" + sysfs + file.getKey() + "'")).as(file.getKey()).isEqualTo(file.getValue());
        }
        assertThat(debian.root().resolve("run/dynnd/hardware-state.json")).doesNotExist();
        assertThat(show("dynnd.service").get("Result")).isEqualTo("success");
    }

    @Test
    @Order(8)
    void theFirstConnectionStartsTheServiceThroughItsSocket() throws Exception {
        assertThat(query("systemctl is-active dynnd.service")).isEqualTo("inactive");
        long start = System.nanoTime();
        // The connection is queued on systemd's socket while the daemon loads its model and
        // measures the host (longer than a client's 30 s timeout on a loaded machine): the test
        // waits for readiness, then asks again.
        Command first = debian.sh(120, "runuser -u bob -- dynnctl status");
        Map<String, String> show = awaitSettled("dynnd.service", 120);
        assertThat(show.get("ActiveState")).as(show + " " + first.stderr()).isEqualTo("active");
        System.out.printf("booted systemd: socket activation: active %.1f s after the first connection (its client %s)%n",
                (System.nanoTime() - start) / 1e9, first.exitCode() == 0 ? "was answered" : "timed out: " + first.stderr().trim());
        Command status = debian.sh(60, "runuser -u bob -- dynnctl status");
        assertThat(status.exitCode()).as(status.stderr()).isZero();
    }

    @Test
    @Order(9)
    void theBootedUnitsExposureStaysAtMostOne() throws Exception {
        String security = debian.sh(60, "systemd-analyze security dynnd.service").stdout();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Overall exposure level for dynnd.service: (\\d+\\.\\d)")
                .matcher(security);
        assertThat(m.find()).as(security).isTrue();
        double exposure = Double.parseDouble(m.group(1));
        System.out.println("booted systemd: systemd-analyze security dynnd.service: " + exposure);
        assertThat(exposure).isLessThanOrEqualTo(1.0);
    }

    @Test
    @Order(10)
    void purgeLeavesOnlyTheSystemUser() throws Exception {
        Command purge = debian.sh(120, "apt-get purge -y -q dynnd");
        assertThat(purge.exitCode()).as(purge.stdout() + purge.stderr()).isZero();
        for (String left : List.of("etc/dynnd", "usr/lib/dynnd", "var/cache/dynnd", "var/lib/dynnd", "run/dynnd",
                "etc/systemd/system/sockets.target.wants/dynnd.socket",
                "etc/systemd/system/multi-user.target.wants/dynnd.service",
                "var/lib/systemd/deb-systemd-helper-enabled/dynnd.socket.dsh-also",
                "var/lib/systemd/deb-systemd-helper-enabled/sockets.target.wants/dynnd.socket",
                "var/lib/systemd/deb-systemd-helper-masked/dynnd.service")) {
            assertThat(debian.root().resolve(left)).as(left).doesNotExist();
        }
        assertThat(sh("systemctl list-unit-files 'dynnd*' --no-legend | wc -l").trim()).isEqualTo("0");
        assertThat(sh("getent passwd dynnd | cut -d: -f1").trim()).isEqualTo("dynnd");
    }

    private String sh(String script) throws Exception {
        Command c = debian.sh(60, script);
        assertThat(c.exitCode()).as(script + ": " + c.stderr()).isZero();
        return c.stdout();
    }

    /** What a query command printed, whatever its exit code (is-active exits 3 for inactive). */
    private String query(String command) throws Exception {
        return debian.sh(60, command).stdout().trim();
    }

    private Map<String, String> show(String unit) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : sh("systemctl show -p ActiveState,SubState,Result,ExecMainStatus,NRestarts " + unit).lines().toList()) {
            int eq = line.indexOf('=');
            values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return values;
    }

    /** The unit's state once it is neither starting nor waiting to restart. */
    private Map<String, String> awaitSettled(String unit, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Map<String, String> show = show(unit);
        while (System.nanoTime() < deadline && (List.of("activating", "deactivating", "reloading").contains(show.get("ActiveState"))
                || "auto-restart".equals(show.get("SubState")))) {
            Thread.sleep(500);
            show = show(unit);
        }
        return show;
    }

    private List<String> journal(String... filters) throws Exception {
        StringBuilder line = new StringBuilder("journalctl --no-pager -q -o cat");
        for (String f : filters) {
            line.append(" '").append(f).append('\'');
        }
        return debian.sh(60, line.toString()).stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    /** The daemon's journal lines since {@code since} that contain {@code text}, waited for. */
    private List<String> awaitJournal(String since, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<String> found = List.of();
        while (System.nanoTime() < deadline && found.isEmpty()) {
            found = journal("--since", since, "-t", "dynnd").stream().filter(l -> l.contains(text)).toList();
            Thread.sleep(300);
        }
        return found;
    }

    /** How many of the daemon's journal lines there are at each priority (0 emerg … 6 info). */
    private String priorities() throws Exception {
        StringBuilder counts = new StringBuilder();
        for (int p = 0; p <= 6; p++) {
            counts.append(p).append(':').append(journal("-t", "dynnd", "-p", p + ".." + p).size()).append(' ');
        }
        return counts.toString().trim();
    }
}

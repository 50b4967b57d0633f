package org.dynnd.daemon.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.dynnd.daemon.cli.Cli;
import org.dynnd.daemon.cli.DynndMain;
import org.junit.jupiter.api.Test;

class SimulateCommandTest {

    private static final String SCENARIO = "../../config/scenarios/corunner-big.yaml";

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = DynndMain.commandLine().execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void printsOneRowPerPolicy() {
        Run r = run("simulate", "--board", "odroid-xu3", "--scenario", SCENARIO, "--policy", "all", "--seed", "2");
        assertThat(r.code()).isZero();
        for (String policy : new String[] {"dynnd", "oracle", "best-static", "performance", "schedutil", "alert", "poet"}) {
            assertThat(r.out()).containsPattern("(?m)^" + policy + " ");
        }
        assertThat(r.out()).contains("objective max-accuracy").contains("dynnd beats every baseline");
    }

    @Test
    void printsJsonForOnePolicy() throws Exception {
        Run r = run("simulate", "--board", "jetson-nano", "--scenario", SCENARIO, "--policy", "dynnd", "--json");
        assertThat(r.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("board").asText()).isEqualTo("jetson-nano");
        assertThat(json.get("policies")).hasSize(1);
        assertThat(json.get("policies").get(0).get("energyVsOracle").asDouble()).isBetween(0.9, 1.1);
    }

    @Test
    void aFamilyPrintsEveryFigurePerPolicy() {
        Run r = run("simulate", "--board", "x86", "--family", "lockout", "--count", "2", "--seed", "4");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("family lockout on x86: 2 scenarios").contains("late %")
                .contains("accuracy loss vs oracle (points)").contains("periods to reuse a unit after interference");
        assertThat(r.out()).containsPattern("(?m)^  dynnd +[0-9.]+ +[0-9.]+ +[0-9.]+$")
                .containsPattern("(?m)^  poet +[0-9.-]+ +[0-9.-]+ +[0-9.-]+$");
        Run bad = run("simulate", "--board", "x86", "--family", "hostile");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("hostile").contains("mixed, lockout");
        Run both = run("simulate", "--board", "x86", "--family", "mixed", "--scenario", SCENARIO);
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("either --scenario FILE or --family NAME");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        Run board = run("simulate", "--board", "xu4", "--scenario", SCENARIO);
        assertThat(board.code()).isEqualTo(2);
        assertThat(board.err()).contains("xu4").contains("odroid-xu3, jetson-nano, x86");
        Run policy = run("simulate", "--board", "x86", "--scenario", SCENARIO, "--policy", "ondemand");
        assertThat(policy.code()).isEqualTo(2);
        assertThat(policy.err()).contains("ondemand").contains("alert");
        Run file = run("simulate", "--board", "x86", "--scenario", "no-such.yaml");
        assertThat(file.code()).isEqualTo(2);
        assertThat(file.err()).contains("no-such.yaml").contains("no such scenario file");
    }
}

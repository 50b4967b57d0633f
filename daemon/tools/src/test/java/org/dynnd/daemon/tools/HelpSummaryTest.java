package org.dynnd.daemon.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dynnd.daemon.cli.DynnctlMain;
import org.dynnd.daemon.cli.DynndMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The one-line summaries {@code dynnd --help} and {@code dynnctl --help} list: picocli shows the
 * first line of each command's description there, so that line must be a whole sentence.
 */
class HelpSummaryTest {

    /** Command name to its summary, continuation lines joined, as the help's command list shows it. */
    static Map<String, String> summaries(CommandLine line) {
        String help = line.getUsageMessage(CommandLine.Help.Ansi.OFF);
        String list = help.substring(help.indexOf("Commands:") + "Commands:".length());
        Map<String, String> summaries = new LinkedHashMap<>();
        String name = null;
        for (String text : list.substring(1).split("\n")) {
            if (text.isBlank()) {
                break; // the list ends at the first empty line (the exit codes follow)
            }
            Matcher entry = Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(text);
            if (entry.matches()) {
                name = entry.group(1);
                summaries.put(name, entry.group(2).strip());
            } else {
                summaries.put(name, summaries.get(name) + " " + text.strip());
            }
        }
        return summaries;
    }

    @Test
    void everyCommandsSummaryIsAWholeSentence() {
        Map<String, String> dynnd = summaries(DynndMain.commandLine());
        Map<String, String> dynnctl = summaries(DynnctlMain.commandLine());
        assertThat(dynnd.keySet()).contains("run", "demo", "report", "sensors", "simulate", "check-config", "train", "eval");
        assertThat(dynnctl.keySet()).contains("budget", "status", "watch", "infer", "ops");
        Map<String, String> all = new LinkedHashMap<>();
        dynnd.forEach((k, v) -> all.put("dynnd " + k, v));
        dynnctl.forEach((k, v) -> all.put("dynnctl " + k, v));
        all.forEach((command, summary) -> assertThat(summary).as(command).matches("[A-Z].*[.]$").doesNotContain("  "));
    }

    /** picocli prints description lines as they are and wraps them at 80 columns, mid-sentence. */
    @Test
    void descriptionLinesFitTheHelpsWidth() {
        CommandLine dynnd = DynndMain.commandLine();
        CommandLine dynnctl = DynnctlMain.commandLine();
        java.util.List<CommandLine> covered = new java.util.ArrayList<>(dynnctl.getSubcommands().values());
        for (String name : java.util.List.of("demo", "report", "sensors", "simulate", "check-config")) {
            covered.add(dynnd.getSubcommands().get(name));
        }
        for (CommandLine command : covered) {
            for (String line : command.getCommandSpec().usageMessage().description()) {
                assertThat(line.length()).as(command.getCommandName() + ": " + line)
                        .isLessThanOrEqualTo(command.getCommandSpec().usageMessage().width());
            }
        }
    }
}

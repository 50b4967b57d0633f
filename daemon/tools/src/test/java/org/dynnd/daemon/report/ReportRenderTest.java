package org.dynnd.daemon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportRenderTest {

    private static final List<Block> BLOCKS = List.of(
            new Block.Heading(2, "Ranges"),
            new Block.Paragraph("a < b & c"),
            new Block.Table(List.of("level", "time range"), List.of(List.of("pruning", "3.10x"), List.of("all", "40.00x"))),
            new Block.Figure("space.png", "The \"space\""));

    @Test
    void markdownTablesAlignNumbersRight() {
        String md = ReportRender.markdown("Title", BLOCKS);
        assertThat(md).startsWith("# Title\n\n## Ranges\n\na < b & c\n\n")
                .contains("| level | time range |\n| --- | ---: |\n| pruning | 3.10x |\n| all | 40.00x |\n")
                .contains("![The \"space\"](space.png)");
    }

    @Test
    void htmlEscapesTextAndShowsTheFigures() {
        String html = ReportRender.html("A & B", BLOCKS, 800);
        assertThat(html).contains("<title>A &amp; B</title>").contains("<p>a &lt; b &amp; c</p>")
                .contains("<tr><td>pruning</td><td>3.10x</td></tr>")
                .contains("<img src=\"space.png\" alt=\"The &quot;space&quot;\" width=\"800\">");
    }

    @Test
    void aRowMustFitTheHeaders() {
        assertThatThrownBy(() -> new Block.Table(List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells").hasMessageContaining("2 columns");
    }
}

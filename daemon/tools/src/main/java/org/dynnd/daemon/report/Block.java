package org.dynnd.daemon.report;

import java.util.List;

/** A piece of the report's text, rendered alike as Markdown ({@code report.md}) and HTML ({@code report.html}). */
sealed interface Block {

    /** A section heading of level 2 or 3. */
    record Heading(int level, String text) implements Block {}

    /** A paragraph of plain text. */
    record Paragraph(String text) implements Block {}

    /** A table: the first column is text, the others are numbers (right-aligned). */
    record Table(List<String> headers, List<List<String>> rows) implements Block {

        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != headers.size()) {
                    throw new IllegalArgumentException("a row of " + row.size() + " cells in a table of " + headers.size()
                            + " columns");
                }
            }
        }
    }

    /** A plot saved beside the report. */
    record Figure(String png, String caption) implements Block {}
}

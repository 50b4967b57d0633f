package org.dynnd.daemon.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dynnd.daemon.budget.Arbitration;
import org.dynnd.daemon.budget.CrowdedArbitration;
import org.dynnd.daemon.budget.Lease;
import org.dynnd.daemon.protocol.Replies;
import org.dynnd.daemon.protocol.RequestParser;
import org.dynnd.daemon.service.OperatingPointInfo;
import org.dynnd.daemon.service.TelemetrySample;
import org.junit.jupiter.api.Test;

/** The status reply, the largest a lease holder gets, stays within 4 KiB with 1,000 leases and the longest id. */
class ReplySizeTest {

    @Test
    void aStatusReplyWithALongestIdAndAThousandLeasesFitsInFourKiB() throws Exception {
        Arbitration crowded = CrowdedArbitration.of(1_000);
        Lease own = crowded.overridden().get(0);
        // Five rails with long names, every value of its longest form, a degraded condition.
        TelemetrySample sample = new TelemetrySample(Long.MAX_VALUE, new OperatingPointInfo(Integer.MAX_VALUE, "a15", Integer.MAX_VALUE, Integer.MAX_VALUE),
                Long.MAX_VALUE, 1.2345678901234567E-5, 1.2345678901234567E-5,
                Map.of("a15", 1.2345678901234567E-5, "a7", 1.2345678901234567E-5, "mem", 1.2345678901234567E-5,
                        "gpu", 1.2345678901234567E-5, "soc", 1.2345678901234567E-5),
                1.2345678901234567E-5, 1.2345678901234567E-5, 1.2345678901234567E-5, Long.MAX_VALUE, List.of("sensor a15 lost"));
        // Control characters are escaped as six bytes each: the longest echoed id.
        JsonNode id = TextNode.valueOf("\u0001".repeat(RequestParser.MAX_ID_CHARS));
        JsonNode reply = Replies.ok(id, StatusReply.of(crowded, Optional.of(own), Optional.of(sample), Integer.MAX_VALUE, Integer.MAX_VALUE));
        int bytes = new ObjectMapper().writeValueAsBytes(reply).length + 1;
        assertThat(bytes).isLessThanOrEqualTo(4096);
        assertThat(reply.path("result").path("leases").asInt()).isEqualTo(1_000);
    }

    @Test
    void budgetRepliesAndPagesOfLeasesWithTheLongestIdFitInFourKiB() throws Exception {
        Arbitration crowded = CrowdedArbitration.of(1_000);
        JsonNode id = TextNode.valueOf("\u0001".repeat(RequestParser.MAX_ID_CHARS));
        ObjectMapper json = new ObjectMapper();
        for (int offset = 0; offset < 1_000; offset += Replies.LEASES_PAGE) {
            JsonNode page = Replies.ok(id, Replies.leasesPage(crowded, offset, Replies.LEASES_PAGE));
            assertThat(json.writeValueAsBytes(page).length + 1).as("page at %d", offset).isLessThanOrEqualTo(4096);
        }
        Lease own = crowded.overridden().get(0);
        com.fasterxml.jackson.databind.node.ObjectNode budget = Replies.arbitration(crowded);
        budget.put("met", false);
        budget.set("lease", Replies.budget(own.budget()).put("priority", own.priority()));
        assertThat(json.writeValueAsBytes(Replies.ok(id, budget)).length + 1).isLessThanOrEqualTo(4096);
    }
}

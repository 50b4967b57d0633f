package org.dynnd.daemon.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.dynnd.daemon.budget.Arbitration;
import org.dynnd.daemon.budget.Lease;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replies stay small however many leases are held: 1,000 leases with the longest values the parser takes. */
class RepliesTest {

    static final int LEASES = 1_000;
    static final int MAX_REPLY = 4096;
    static final ObjectMapper MAPPER = new ObjectMapper();
    static Arbitration crowded;

    @BeforeAll
    static void thousandLeases() {
        crowded = org.dynnd.daemon.budget.CrowdedArbitration.of(LEASES);
        assertThat(crowded.sources().size()).isGreaterThan(Replies.LISTED_SOURCES);
        assertThat(crowded.overridden().size()).isGreaterThan(Replies.LISTED_OVERRIDDEN);
    }

    static int bytes(JsonNode reply) throws Exception {
        return MAPPER.writeValueAsString(reply).getBytes(StandardCharsets.UTF_8).length + 1;
    }

    @Test
    void anArbitrationListsABoundedShareOfTheLeasesAndCountsTheRest() throws Exception {
        JsonNode a = Replies.arbitration(crowded);
        assertThat(a.path("sources")).hasSize(Replies.LISTED_SOURCES);
        assertThat(a.path("overridden")).hasSize(Replies.LISTED_OVERRIDDEN);
        assertThat(a.path("sources_more").asInt() + Replies.LISTED_SOURCES).isEqualTo(crowded.sources().size());
        assertThat(a.path("overridden_more").asInt() + Replies.LISTED_OVERRIDDEN).isEqualTo(crowded.overridden().size());
        assertThat(a.path("leases").asInt()).isEqualTo(LEASES);
        // The highest priority comes first, as in the arbitration.
        assertThat(a.path("sources").get(0).path("client").asLong()).isEqualTo(crowded.sources().get(0).clientId());
        assertThat(bytes(Replies.ok(null, a))).isLessThanOrEqualTo(MAX_REPLY - 1024); // room for status's telemetry
    }

    @Test
    void aLeaseEventCarriesOnlyItsHoldersLease() throws Exception {
        Lease own = crowded.overridden().get(3);
        JsonNode event = Replies.leaseEvent(crowded, Replies.outcome(crowded), own, 7);
        assertThat(event.path("yours").path("client").asLong()).isEqualTo(own.clientId());
        assertThat(event.path("dropped").asLong()).isEqualTo(7);
        assertThat(event.has("sources")).isFalse();
        assertThat(event.has("overridden")).isFalse();
        assertThat(bytes(event)).isLessThanOrEqualTo(1024);
    }

    @Test
    void pagesOfLeasesListEveryLeaseOnceWithinTheReplyBound() throws Exception {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        JsonNode next = com.fasterxml.jackson.databind.node.IntNode.valueOf(0);
        int pages = 0;
        while (!next.isNull()) {
            JsonNode page = Replies.leasesPage(crowded, next.asInt(), Replies.LEASES_PAGE);
            assertThat(bytes(Replies.ok(null, page))).isLessThanOrEqualTo(MAX_REPLY);
            for (JsonNode l : page.path("leases")) {
                assertThat(seen.add(l.path("client").asLong())).isTrue();
            }
            assertThat(page.path("total").asInt()).isEqualTo(LEASES);
            next = page.path("next_offset");
            pages++;
        }
        assertThat(seen).hasSize(LEASES);
        assertThat(pages).isEqualTo((LEASES + Replies.LEASES_PAGE - 1) / Replies.LEASES_PAGE);
        assertThat(Replies.leasesPage(crowded, LEASES + 5, 3).path("leases")).isEmpty();
    }
}

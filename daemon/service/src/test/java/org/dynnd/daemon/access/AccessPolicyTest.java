package org.dynnd.daemon.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.dynnd.daemon.protocol.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessPolicyTest {

    @TempDir
    Path root;

    private UserDirectory directory() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nalice:x:1001:1001::/home/alice:/bin/sh\n"
                + "broken:x:notanumber:1::/:/bin/false\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\ndynnd:x:990:alice\nvideo:x:44:\n");
        return UserDirectory.read(root);
    }

    @Test
    void namedUsersAndGroupMembersMaySetBudgetsOthersOnlyRead() throws Exception {
        AccessPolicy policy = AccessPolicy.resolve(List.of("alice", "2000"), List.of("dynnd"), List.of("status", "infer"), directory());
        PeerIdentity alice = new PeerIdentity(10, 1001, Set.of(1001));
        PeerIdentity byId = new PeerIdentity(11, 2000, Set.of(2000));
        PeerIdentity member = new PeerIdentity(12, 3000, Set.of(3000, 990));
        PeerIdentity stranger = new PeerIdentity(13, 4242, Set.of(4242, 44));
        PeerIdentity root = new PeerIdentity(14, 0, Set.of(0));
        for (PeerIdentity p : List.of(alice, byId, member, root)) {
            assertThat(policy.allows(p, Op.BUDGET)).as("uid %d", p.uid()).isTrue();
            assertThat(policy.allowedOps(p)).containsExactlyInAnyOrder(Op.values());
        }
        assertThat(policy.allows(stranger, Op.BUDGET)).isFalse();
        assertThat(policy.allows(stranger, Op.RELEASE)).isFalse();
        assertThat(policy.allows(stranger, Op.SUBSCRIBE)).isFalse();
        assertThat(policy.allowedOps(stranger)).containsExactlyInAnyOrder(Op.HELLO, Op.STATUS, Op.INFER);
    }

    @Test
    void subscribersMayAlwaysUnsubscribe() {
        AccessPolicy policy = new AccessPolicy(List.of(), List.of(), Set.of(Op.SUBSCRIBE));
        assertThat(policy.allows(new PeerIdentity(1, 5, Set.of()), Op.UNSUBSCRIBE)).isTrue();
    }

    @Test
    void badConfigurationIsRefusedWithTheKeyAndWhatIsAllowed() throws Exception {
        UserDirectory dir = directory();
        assertThatThrownBy(() -> AccessPolicy.resolve(List.of("mallory"), List.of(), List.of(), dir))
                .hasMessageContaining("access.budget_users").hasMessageContaining("mallory").hasMessageContaining("etc/passwd");
        assertThatThrownBy(() -> AccessPolicy.resolve(List.of(), List.of("wheel"), List.of(), dir))
                .hasMessageContaining("access.budget_groups").hasMessageContaining("wheel");
        assertThatThrownBy(() -> AccessPolicy.resolve(List.of(), List.of(), List.of("budget"), dir))
                .hasMessageContaining("access.read_ops").hasMessageContaining("budget");
        assertThatThrownBy(() -> AccessPolicy.resolve(List.of(), List.of(), List.of("reboot"), dir))
                .hasMessageContaining("unknown op 'reboot'");
    }

    @Test
    void supplementaryGroupsComeFromProcAndAMissingProcessKeepsThePrimaryGroupOnly() throws Exception {
        Path proc = root.resolve("proc");
        Files.createDirectories(proc.resolve("77"));
        Files.writeString(proc.resolve("77/status"), "Name:\tdynnctl\nUid:\t1001\t1001\t1001\t1001\nGroups:\t44 990 \n");
        PeerIdentities identities = new PeerIdentities(proc);
        assertThat(identities.identify(77, 1001, new int[] {1001}).gids()).containsExactlyInAnyOrder(1001, 44, 990);
        assertThat(identities.identify(78, 1001, new int[] {1001}).gids()).containsExactly(1001);
    }
}

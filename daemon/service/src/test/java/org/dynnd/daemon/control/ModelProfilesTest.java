package org.dynnd.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dynnd.governor.board.BoardModel;
import org.dynnd.governor.board.Boards;
import org.dynnd.governor.profile.GroupedAlexNetCost;
import org.dynnd.governor.profile.ModelProfile;
import org.dynnd.models.TestBundles;
import org.dynnd.models.TestImages;
import org.dynnd.models.net.Scheme;
import org.dynnd.models.runtime.DynamicModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon costs a bundle by its manifest: any G the models accept, and nested bundles by their own paths. */
class ModelProfilesTest {

    @Test
    void aThreeGroupBundleGetsItsOwnCostsAndABoardModel(@TempDir Path dir) throws Exception {
        TestBundles.write(dir, 3, TestImages.bands(20, 10, 5));
        try (DynamicModel model = DynamicModel.open(dir)) {
            ModelProfile profile = ModelProfiles.of(model);
            assertThat(profile.ks()).containsExactly(1, 2, 3);
            assertThat(profile.costOf(3)).isEqualTo(1.0);
            assertThat(profile.costOf(1)).isBetween(0.3, 0.37);
            BoardModel board = Boards.forModel("odroid-xu3", ModelProfiles.fullMacs(model));
            assertThat(board.profile(board.opSpace(profile.ks()), profile).size()).isPositive();
        }
    }

    @Test
    void theShippedNestedBundleCostsMoreThanTheGroupedOneAtEveryWiderK() throws Exception {
        try (DynamicModel grouped = DynamicModel.open(Path.of("../../models/zoo/alexnet-g4-fmnist"));
                DynamicModel nested = DynamicModel.open(Path.of("../../models/zoo/alexnet-g4-fmnist-nested"))) {
            assertThat(ModelProfiles.of(grouped).relativeCost()).containsExactly(new GroupedAlexNetCost(4).relativeCosts());
            assertThat(nested.manifest().architecture()).isEqualTo(Scheme.NESTED.architecture());
            for (int k = 2; k <= 4; k++) {
                assertThat(nested.macs(k)).as("k=%d", k).isGreaterThan(grouped.macs(k));
            }
            assertThat(ModelProfiles.of(nested).costOf(1)).isLessThan(ModelProfiles.of(grouped).costOf(1));
        }
    }
}

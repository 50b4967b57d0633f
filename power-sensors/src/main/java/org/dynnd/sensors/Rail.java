package org.dynnd.sensors;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One measured supply rail.
 *
 * @param id the identifier users and configuration name the rail by, unique on a board
 *     (such as {@code a15}, {@code POM_5V_IN}, {@code package-0})
 * @param label what the rail feeds, for people
 * @param quantity whether readings are power (W) or a cumulative energy counter (J)
 * @param source the file (or device) a reading comes from
 * @param fileUnit the unit the source holds before conversion, such as {@code W}, {@code mW},
 *     {@code mV*mA}, {@code uJ} or {@code register}
 */
public record Rail(String id, String label, Quantity quantity, Path source, String fileUnit) {
    public Rail {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fileUnit, "fileUnit");
    }
}

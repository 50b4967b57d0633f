/**
 * RAPL energy counters of Intel and AMD x86 processors through the Linux powercap framework.
 *
 * <p>Facts, from {@code boards/x86-rapl.yaml} sections {@code layout}, {@code zone_names},
 * {@code zone_files}, {@code permissions} and {@code wraparound}:
 * <ul>
 *   <li>Zones live in {@code /sys/devices/virtual/powercap/intel-rapl/intel-rapl:<P>[:<S>]/};
 *       {@code /sys/class/powercap/} holds flat links {@code intel-rapl:0}, {@code intel-rapl:0:0}
 *       ... to them. The ids are HEX ({@code intel-rapl:a} is the 11th zone) and need not match
 *       the package number, so zones are identified by their {@code name} file
 *       ({@code package-N}, {@code package-N-die-M}, {@code core}, {@code uncore}, {@code dram},
 *       {@code psys}). AMD uses the same {@code intel-rapl} names.
 *   <li>{@code energy_uj}: {@code "%lld\n"} microjoules, mode 0400 (root only) since the
 *       CVE-2020-8694 fix (commit 949dd0104c49, Linux 5.10 and stable backports); EACCES for
 *       other users, which is reported with what to do about it.
 *   <li>{@code max_energy_range_uj}: 0444, the counter wraps to a small value after it
 *       (262143999938 uJ with Intel's 61 uJ unit: about 44 min at 100 W). As energymon does, a
 *       decrease is unwrapped by adding the range (one energy unit of error per wrap). A decrease
 *       that a wrap cannot explain (the unwrapped step would exceed half the range) is reported
 *       as the counter going backwards, and the counter is re-anchored there.
 *   <li>Values above {@code max_energy_range_uj} have been seen on one Xeon, so they are not
 *       treated as absurd.
 *   <li>{@code intel-rapl-mmio} mirrors the package zone; it is skipped so nothing is counted
 *       twice. The hardware updates the counters about every millisecond.
 * </ul>
 */
package org.dynnd.sensors.rapl;

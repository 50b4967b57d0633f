package org.dynnd.daemon.config;

/**
 * The whole configuration of dynnd, as read from {@code dynnd.yaml}: immutable, validated when
 * built, with a default for every key left out. {@code config/dynnd.yaml} documents each key.
 */
public record DynndConfig(
        PlatformConfig platform,
        DaemonConfig daemon,
        ModelConfig model,
        InferenceConfig inference,
        SensorsConfig sensors,
        GovernorConfig governor,
        AccessConfig access,
        TelemetryConfig telemetry,
        EmulationConfig emulation) {

    public DynndConfig {
        platform = platform == null ? PlatformConfig.defaults() : platform;
        daemon = daemon == null ? DaemonConfig.defaults() : daemon;
        model = model == null ? ModelConfig.defaults() : model;
        inference = inference == null ? InferenceConfig.defaults() : inference;
        sensors = sensors == null ? SensorsConfig.defaults() : sensors;
        governor = governor == null ? GovernorConfig.defaults() : governor;
        access = access == null ? AccessConfig.defaults() : access;
        telemetry = telemetry == null ? TelemetryConfig.defaults() : telemetry;
        emulation = emulation == null ? EmulationConfig.defaults() : emulation;
    }

    /** Every key at its default. */
    public static DynndConfig defaults() {
        return new DynndConfig(null, null, null, null, null, null, null, null, null);
    }

    public DynndConfig withPlatform(PlatformConfig value) {
        return new DynndConfig(value, daemon, model, inference, sensors, governor, access, telemetry, emulation);
    }

    public DynndConfig withDaemon(DaemonConfig value) {
        return new DynndConfig(platform, value, model, inference, sensors, governor, access, telemetry, emulation);
    }

    public DynndConfig withModel(ModelConfig value) {
        return new DynndConfig(platform, daemon, value, inference, sensors, governor, access, telemetry, emulation);
    }

    public DynndConfig withInference(InferenceConfig value) {
        return new DynndConfig(platform, daemon, model, value, sensors, governor, access, telemetry, emulation);
    }

    public DynndConfig withSensors(SensorsConfig value) {
        return new DynndConfig(platform, daemon, model, inference, value, governor, access, telemetry, emulation);
    }

    public DynndConfig withGovernor(GovernorConfig value) {
        return new DynndConfig(platform, daemon, model, inference, sensors, value, access, telemetry, emulation);
    }

    public DynndConfig withAccess(AccessConfig value) {
        return new DynndConfig(platform, daemon, model, inference, sensors, governor, value, telemetry, emulation);
    }

    public DynndConfig withTelemetry(TelemetryConfig value) {
        return new DynndConfig(platform, daemon, model, inference, sensors, governor, access, value, emulation);
    }
}

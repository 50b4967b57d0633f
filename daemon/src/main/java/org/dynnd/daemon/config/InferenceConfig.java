package org.dynnd.daemon.config;

/**
 * How inference requests are queued and run.
 *
 * @param queueCapacity requests waiting beyond this are answered {@code busy} at once
 * @param intraOpThreads threads of one inference; 0 follows the core count of the compute unit
 *     the governor chose
 */
public record InferenceConfig(Integer queueCapacity, Integer intraOpThreads) {

    public InferenceConfig {
        queueCapacity = Check.range("queue_capacity", queueCapacity, 64, 1, 65_536);
        intraOpThreads = Check.range("intra_op_threads", intraOpThreads, 0, 0, 256);
    }

    public static InferenceConfig defaults() {
        return new InferenceConfig(null, null);
    }
}

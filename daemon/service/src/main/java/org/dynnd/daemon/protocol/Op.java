package org.dynnd.daemon.protocol;

import java.util.Arrays;
import java.util.Optional;

/** The operations of the protocol, by their name on the wire. */
public enum Op {
    HELLO("hello", false),
    BUDGET("budget", true),
    RELEASE("release", true),
    INFER("infer", false),
    STATUS("status", false),
    SUBSCRIBE("subscribe", false),
    UNSUBSCRIBE("unsubscribe", false),
    /** Every lease, page by page: for an operator (not a read op by default: it shows other users' budgets). */
    LEASES("leases", false);

    private final String wire;
    private final boolean control;

    Op(String wire, boolean control) {
        this.wire = wire;
        this.control = control;
    }

    /** The name on the wire. */
    public String wireName() {
        return wire;
    }

    /** Whether the op changes what the governor serves (only privileged peers may use it). */
    public boolean control() {
        return control;
    }

    /** The op called {@code name} on the wire, if any. */
    public static Optional<Op> fromWire(String name) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(name)).findFirst();
    }

    /** The wire names of every op, for error messages. */
    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(Op::wireName).toList());
    }
}

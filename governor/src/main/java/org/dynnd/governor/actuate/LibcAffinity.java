package org.dynnd.governor.actuate;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link AffinitySyscalls} through the C library with JNA. The mask is a byte array of 1024
 * bits (the size of glibc's {@code cpu_set_t}); CPU i is bit i%8 of byte i/8, which is how
 * {@code CPU_SET} lays bits out on little-endian machines, 32- or 64-bit.
 */
public final class LibcAffinity implements AffinitySyscalls {

    private static final int MASK_BYTES = 128;

    /** The C library functions used. */
    interface CLibrary extends Library {
        int sched_getaffinity(int pid, NativeLong cpusetsize, byte[] mask) throws LastErrorException;

        int sched_setaffinity(int pid, NativeLong cpusetsize, byte[] mask) throws LastErrorException;

        int gettid() throws LastErrorException;
    }

    private final CLibrary libc;

    public LibcAffinity() {
        this.libc = Native.load("c", CLibrary.class);
    }

    /** The Linux thread id of the calling thread. */
    public int currentThreadId() {
        return libc.gettid();
    }

    @Override
    public Set<Integer> get(int tid) throws KnobException {
        byte[] mask = new byte[MASK_BYTES];
        try {
            libc.sched_getaffinity(tid, new NativeLong(MASK_BYTES), mask);
        } catch (LastErrorException e) {
            throw new KnobException("thread " + tid, Errno.of(e.getErrorCode()), "sched_getaffinity");
        }
        Set<Integer> cpus = new TreeSet<>();
        for (int i = 0; i < MASK_BYTES * 8; i++) {
            if ((mask[i / 8] & (1 << (i % 8))) != 0) {
                cpus.add(i);
            }
        }
        return cpus;
    }

    @Override
    public void set(int tid, Set<Integer> cpus) throws KnobException {
        byte[] mask = new byte[MASK_BYTES];
        for (int cpu : cpus) {
            if (cpu < 0 || cpu >= MASK_BYTES * 8) {
                throw new KnobException("thread " + tid, Errno.EINVAL, "CPU " + cpu + " is outside 0.." + (MASK_BYTES * 8 - 1));
            }
            mask[cpu / 8] |= (byte) (1 << (cpu % 8));
        }
        try {
            libc.sched_setaffinity(tid, new NativeLong(MASK_BYTES), mask);
        } catch (LastErrorException e) {
            throw new KnobException("thread " + tid, Errno.of(e.getErrorCode()), "sched_setaffinity to CPUs " + cpus);
        }
    }
}

package org.dynnd.daemon.cli;

/**
 * A {@code dynnd} subcommand that is not part of the service (a picocli {@code @Command} class
 * with a public no-argument constructor), listed in {@code META-INF/services} of the module that
 * ships it; {@link DynndMain} adds every one found on the class path.
 */
public interface DynndTool {}

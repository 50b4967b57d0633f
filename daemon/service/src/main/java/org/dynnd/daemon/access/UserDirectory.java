package org.dynnd.daemon.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * User and group names from {@code etc/passwd} and {@code etc/group} under a root folder. Names
 * are resolved once, when the configuration is loaded; a numeric id is taken as it is, so an
 * account served by NSS only (LDAP) can still be named by its id.
 */
public final class UserDirectory {

    private final Path passwd;
    private final Path group;
    private final Map<String, Integer> users;
    private final Map<String, Integer> groups;

    private UserDirectory(Path passwd, Path group, Map<String, Integer> users, Map<String, Integer> groups) {
        this.passwd = passwd;
        this.group = group;
        this.users = users;
        this.groups = groups;
    }

    /** Reads {@code root/etc/passwd} and {@code root/etc/group}; a missing file counts as empty. */
    public static UserDirectory read(Path root) throws IOException {
        Path passwd = root.resolve("etc/passwd");
        Path group = root.resolve("etc/group");
        return new UserDirectory(passwd, group, names(passwd), names(group));
    }

    private static Map<String, Integer> names(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        Map<String, Integer> out = new HashMap<>();
        for (String line : lines) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 3 && !line.startsWith("#")) {
                try {
                    out.putIfAbsent(fields[0], Integer.parseInt(fields[2]));
                } catch (NumberFormatException e) {
                    // A malformed entry names nobody; the other entries still count.
                }
            }
        }
        return out;
    }

    /** The uid of {@code nameOrId}. */
    public int uid(String nameOrId) {
        return lookup(nameOrId, users, "access.budget_users", "user", passwd);
    }

    /** The gid of {@code nameOrId}. */
    public int gid(String nameOrId) {
        return lookup(nameOrId, groups, "access.budget_groups", "group", group);
    }

    private static int lookup(String nameOrId, Map<String, Integer> table, String key, String kind, Path file) {
        if (nameOrId.matches("\\d{1,9}")) {
            return Integer.parseInt(nameOrId);
        }
        Integer id = table.get(nameOrId);
        if (id == null) {
            throw new IllegalArgumentException(key + ": no " + kind + " '" + nameOrId + "' in " + file
                    + "; give an existing name or a numeric id");
        }
        return id;
    }
}

package dev.compose2eb.translate;

import java.util.Set;

/** The tmpfs mount options ECS accepts in {@code linuxParameters.tmpfs[].mountOptions}. */
final class TmpfsOptions {
  /** From the ECS API reference of {@code Tmpfs}: the flags, as written. */
  static final Set<String> FLAGS = Set.of("defaults", "ro", "rw", "suid", "nosuid", "dev", "nodev",
      "exec", "noexec", "sync", "async", "dirsync", "remount", "mand", "nomand", "atime", "noatime",
      "diratime", "nodiratime", "bind", "rbind", "unbindable", "runbindable", "private", "rprivate",
      "shared", "rshared", "slave", "rslave", "relatime", "norelatime", "strictatime",
      "nostrictatime");
  /** The options ECS lists by name that take a value, written {@code name=value} as mount(8) does. */
  static final Set<String> WITH_VALUE = Set.of("mode", "uid", "gid", "nr_inodes", "nr_blocks", "mpol");
  static final String HINT = "ECS accepts mount(8) flags such as rw, ro, noexec, nosuid, nodev, and"
      + " mode, uid, gid, nr_inodes, nr_blocks, mpol with a value (mode=1777)";

  private TmpfsOptions() {}

  static boolean accepted(String option) {
    int eq = option.indexOf('=');
    return eq < 0 ? FLAGS.contains(option) : WITH_VALUE.contains(option.substring(0, eq));
  }
}

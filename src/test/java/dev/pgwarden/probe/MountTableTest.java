package dev.pgwarden.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines of /proc/self/mountinfo as the kernel writes them, including optional fields and escaped spaces. */
class MountTableTest {

    private static final MountTable MOUNTS = MountTable.parse(List.of(
            "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
            "30 22 0:26 / /var/lib/postgresql rw,relatime shared:12 master:3 - xfs /dev/sdb1 rw",
            "31 30 0:27 / /var/lib/postgresql/fast\\040disk rw - ext4 /dev/nvme0n1 rw",
            "garbage without a separator"));

    @Test
    void pathBelongsToTheLongestMountPointThatContainsIt() {
        assertThat(MOUNTS.of(Path.of("/var/lib/postgresql/15/main/pg_wal")))
                .contains(new MountTable.Mount("/var/lib/postgresql", "xfs", "/dev/sdb1"));
        assertThat(MOUNTS.of(Path.of("/etc"))).contains(new MountTable.Mount("/", "ext4", "/dev/vda"));
    }

    @Test
    void escapedSpacesInMountPointsAreUnescaped() {
        assertThat(MOUNTS.of(Path.of("/var/lib/postgresql/fast disk/ts")))
                .contains(new MountTable.Mount("/var/lib/postgresql/fast disk", "ext4", "/dev/nvme0n1"));
        // A sibling whose name only starts like the mount point is not under it.
        assertThat(MOUNTS.of(Path.of("/var/lib/postgresql/fast diskette")).orElseThrow().mountPoint()).isEqualTo("/var/lib/postgresql");
    }
}

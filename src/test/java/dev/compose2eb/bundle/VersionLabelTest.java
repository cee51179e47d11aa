package dev.compose2eb.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionLabelTest {
  static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  static final String SHA_A = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
  static final String SHA_B = "bbbbbbb1111111222222233333334444444aaaaa";

  @TempDir Path tmp;

  @Test
  void outsideARepositoryTheLabelIsLocal() {
    assertThat(BundleBuilder.versionLabel(tmp, HASH)).isEqualTo("local-9f86d081");
  }

  @Test
  void aDetachedHeadNamesItsCommit() throws IOException {
    write(".git/HEAD", SHA_A + "\n");
    assertThat(BundleBuilder.versionLabel(tmp, HASH)).isEqualTo("1a2b3c4-9f86d081");
  }

  @Test
  void aBranchIsReadFromItsLooseRef() throws IOException {
    write(".git/HEAD", "ref: refs/heads/main\n");
    write(".git/refs/heads/main", SHA_A + "\n");
    write(".git/packed-refs", SHA_B + " refs/heads/main\n");
    assertThat(BundleBuilder.versionLabel(tmp, HASH)).isEqualTo("1a2b3c4-9f86d081");
  }

  @Test
  void aBranchIsReadFromPackedRefsWhenNotLoose() throws IOException {
    write(".git/HEAD", "ref: refs/heads/release/v2\n");
    write(".git/packed-refs", "# pack-refs with: peeled fully-peeled sorted \n"
        + SHA_A + " refs/heads/main\n"
        + SHA_B + " refs/heads/release/v2\n"
        + "^" + SHA_A + "\n");
    assertThat(BundleBuilder.versionLabel(tmp, HASH)).isEqualTo("bbbbbbb-9f86d081");
  }

  @Test
  void aProjectInASubdirectoryUsesTheRepositoryAroundIt() throws IOException {
    write(".git/HEAD", SHA_B + "\n");
    Path sub = Files.createDirectories(tmp.resolve("samples/app"));
    assertThat(BundleBuilder.versionLabel(sub, HASH)).isEqualTo("bbbbbbb-9f86d081");
  }

  @Test
  void aLinkedWorktreeReadsItsOwnHeadAndTheSharedRefs() throws IOException {
    write("main/.git/HEAD", "ref: refs/heads/main\n");
    write("main/.git/refs/heads/main", SHA_A + "\n");
    write("main/.git/packed-refs", SHA_B + " refs/heads/feature\n");
    write("main/.git/worktrees/wt/HEAD", "ref: refs/heads/feature\n");
    write("main/.git/worktrees/wt/commondir", "../..\n");
    write("wt/.git", "gitdir: ../main/.git/worktrees/wt\n");
    assertThat(BundleBuilder.versionLabel(tmp.resolve("wt"), HASH)).isEqualTo("bbbbbbb-9f86d081");
    assertThat(BundleBuilder.versionLabel(tmp.resolve("main"), HASH)).isEqualTo("1a2b3c4-9f86d081");
  }

  @Test
  void aRefThatCannotBeResolvedGivesLocal() throws IOException {
    write(".git/HEAD", "ref: refs/heads/unborn\n");
    assertThat(BundleBuilder.versionLabel(tmp, HASH)).isEqualTo("local-9f86d081");
    write(".git/HEAD", "ref: ../../../etc/passwd\n");
    assertThat(GitHead.fromFiles(tmp.resolve(".git"))).isEmpty();
  }

  @Test
  void aRealRepositoryAndWorktreeMatchGitItself() throws IOException, InterruptedException {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    git(repo, "init", "-q", "-b", "main");
    Files.writeString(repo.resolve("a.txt"), "a\n");
    git(repo, "add", "a.txt");
    git(repo, "commit", "-q", "-m", "first");
    String head = git(repo, "rev-parse", "HEAD");
    assertThat(BundleBuilder.versionLabel(repo, HASH)).isEqualTo(head.substring(0, 7) + "-9f86d081");

    git(repo, "pack-refs", "--all");
    assertThat(repo.resolve(".git/refs/heads/main")).doesNotExist();
    assertThat(BundleBuilder.versionLabel(repo, HASH)).isEqualTo(head.substring(0, 7) + "-9f86d081");

    git(repo, "worktree", "add", "-q", "-b", "side", tmp.resolve("side").toString());
    Files.writeString(tmp.resolve("side/b.txt"), "b\n");
    git(tmp.resolve("side"), "add", "b.txt");
    git(tmp.resolve("side"), "commit", "-q", "-m", "second");
    String side = git(tmp.resolve("side"), "rev-parse", "HEAD");
    assertThat(side).isNotEqualTo(head);
    assertThat(BundleBuilder.versionLabel(tmp.resolve("side"), HASH))
        .isEqualTo(side.substring(0, 7) + "-9f86d081");
  }

  @Test
  void theHashMustBeHex() {
    assertThatThrownBy(() -> BundleBuilder.versionLabel(tmp, "XYZ"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c",
        "user.email=t@example.com", "-c", "commit.gpgsign=false"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    return out;
  }
}

package dev.compose2eb.buildspec;

import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.util.List;
import java.util.Set;

/**
 * Turns a parsed buildspec into one POSIX shell script that runs it the way CodeBuild runs version
 * 0.2 (AWS CodeBuild user guide, "Shells and commands in build environments", "Build phase
 * transitions", buildspec reference):
 *
 * <ul>
 *   <li>all commands of all phases run in one shell instance, so variables set in pre_build are
 *       seen in post_build (version 0.1 used one shell per command);
 *   <li>each command's exit status is checked: the first failing command fails its phase and the
 *       phase's remaining commands do not run. There is no {@code set -e} inside a command and no
 *       {@code pipefail}: a pipeline's status is its last command's;
 *   <li>after a failed phase, {@code on-failure: ABORT} ends the build and {@code CONTINUE} goes on;
 *       without it, a failed install or pre_build ends the build while a failed build phase still
 *       goes on to post_build;
 *   <li>{@code env.variables} are defaults: a variable set on the project or the build wins.
 * </ul>
 *
 * The script appends {@code phase [name]} at the start of each phase and {@code end [ok]} or
 * {@code end [failed in <phase>]} to {@code $STUB_LOG}, next to what the stub commands record.
 */
final class CodeBuildEmulator {
  static final List<String> PHASES = List.of("install", "pre_build", "build", "post_build");
  /** Phases whose failure, with no on-failure, still lets the next phase run. */
  private static final Set<String> CONTINUE_BY_DEFAULT = Set.of("build");

  private CodeBuildEmulator() {}

  static String script(MapNode buildspec) {
    StringBuilder sh = new StringBuilder();
    sh.append("__log() { printf '%s\\n' \"$1\" >> \"$STUB_LOG\"; }\n");
    if (buildspec.get("env") instanceof MapNode env && env.get("variables") instanceof MapNode vars) {
      for (String k : vars.keys()) {
        String v = String.valueOf(((ScalarNode) vars.get(k)).value());
        sh.append("if [ -z \"${").append(k).append("+set}\" ]; then export ").append(k).append('=')
            .append(Shell.quote(v)).append("; fi\n");
      }
    }
    MapNode phases = (MapNode) buildspec.get("phases");
    for (String name : PHASES) {
      if (!(phases.get(name) instanceof MapNode phase)) {
        continue;
      }
      sh.append("__phase_").append(name).append("() {\n");
      sh.append("  __log 'phase [").append(name).append("]'\n");
      for (Node c : ((SeqNode) phase.get("commands")).items()) {
        sh.append((String) ((ScalarNode) c).value()).append('\n');
        sh.append("  __rc=$?; if [ \"$__rc\" -ne 0 ]; then return \"$__rc\"; fi\n");
      }
      sh.append("}\n");
    }
    for (String name : PHASES) {
      if (!(phases.get(name) instanceof MapNode phase)) {
        continue;
      }
      String onFailure = phase.get("on-failure") instanceof ScalarNode s
          ? String.valueOf(s.value()) : "";
      boolean goOn = onFailure.equals("CONTINUE")
          || onFailure.isEmpty() && CONTINUE_BY_DEFAULT.contains(name);
      sh.append("if ! __phase_").append(name).append("; then __log 'phase failed [").append(name)
          .append("]'; __failed=").append(name).append(goOn ? "; fi\n"
              : "; __log \"end [failed in $__failed]\"; exit 1; fi\n");
    }
    sh.append("if [ -n \"${__failed:-}\" ]; then __log \"end [failed in $__failed]\"; exit 1; fi\n");
    sh.append("__log 'end [ok]'\n");
    return sh.toString();
  }
}

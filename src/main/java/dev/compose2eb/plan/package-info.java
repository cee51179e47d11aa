/**
 * The deployment plan: the target-neutral decisions made once from the compose model and the
 * target's facts (the instance type), which every writer (Dockerrun v2, the Docker platform's
 * compose file, .ebextensions, buildspec, report) renders and none re-decides. It holds decisions
 * only, never a second copy of the compose model: the instance type and its memory budget, the
 * memory of each container, the entry service and port that serve on host port 80, the one-shot
 * services others wait for to complete, the mounts left out of production with the reason, and
 * which variables are secrets.
 *
 * <p>May use {@code compose}, {@code diag} and {@code yaml}; never {@code dockerrun} (a writer's
 * format) nor {@code cli}. The table of instance types is a resource of this package
 * ({@code instance-types.tsv}).
 */
package dev.compose2eb.plan;

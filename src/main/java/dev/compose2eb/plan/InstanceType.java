package dev.compose2eb.plan;

/**
 * An EC2 instance type and the memory installed in it.
 *
 * @param name e.g. {@code t3.small}
 * @param memoryMib installed memory in MiB, as AWS lists it (t3.small: 2 GiB = 2048)
 */
public record InstanceType(String name, int memoryMib) {
  /** The share of installed memory the containers' reservations may take, in percent. */
  public static final int BUDGET_PERCENT = 90;

  /**
   * What the containers of the task may reserve together: {@value #BUDGET_PERCENT}% of the
   * installed memory. ECS places a task only when its reservations fit the memory the instance
   * registers, which is below the installed memory (AWS's example: 7985 of 8192 MiB on an
   * m4.large), and the ECS agent, Docker and Elastic Beanstalk's own daemons run outside the task.
   */
  public int budgetMib() {
    return (int) ((long) memoryMib * BUDGET_PERCENT / 100);
  }

  /** The family, the part before the dot: {@code t3} of {@code t3.small}. */
  public String family() {
    return name.substring(0, name.indexOf('.'));
  }
}

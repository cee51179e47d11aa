/**
 * The Docker platform's target: the {@code docker-compose.yml} that Elastic Beanstalk's "Docker
 * running on 64bit Amazon Linux 2023" runs from the root of the source bundle, written from the
 * project's own normalised compose tree ({@code ConfigTree}, the rendering of {@code config});
 * the check of a hand-written compose file meant for that platform; and the migration of a
 * Dockerrun.aws.json v2 into a compose file.
 *
 * <p>May use {@code compose}, {@code translate} (images, environment properties), {@code plan},
 * {@code dockerrun} (the migration reads one), {@code yaml} and {@code diag}; never {@code cli}.
 */
package dev.compose2eb.ebcompose;

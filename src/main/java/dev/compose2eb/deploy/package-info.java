/**
 * Deploys a compose project to Elastic Beanstalk: images to ECR, the source bundle to EB's S3
 * bucket, the application version, the environment and its variables, then waits for the result.
 * Every step first reads what exists and writes only what differs, so a deploy that is interrupted
 * and run again converges, and a redeploy of an unchanged project makes no write call. This package
 * never prints: it reports through {@link dev.compose2eb.deploy.DeployListener}.
 */
package dev.compose2eb.deploy;

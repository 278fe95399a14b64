import { IConstruct } from "constructs";
import { checkArnInStackRegion } from "../internal/region-checks";
import { checkPattern } from "../internal/validate";

/**
 * Where alarms notify. Modules that offer alarms (database, service, CDN) take this and
 * create their alarms only when it is given; `Monitoring` implements it.
 */
export interface AlarmTopics {
  /** SNS topic ARN for alarms that page someone. */
  readonly criticalTopicArn: string;
  /** SNS topic ARN for alarms that only need attention. */
  readonly warningTopicArn: string;
}

/**
 * Both topics must be SNS topic ARNs (CloudWatch alarm actions take ARNs only: a topic name fails
 * at apply) in the stack's region (an alarm notifies topics of its own region only).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (AlarmActions)
 */
export function checkAlarmTopics(scope: IConstruct, prop: string, topics: AlarmTopics | undefined): void {
  if (topics === undefined) return;
  for (const key of ["criticalTopicArn", "warningTopicArn"] as const) {
    checkPattern(
      scope,
      `${prop}.${key}`,
      topics[key],
      /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/,
      "must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>), not a topic name",
    );
    checkArnInStackRegion(scope, `${prop}.${key}`, topics[key], "CloudWatch alarms notify topics of their own region only");
  }
}

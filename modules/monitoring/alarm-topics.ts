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

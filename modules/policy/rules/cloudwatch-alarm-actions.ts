import { ALWAYS, defineRule } from "../types";

/** Alarms notify someone. */
export const cloudwatchAlarmActions = defineRule({
  id: "CLOUDWATCH-ALARM-ACTIONS",
  cites: ["FSBP CloudWatch.17", "CKV_AWS_319"],
  description:
    "CloudWatch metric alarms keep actions enabled and have at least one alarm action, so a breach notifies someone instead of changing state silently. The library's alarms always have actions; the rule guards raw resources and overrides.",
  severity: ALWAYS,
  resourceTypes: ["aws_cloudwatch_metric_alarm"],
  check: (a) => {
    if (a.config.actions_enabled === false) return "actions_enabled is false";
    const actions = a.config.alarm_actions;
    return Array.isArray(actions)
      ? actions.length > 0
        ? undefined
        : "alarm_actions is empty"
      : actions
        ? undefined
        : "alarm_actions is unset";
  },
  fix: "the library's alarms (`WebService`/`PostgresDatabase`/`CdnDistribution` prop `alarms`) always notify the `Monitoring` topics; raw `CloudwatchMetricAlarm`: leave `actionsEnabled` unset and set `alarmActions` to a topic",
});
